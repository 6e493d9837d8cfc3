package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.service.SiteService;

@Command(scope = "gatehouse", name = "device-remove",
        description = "Removes a device from the registry; its stored events stay.")
@Service
public class DeviceRemoveCommand extends GatehouseAction {

    @Reference
    SiteService sites;

    @Argument(index = 0, name = "id", description = "Device id", required = true)
    @Completion(DeviceIdCompleter.class)
    String id;

    @Override
    protected void run() {
        sites.deleteDevice(id, currentUser());
        System.out.println("Device " + id + " removed");
    }
}
