package org.gatehouse.shell.internal;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.perimeter.ArmingService;

@Command(scope = "gatehouse", name = "zone-arm",
        description = "Arms a perimeter zone by hand until --until, else until its schedule next changes the state (for"
                + " ever without a schedule). Audited.")
@Service
public class ZoneArmCommand extends GatehouseAction {

    @Reference
    ArmingService arming;

    @Argument(index = 0, name = "zone", description = "Perimeter zone id", required = true)
    String zone;

    @Option(name = "--until", description = "End: an instant (2026-03-02T22:00:00Z) or +30m, +2h, +3d")
    String until;

    @Option(name = "--reason", description = "Why (optional)")
    String reason;

    @Override
    protected void run() {
        System.out.println(ZonesArmingCommand.line(arming.arm(zone, true, ZonesArmingCommand.until(until,
                Instant.now()), reason, currentUser())));
    }
}
