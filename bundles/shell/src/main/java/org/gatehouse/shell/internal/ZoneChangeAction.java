package org.gatehouse.shell.internal;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.gatehouse.api.perimeter.ArmingService;
import org.gatehouse.api.perimeter.ZoneArming;

/** Base of zone-arm, zone-disarm and zone-bypass: a zone, an end and a reason; prints the zone's arming after. */
abstract class ZoneChangeAction extends GatehouseAction {

    @Reference
    ArmingService arming;

    @Argument(index = 0, name = "zone", description = "Perimeter zone id", required = true)
    String zone;

    @Option(name = "--until", description = "End: an instant (2026-03-02T22:00:00Z) or +30m, +2h, +3d")
    String until;

    @Option(name = "--reason", description = "Why (required to disarm and to bypass)")
    String reason;

    @Override
    protected final void run() {
        System.out.println(ZonesArmingCommand.line(change(ZonesArmingCommand.until(until, Instant.now()))));
    }

    /** Makes the change as the session's user. */
    abstract ZoneArming change(Instant end);
}
