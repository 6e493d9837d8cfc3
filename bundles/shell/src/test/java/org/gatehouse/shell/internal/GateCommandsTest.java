package org.gatehouse.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.Site;
import org.gatehouse.api.access.SyncState;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** gatehouse:gates, gatehouse:gate-sync and gatehouse:validity against core's real roster service on Derby. */
class GateCommandsTest {
    private final Platform core = PersonImportCommandTest.platform();

    @BeforeEach
    void seed() {
        core.faces.engineAdded("onnx", new TestEngine("onnx", "test-a", false));
        core.sites.saveSite(new Site("s1", "School", "Asia/Shanghai", null), "t");
        core.sites.saveDevice(new Device("t1", "s1", null, "facegate", "hikvision", "Terminal 1", DeviceStatus.ONLINE,
                Map.of("direction", "in")), "t");
        core.sites.saveDevice(new Device("gate-1", "s1", null, "facegate", "http", "Gate 1", DeviceStatus.UNKNOWN,
                Map.of("direction", "in")), "t");
        core.sites.saveDevice(new Device("fence-1", "s1", null, "fence", "http", "Fence", DeviceStatus.UNKNOWN,
                Map.of()), "t");
        core.persons.savePerson(new Person("g1", "Mum", PersonRole.GUARDIAN, "+8613800000001", null, null, null), "t");
        for (int n = 1; n <= 2; n++) {
            core.persons.savePerson(new Person("stu" + n, "Student " + n, PersonRole.STUDENT, null, null, null, "3-2"),
                    "t");
            core.persons.bind(new GuardianBinding("g1", "stu" + n, "mother", "sms", false), "t");
            core.faces.recordConsent("stu" + n, "g1", true, "t");
            core.faces.enroll("stu" + n, new Frame(TestEngine.png(TestEngine.face(n, 0)), "png"), "t");
        }
    }

    @AfterEach
    void stop() {
        core.stop();
    }

    private String[] run(GatehouseAction a) throws Exception {
        try (Capture c = new Capture()) {
            a.execute();
            return new String[] {c.out(), c.err()};
        }
    }

    @Test
    void gatesTableAndSyncOfATerminal() throws Exception {
        String hash = core.roster.roster("t1").get(1).faceHash();
        core.roster.report("t1", "stu1", SyncState.SYNCED, core.roster.roster("t1").get(0).faceHash(), null);
        core.roster.report("t1", "stu2", SyncState.FAILED, hash, "faceQualityTooLow");
        core.roster.reportRun("t1", "timeout");

        GatesCommand gates = new GatesCommand();
        gates.sites = core.sites;
        gates.rosters = core.roster;
        String out = run(gates)[0];
        List<String> lines = out.lines().toList();
        assertEquals(4, lines.size(), out); // header, rule, two gates; the fence is no gate
        assertTrue(lines.get(2).matches("gate-1 .*http .*UNKNOWN .*- .*- .*- .*- .*- .*-\\s*"), lines.get(2));
        assertTrue(lines.get(3).matches("t1 .*hikvision .*UNKNOWN .*2 .*1 .*1 .*0 .*20\\d\\d-.*timeout\\s*"),
                lines.get(3));

        GateSyncCommand sync = new GateSyncCommand();
        sync.rosters = core.roster;
        sync.device = "t1";
        List<String> all = run(sync)[0].lines().toList();
        assertTrue(all.get(0).startsWith("t1: 2 desired, 1 synced, 1 failed, 0 pending; last run 20"), all.get(0));
        assertTrue(all.get(0).endsWith("last error: timeout"), all.get(0));
        assertEquals(3, all.size());
        sync.failed = true;
        List<String> failed = run(sync)[0].lines().toList();
        assertEquals(2, failed.size());
        assertTrue(failed.get(1).startsWith("stu2") && failed.get(1).endsWith("faceQualityTooLow"), failed.get(1));
        sync.retry = true;
        List<String> retried = run(sync)[0].lines().toList();
        assertTrue(retried.get(0).startsWith("Refused persons of t1 are due again"), retried.get(0));
        assertTrue(retried.get(1).contains("0 failed, 1 pending"), retried.get(1));
        assertTrue(core.audit.query("device", "t1", null, 0, 10).items().stream()
                .anyMatch(a -> a.action().equals("gate-sync-retry") && a.actor().equals("karaf")));

        sync.device = "fence-1";
        sync.retry = false;
        String[] bad = run(sync);
        assertTrue(bad[1].contains("not-a-facegate"), bad[1]);
        assertEquals("", bad[0]);
    }

    @Test
    void validityIsShownAndSet() throws Exception {
        ValidityCommand v = new ValidityCommand();
        v.rosters = core.roster;
        v.person = "stu1";
        assertEquals("stu1: no validity (always valid)", run(v)[0].strip());
        v.to = "2020-01-01T00:00:00Z";
        assertEquals("stu1: valid from open to 2020-01-01T00:00:00Z", run(v)[0].strip());
        assertEquals(1, core.roster.roster("t1").size(), "stu1 left the terminal's roster");
        v.to = null;
        v.from = "2019-09-01T00:00:00Z";
        assertEquals("stu1: valid from 2019-09-01T00:00:00Z to 2020-01-01T00:00:00Z", run(v)[0].strip(),
                "the other end is kept");
        v.from = "next monday";
        String[] bad = run(v);
        assertTrue(bad[1].contains("invalid-from"), bad[1]);
        v.from = "2021-01-01T00:00:00Z";
        assertTrue(run(v)[1].contains("bad-validity"));
        v.from = "open";
        v.to = "open";
        assertEquals("stu1: no validity (always valid)", run(v)[0].strip());
        v.person = "nobody";
        assertTrue(run(v)[1].contains("unknown-person"));
    }
}
