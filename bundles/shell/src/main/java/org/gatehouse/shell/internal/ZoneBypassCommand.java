package org.gatehouse.shell.internal;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.perimeter.ArmingService;

@Command(scope = "gatehouse", name = "zone-bypass",
        description = "Bypasses a perimeter zone until a time (at most perimeter.bypass.max.hours ahead): its"
                + " intrusions are only recorded, tamper and wire cut still alarm. Reason and end required. Audited.")
@Service
public class ZoneBypassCommand extends GatehouseAction {

    @Reference
    ArmingService arming;

    @Argument(index = 0, name = "zone", description = "Perimeter zone id", required = true)
    String zone;

    @Option(name = "--reason", description = "Why (required)")
    String reason;

    @Option(name = "--until", description = "End (required): an instant (2026-03-02T22:00:00Z) or +30m, +2h, +3d")
    String until;

    @Override
    protected void run() {
        System.out.println(ZonesArmingCommand.line(arming.bypass(zone, reason, ZonesArmingCommand.until(until,
                Instant.now()), currentUser())));
    }
}
