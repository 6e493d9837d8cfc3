package org.gatehouse.shell.internal;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.perimeter.ZoneArming;

@Command(scope = "gatehouse", name = "zone-bypass",
        description = "Bypasses a perimeter zone until --until (required, at most perimeter.bypass.max.hours ahead):"
                + " its intrusions are only recorded, tamper and wire cut still alarm. --reason is required. Audited.")
@Service
public class ZoneBypassCommand extends ZoneChangeAction {
    @Override
    ZoneArming change(Instant end) {
        return arming.bypass(zone, reason, end, currentUser());
    }
}
