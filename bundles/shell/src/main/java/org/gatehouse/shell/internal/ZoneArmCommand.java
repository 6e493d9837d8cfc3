package org.gatehouse.shell.internal;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.perimeter.ZoneArming;

@Command(scope = "gatehouse", name = "zone-arm",
        description = "Arms a perimeter zone by hand until --until, else until its schedule next changes the state (for"
                + " ever without a schedule). Audited.")
@Service
public class ZoneArmCommand extends ZoneChangeAction {
    @Override
    ZoneArming change(Instant end) {
        return arming.arm(zone, true, end, reason, currentUser());
    }
}
