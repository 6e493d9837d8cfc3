package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.device.MappingResult;
import org.gatehouse.api.service.DeviceControl;

@Command(scope = "gatehouse", name = "device-test",
        description = "Shows how a sample message would be mapped by a device's rules (a device by Camel URI, an OPC UA"
                + " client device); nothing is stored or published.")
@Service
public class DeviceTestCommand extends GatehouseAction {

    @Reference
    DeviceControl control;

    @Argument(index = 0, name = "device", description = "Device id", required = true)
    @Completion(DeviceIdCompleter.class)
    String device;

    @Argument(index = 1, name = "payload", description = "The message: a JSON document (quote it), a text line, or"
            + " for OPC UA <nodeId>=<value>", required = true)
    String payload;

    @Override
    protected void run() {
        MappingResult r = control.testPayload(device, payload);
        if (!r.matched()) {
            System.out.println("No event" + (r.rule() == null ? "" : " (rule " + r.rule() + ")") + ": "
                    + Formats.orDash(r.error()));
            return;
        }
        System.out.println("Matched " + r.rule() + ": " + r.events().size() + " event(s), not stored");
        for (SecurityEvent e : r.events()) {
            System.out.println("  " + Formats.event(e));
        }
    }
}
