package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.perimeter.ArmingService;

@Command(scope = "gatehouse", name = "zone-bypass-end",
        description = "Ends a perimeter zone's bypass before its time (nothing to do without one). Audited.")
@Service
public class ZoneBypassEndCommand extends GatehouseAction {

    @Reference
    ArmingService arming;

    @Argument(index = 0, name = "zone", description = "Perimeter zone id", required = true)
    String zone;

    @Override
    protected void run() {
        System.out.println(ZonesArmingCommand.line(arming.endBypass(zone, currentUser())));
    }
}
