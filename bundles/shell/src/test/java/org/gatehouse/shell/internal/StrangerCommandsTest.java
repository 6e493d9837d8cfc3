package org.gatehouse.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.access.GateSettings;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.core.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gatehouse:stranger-rules, stranger-rule, stranger-rule-delete and stranger-alerts against core's real service. */
class StrangerCommandsTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    private final Platform core = PersonImportCommandTest.platform();

    @AfterEach
    void stop() {
        core.stop();
    }

    @Test
    void rulesAndAlerts() throws Exception {
        TestDb.seedGate(core);
        core.sites.saveZone(new Zone("dorm", "s1", "Dormitory", ZoneKind.BUILDING, false, List.of()), "t");
        core.sites.saveDevice(new Device("dorm-door", "s1", "dorm", "facegate", "http", "Dorm door",
                DeviceStatus.UNKNOWN, Map.of("direction", "in")), "t");

        StrangerRulesCommand list = new StrangerRulesCommand();
        list.strangers = core.strangers;
        assertTrue(Capture.run(list)[0].startsWith("No stranger rules"));

        StrangerRuleCommand save = new StrangerRuleCommand();
        save.strangers = core.strangers;
        save.id = "dorm-night";
        save.zone = "dorm";
        save.days = "all";
        save.window = "22:00-06:00";
        String[] out = Capture.run(save);
        assertEquals("Saved dorm-night       dorm         all          22:00-06:00  MAJOR    fold 30m  \"dorm-night\"",
                out[0].strip(), out[1]);
        assertEquals("karaf", core.audit.query("stranger-rule", "dorm-night", null, 0, 1).items().get(0).actor());

        StrangerRuleCommand bad = new StrangerRuleCommand();
        bad.strangers = core.strangers;
        bad.id = "r2";
        bad.zone = "*";
        bad.days = "weekdays";
        bad.window = "22:00-06:00";
        assertTrue(Capture.run(bad)[1].contains("bad-days"));
        bad.days = "sat,sun";
        bad.window = "22:00";
        assertTrue(Capture.run(bad)[1].contains("bad-window"));
        bad.window = "22:00-26:00";
        assertTrue(Capture.run(bad)[1].contains("bad-window"));
        bad.window = "00:00-00:00";
        bad.zone = "nowhere";
        assertTrue(Capture.run(bad)[1].contains("unknown-zone"));
        bad.zone = "*";
        bad.severity = "loud";
        assertTrue(Capture.run(bad)[1].contains("invalid-severity"));
        bad.severity = "critical";
        bad.fold = 5000;
        assertTrue(Capture.run(bad)[1].contains("bad-fold"));
        bad.fold = 60;
        out = Capture.run(bad);
        assertTrue(out[0].contains("SAT,SUN") && out[0].contains("CRITICAL") && out[0].contains("fold 60m"), out[0]);
        assertEquals(2, Capture.run(list)[0].lines().count());

        StrangerRuleDeleteCommand delete = new StrangerRuleDeleteCommand();
        delete.strangers = core.strangers;
        delete.id = "r2";
        assertEquals("Deleted stranger rule r2", Capture.run(delete)[0].strip());
        assertTrue(Capture.run(delete)[1].contains("unknown-rule"));

        StrangerAlertsCommand alerts = new StrangerAlertsCommand();
        alerts.strangers = core.strangers;
        assertEquals("No stranger alerts.", Capture.run(alerts)[0].strip());
        core.passages.configure(new GateSettings(Path.of("target/test-snapshots/" + UUID.randomUUID())
                .toAbsolutePath(), 30, 37.3f, SH));
        core.faces.engineAdded("onnx", new TestEngine("onnx", "test-a", false));
        for (int photo = 1; photo <= 2; photo++) {
            core.passages.decide("dorm-door", new Frame(TestEngine.png(TestEngine.face(9, photo)), "png"), null,
                    LocalDateTime.of(2026, 3, 2, 23, photo).atZone(SH).toInstant());
        }
        out = Capture.run(alerts);
        assertTrue(out[0].matches("(?s)#\\d+ dorm-night dorm x2 2026-03-02T15:01:00Z\\.\\.2026-03-02T15:02:00Z best"
                + " passage \\d+ alarm -\\s*"), out[0]);
        alerts.count = 0;
        assertTrue(Capture.run(alerts)[1].contains("invalid-limit"));
    }
}
