package org.gatehouse.shell.internal;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.perimeter.ZoneArming;

@Command(scope = "gatehouse", name = "zone-disarm",
        description = "Disarms a perimeter zone by hand (its intrusions are only recorded; tamper and wire cut still"
                + " alarm) until --until, else until its schedule next changes the state. --reason is required."
                + " Audited.")
@Service
public class ZoneDisarmCommand extends ZoneChangeAction {
    @Override
    ZoneArming change(Instant end) {
        return arming.arm(zone, false, end, reason, currentUser());
    }
}
