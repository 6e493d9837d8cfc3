package org.gatehouse.shell.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.service.SiteService;

@Command(scope = "gatehouse", name = "device-add",
        description = "Registers a device, or replaces the registration of an existing id (its status is kept).")
@Service
public class DeviceAddCommand extends GatehouseAction {

    @Reference
    SiteService sites;

    @Argument(index = 0, name = "id", description = "Device id, unique across sites", required = true)
    String id;

    @Option(name = "--site", aliases = "-s", description = "Site the device is installed at", required = true)
    String site;

    @Option(name = "--zone", aliases = "-z", description = "Zone the device watches")
    String zone;

    @Option(name = "--type", aliases = "-t", description = "Device type: fence, camera, facegate, thermo, pir, ...",
            required = true)
    String type;

    @Option(name = "--vendor", aliases = "-v", description = "Driver vendor key (gatehouse.device.vendor)",
            required = true)
    String vendor;

    @Option(name = "--name", aliases = "-N", description = "Display name")
    String name;

    @Option(name = "-p", aliases = "--property", description = "A property key=value (repeatable)",
            multiValued = true)
    List<String> properties;

    @Override
    protected void run() {
        Map<String, String> props = new LinkedHashMap<>();
        if (properties != null) {
            for (String p : properties) {
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    throw GatehouseException.invalid("invalid-property", "property '" + p + "' is not key=value");
                }
                props.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
            }
        }
        boolean existed = sites.device(id).isPresent();
        Device saved = sites.saveDevice(new Device(id, site, zone, type, vendor, name, DeviceStatus.UNKNOWN, props),
                currentUser());
        System.out.println("Device " + saved.id() + (existed ? " updated" : " added") + " (site " + saved.siteId()
                + ", type " + saved.type() + ", vendor " + saved.vendor() + ")");
    }
}
