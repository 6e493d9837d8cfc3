package org.gatehouse.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gatehouse:danger-zones, danger-zone and danger-zone-delete against core's real service. */
class DangerZoneCommandsTest {
    private final Platform core = PersonImportCommandTest.platform();

    @AfterEach
    void stop() {
        core.stop();
    }

    private DangerZoneCommand save(String zone, String kind) {
        DangerZoneCommand c = new DangerZoneCommand();
        c.dangerZones = core.dangerZones;
        c.zone = zone;
        c.kind = kind;
        return c;
    }

    @Test
    void rulesAreListedSavedAndDeleted() throws Exception {
        TestDb.seedGate(core);
        core.sites.saveZone(new Zone("pond", "s1", "Pond", ZoneKind.DANGER, false, List.of()), "t");
        core.sites.saveZone(new Zone("chem-store", "s1", "Chemical store", ZoneKind.DANGER, false, List.of()), "t");
        core.sites.saveDevice(new Device("cam-pond", "s1", "pond", "camera", "http", "Pond camera",
                DeviceStatus.UNKNOWN, Map.of()), "t");
        core.persons.savePerson(new Person("staff-li", "Li", PersonRole.STAFF, null, null, null, null), "t");

        DangerZonesCommand list = new DangerZonesCommand();
        list.dangerZones = core.dangerZones;
        assertTrue(Capture.run(list)[0].startsWith("No danger-zone rules"));

        DangerZoneCommand pond = save("pond", "water");
        pond.cameras = List.of("cam-pond");
        String[] out = Capture.run(pond);
        assertEquals("Saved pond           WATER          allowed never  persons -  cameras cam-pond  MAJOR    fold 10m",
                out[0].strip(), out[1]);
        DangerZoneCommand chem = save("chem-store", "CHEMICAL_STORE");
        chem.allowed = List.of("school 08:00-17:00", "sat all-day");
        chem.persons = List.of("staff-li");
        chem.severity = "critical";
        chem.fold = 30;
        out = Capture.run(chem);
        assertTrue(out[0].contains("allowed school 08:00-17:00, SAT 00:00-00:00  persons staff-li  cameras -"
                + "  CRITICAL fold 30m"), out[0] + out[1]);
        assertEquals("karaf", core.audit.query("danger-zone", "chem-store", null, 0, 1).items().get(0).actor());
        assertEquals(2, Capture.run(list)[0].lines().count());

        DangerZoneCommand bad = save("chem-store", "LAB");
        bad.allowed = List.of("school 8-17");
        assertTrue(Capture.run(bad)[1].contains("bad-window"));
        bad.allowed = List.of("08:00-17:00");
        assertTrue(Capture.run(bad)[1].contains("bad-window"));
        bad.allowed = List.of("weekdays 08:00-17:00");
        assertTrue(Capture.run(bad)[1].contains("bad-window"));
        bad.allowed = null;
        bad.kind = "volcano";
        assertTrue(Capture.run(bad)[1].contains("invalid-kind"));
        bad.kind = "LAB";
        bad.persons = List.of("ghost");
        assertTrue(Capture.run(bad)[1].contains("unknown-person"));
        bad.persons = null;
        bad.fold = 5000;
        assertTrue(Capture.run(bad)[1].contains("bad-fold"));
        bad.fold = 0;
        bad.zone = "main-gate";
        assertTrue(Capture.run(bad)[1].contains("not-danger-zone"));
        assertEquals(30, core.dangerZones.rule("chem-store").orElseThrow().foldMinutes(), "unchanged");

        DangerZoneDeleteCommand delete = new DangerZoneDeleteCommand();
        delete.dangerZones = core.dangerZones;
        delete.zone = "chem-store";
        assertEquals("Deleted the danger-zone rule of chem-store", Capture.run(delete)[0].strip());
        assertTrue(Capture.run(delete)[1].contains("no-rule"));
    }
}
