package org.gatehouse.shell.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.service.DeviceControl;

@Command(scope = "gatehouse", name = "device-command",
        description = "Sends a command (open, arm, disarm, snapshot, trigger, ...) to a device through its driver.")
@Service
public class DeviceCommandCommand extends GatehouseAction {
    static final long TIMEOUT_SECONDS = 15;

    @Reference
    DeviceControl control;

    @Argument(index = 0, name = "device", description = "Device id", required = true)
    @Completion(DeviceIdCompleter.class)
    String device;

    @Argument(index = 1, name = "command", description = "Command name", required = true)
    String command;

    @Argument(index = 2, name = "parameters", description = "Parameters as key=value", multiValued = true)
    List<String> parameters;

    @Override
    protected void run() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        if (parameters != null) {
            for (String p : parameters) {
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    throw GatehouseException.invalid("invalid-parameter", "parameter '" + p + "' is not key=value");
                }
                params.put(p.substring(0, eq), p.substring(eq + 1));
            }
        }
        CommandResult r;
        try {
            r = control.execute(device, new DeviceCommand(command, params), currentUser()).toCompletableFuture()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            System.err.println("Error: device-timeout: device '" + device + "' did not answer within " + TIMEOUT_SECONDS
                    + " s");
            return;
        } catch (ExecutionException e) {
            System.err.println("Error: driver-error: " + e.getCause());
            return;
        }
        System.out.println(r.ok() ? "OK " + command + " on " + device + (r.data().isEmpty() ? "" : " " + r.data())
                : "Failed " + command + " on " + device + ": " + r.message());
    }
}
