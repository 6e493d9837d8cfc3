package org.gatehouse.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gatehouse:zones-arming, zone-arm, zone-disarm, zone-bypass, zone-bypass-end and zone-schedule against core. */
class ArmingCommandsTest {
    private final Platform core = PersonImportCommandTest.platform();

    @AfterEach
    void stop() {
        core.stop();
    }

    @Test
    void armDisarmBypassAndSchedule() throws Exception {
        TestDb.seedGate(core);
        core.sites.saveZone(new Zone("north", "s1", "North fence", ZoneKind.PERIMETER, true, List.of()), "t");
        core.sites.saveDevice(new Device("fence-n1", "s1", "north", "fence", "http", "Fence N1",
                DeviceStatus.UNKNOWN, Map.of()), "t");

        ZonesArmingCommand list = new ZonesArmingCommand();
        list.arming = core.arming;
        String[] out = Capture.run(list);
        assertTrue(out[0].lines().skip(1).findFirst().orElseThrow().matches("north\\s+ARMED\\s+fixed\\s+-\\s+-\\s+no"
                + " schedule"), out[0]);

        ZoneDisarmCommand disarm = new ZoneDisarmCommand();
        disarm.arming = core.arming;
        disarm.zone = "north";
        assertTrue(Capture.run(disarm)[1].contains("reason-required"));
        disarm.reason = "fence repair";
        disarm.until = "tomorrow";
        assertTrue(Capture.run(disarm)[1].contains("bad-until"));
        disarm.until = "+2h";
        out = Capture.run(disarm);
        assertTrue(out[0].matches("(?s)north\\s+disarmed\\s+manual\\s+\\d{4}-.*\\(by karaf\\)\\s*"), out[0] + out[1]);
        assertFalse(core.arming.zone("north").armed());
        assertNotNull(core.arming.zone("north").manualUntil());

        ZoneArmCommand arm = new ZoneArmCommand();
        arm.arming = core.arming;
        arm.zone = "main-gate";
        assertTrue(Capture.run(arm)[1].contains("not-perimeter"));
        arm.zone = "nowhere";
        assertTrue(Capture.run(arm)[1].contains("unknown-zone"));
        arm.zone = "north";
        out = Capture.run(arm);
        assertTrue(out[0].contains("ARMED") && out[0].contains("(next change)"), out[0] + out[1]);

        ZoneBypassCommand bypass = new ZoneBypassCommand();
        bypass.arming = core.arming;
        bypass.zone = "north";
        bypass.reason = "gardener";
        assertTrue(Capture.run(bypass)[1].contains("bad-until"));
        bypass.until = "+100h";
        assertTrue(Capture.run(bypass)[1].contains("bad-until"));
        bypass.until = Instant.now().plusSeconds(3600).toString();
        out = Capture.run(bypass);
        assertTrue(out[0].contains("BYPASSED") && out[0].contains("bypass until") && out[0].contains("gardener"),
                out[0] + out[1]);
        ZoneBypassEndCommand end = new ZoneBypassEndCommand();
        end.arming = core.arming;
        end.zone = "north";
        out = Capture.run(end);
        assertTrue(out[0].contains("ARMED") && !out[0].contains("bypass until"), out[0] + out[1]);

        ZoneScheduleCommand schedule = new ZoneScheduleCommand();
        schedule.arming = core.arming;
        schedule.zone = "north";
        schedule.windows = List.of("school 18:30-06:30", "holiday all-day");
        out = Capture.run(schedule);
        assertTrue(out[0].contains("school 18:30-06:30, holiday all-day"), out[0] + out[1]);
        assertEquals(2, core.arming.zone("north").schedule().windows().size());
        schedule.windows = List.of("school 18:30");
        assertTrue(Capture.run(schedule)[1].contains("bad-window"));
        schedule.windows = List.of("weekdays 18:30-06:30");
        assertTrue(Capture.run(schedule)[1].contains("bad-days"));
        schedule.windows = null;
        assertTrue(Capture.run(schedule)[0].contains("no schedule"));
        assertEquals("karaf", core.audit.query("zone", "north", null, 0, 1).items().get(0).actor());
    }
}
