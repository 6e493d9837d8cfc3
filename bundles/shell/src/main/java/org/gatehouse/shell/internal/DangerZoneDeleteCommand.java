package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.danger.DangerZoneService;

@Command(scope = "gatehouse", name = "danger-zone-delete", description = "Deletes the danger-zone rule of a zone"
        + " (presences there no longer warn anyone).")
@Service
public class DangerZoneDeleteCommand extends GatehouseAction {

    @Reference
    DangerZoneService dangerZones;

    @Argument(index = 0, name = "zone", description = "Zone id", required = true)
    String zone;

    @Override
    protected void run() {
        dangerZones.delete(zone, currentUser());
        System.out.println("Deleted the danger-zone rule of " + zone);
    }
}
