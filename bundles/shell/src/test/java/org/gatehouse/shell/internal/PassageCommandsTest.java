package org.gatehouse.shell.internal;

import org.gatehouse.core.testing.TestEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.Site;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.core.internal.access.GateSettings;
import org.gatehouse.core.internal.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gatehouse:passage-list and gatehouse:attendance against core's real passages on Derby. */
class PassageCommandsTest {
    @TempDir
    Path dir;
    private final Platform core = PersonImportCommandTest.platform();

    @AfterEach
    void stop() {
        core.stop();
    }

    private static Frame png(int identity, int photo) {
        return new Frame(TestEngine.png(TestEngine.face(identity, photo)), "png");
    }

    private String[] run(GatehouseAction a) throws Exception {
        try (Capture c = new Capture()) {
            a.execute();
            return new String[] {c.out(), c.err()};
        }
    }

    @Test
    void listsPassagesAndAttendance() throws Exception {
        core.passages.configure(new GateSettings(dir, 30, 37.3f, ZoneId.of("Asia/Shanghai")));
        core.faces.engineAdded("onnx", new TestEngine("onnx", "test-a", false));
        core.sites.saveSite(new Site("s1", "School", "Asia/Shanghai", null), "t");
        core.sites.saveDevice(new Device("gate-1", "s1", null, "facegate", "http", "Gate 1", DeviceStatus.UNKNOWN,
                Map.of("direction", "in")), "t");
        core.persons.savePerson(new Person("g1", "Mum", PersonRole.GUARDIAN, "+8613800000001", null, "zh-CN", null),
                "t");
        for (int n = 1; n <= 2; n++) {
            core.persons.savePerson(new Person("stu" + n, "Student " + n, PersonRole.STUDENT, null, null, null, "3-2"),
                    "t");
            core.persons.bind(new GuardianBinding("g1", "stu" + n, "mother", "sms", false), "t");
            core.faces.recordConsent("stu" + n, "g1", true, "t");
            core.faces.enroll("stu" + n, png(n, 0), "t");
        }
        core.passages.capture("gate-1", png(1, 5), 36.6f, Instant.parse("2026-03-02T00:05:00Z"));
        core.passages.capture("gate-1", png(40, 1), null, Instant.parse("2026-03-02T00:06:00Z"));

        PassageListCommand list = new PassageListCommand();
        list.passages = core.passages;
        String[] out = run(list);
        List<String> lines = out[0].lines().toList();
        assertEquals(2, lines.size(), out[0]);
        assertTrue(lines.get(0).startsWith("2026-03-02T00:06:00Z #2 gate-1 in stranger"), lines.get(0));
        assertTrue(lines.get(1).matches("2026-03-02T00:05:00Z #1 gate-1 in stu1 score=0\\.9\\d\\d temp=36\\.6"),
                lines.get(1));
        list.person = "stu2";
        assertEquals("No passages.", run(list)[0].strip());
        list.person = null;
        list.from = "yesterday";
        assertTrue(run(list)[1].contains("invalid-from"));

        AttendanceCommand att = new AttendanceCommand();
        att.passages = core.passages;
        att.date = "2026-03-02";
        att.group = "3-2";
        String text = run(att)[0];
        assertTrue(text.contains("stu1") && text.contains("in 08:05"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("stu2") && l.endsWith("ABSENT")), text);
        assertTrue(text.contains("2 students, 1 present, 1 absent"), text);
        att.date = "2nd March";
        assertTrue(run(att)[1].contains("invalid-date"));
    }
}
