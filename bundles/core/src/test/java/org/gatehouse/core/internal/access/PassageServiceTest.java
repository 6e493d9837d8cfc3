package org.gatehouse.core.internal.access;

import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.core.testing.TestEngine;
import org.gatehouse.core.internal.store.Db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.access.Attendance;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.access.PassageQuery;
import org.gatehouse.api.recognition.FaceReasons;
import org.gatehouse.api.recognition.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PassageServiceTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    private final Platform p = TestDb.platform(TestDb.newDataSource(), new TestDb.Channels());
    private final Path dir = Path.of("target/test-snapshots/" + UUID.randomUUID()).toAbsolutePath();

    @BeforeEach
    void seed() {
        p.passages.configure(new GateSettings(dir, 30, 37.3f, SH));
        p.faces.engineAdded("onnx", new TestEngine("onnx", "test-a", false));
        p.sites.saveSite(new Site("s1", "School 1", "Asia/Shanghai", null), "test");
        p.sites.saveZone(new Zone("main-gate", "s1", "Main gate", ZoneKind.GATE, false, List.of()), "test");
        p.sites.saveDevice(new Device("gate-1", "s1", "main-gate", "facegate", "http", "Gate 1", DeviceStatus.UNKNOWN,
                Map.of("direction", "in")), "test");
        p.sites.saveDevice(new Device("gate-2", "s1", "main-gate", "facegate", "http", "Gate 2", DeviceStatus.UNKNOWN,
                Map.of("direction", "out")), "test");
        p.sites.saveDevice(new Device("gate-x", "s1", "main-gate", "facegate", "http", "Gate x", DeviceStatus.UNKNOWN,
                Map.of()), "test");
        p.sites.saveDevice(new Device("fence-1", "s1", null, "fence", "http", "Fence", DeviceStatus.UNKNOWN, Map.of()),
                "test");
        p.persons.savePerson(new Person("g1", "Guardian", PersonRole.GUARDIAN, "+8613800000001", null, "zh-CN", null),
                "admin");
        for (int n = 1; n <= 3; n++) {
            p.persons.savePerson(new Person("stu" + n, "Student " + n, PersonRole.STUDENT, null, null, null,
                    n < 3 ? "3-2" : "4-1"), "admin");
            p.persons.bind(new GuardianBinding("g1", "stu" + n, "mother", "sms", false), "admin");
            p.faces.recordConsent("stu" + n, "g1", true, "admin");
            p.faces.enroll("stu" + n, png(n, 0), "admin");
        }
    }

    @AfterEach
    void stop() {
        p.stop();
    }

    private static Frame png(int identity, int photo) {
        return new Frame(TestEngine.png(TestEngine.face(identity, photo)), "png");
    }

    private GatehouseException error(Runnable r) {
        return assertThrows(GatehouseException.class, r::run);
    }

    private long passages() {
        return p.db.tx(c -> Db.count(c, "SELECT COUNT(*) FROM PASSAGES"));
    }

    @Test
    void capturesAMatchedPassageWithSnapshotAndEvent() throws Exception {
        Instant at = Instant.parse("2026-03-02T00:05:00Z"); // 08:05 in Shanghai
        Frame probe = png(2, 7);
        Passage ps = p.passages.capture("gate-1", probe, 36.6f, at);
        assertEquals("stu2", ps.personId());
        assertEquals(Passage.IN, ps.direction());
        assertEquals("main-gate", ps.zoneId());
        assertTrue(ps.score() > 0.9f, "same identity: " + ps.score());
        assertEquals(36.6f, ps.temperature());
        assertEquals("2026/03/02/" + ps.id() + ".png", ps.snapshot());
        assertArrayEquals(probe.data(), Files.readAllBytes(dir.resolve(ps.snapshot())));
        assertEquals(ps, p.passages.passage(ps.id()).orElseThrow());

        SecurityEvent e = p.events.get(ps.eventId()).orElseThrow();
        assertEquals("gate.passage", e.type());
        assertEquals(Severity.INFO, e.severity());
        assertEquals("stu2", e.personId());
        assertEquals("stu2", e.attributes().get("personId"));
        assertEquals(Long.toString(ps.id()), e.attributes().get("passageId"));
        assertEquals("in", e.attributes().get("direction"));
        assertEquals("36.6", e.attributes().get("temperature"));
        assertNotNull(e.attributes().get("score"));
        assertEquals("s1", e.siteId());

        assertArrayEquals(probe.data(), p.passages.snapshot(ps.id(), "teacher1"));
        assertEquals(1, p.audit.query("passage", Long.toString(ps.id()), null, 0, 10).items().stream()
                .filter(a -> a.action().equals("snapshot-read") && a.actor().equals("teacher1")).count());
    }

    @Test
    void aPassageWhoseEventWasLostInAStopIsRepublishedAtStart() {
        Passage ps = p.passages.capture("gate-1", png(1, 5), null, null);
        // the process stopped after the passage's commit, before its event reached the spine
        p.db.tx(c -> Db.update(c, "DELETE FROM EVENTS WHERE ID = ?", ps.eventId()));
        assertTrue(p.events.get(ps.eventId()).isEmpty());

        assertEquals(1, p.passages.republishMissingEvents());
        SecurityEvent e = p.events.get(ps.eventId()).orElseThrow();
        assertEquals("gate.passage", e.type());
        assertEquals("stu1", e.personId());
        assertEquals(0, p.passages.republishMissingEvents(), "nothing twice");
    }

    @Test
    void strangerAndFeverAndRefusals() {
        Passage s = p.passages.capture("gate-2", png(99, 0), null, null);
        assertNull(s.personId());
        assertTrue(s.stranger());
        assertEquals(Passage.OUT, s.direction());
        SecurityEvent se = p.events.get(s.eventId()).orElseThrow();
        assertEquals("gate.stranger", se.type());
        assertNull(se.attributes().get("personId"));
        assertFalse(se.attributes().containsKey("temperature"));

        Passage f = p.passages.capture("gate-1", png(1, 3), 38.2f, null);
        SecurityEvent fe = p.events.get(f.eventId()).orElseThrow();
        assertEquals(Severity.WARNING, fe.severity());
        assertEquals("true", fe.attributes().get("fever"));
        Passage border = p.passages.capture("gate-2", png(1, 4), 37.2f, null);
        assertEquals(Severity.INFO, p.events.get(border.eventId()).orElseThrow().severity(), "37.2 is below 37.3");
        Passage at = p.passages.capture("gate-2", png(1, 5), 37.3f, null);
        assertEquals(Severity.WARNING, p.events.get(at.eventId()).orElseThrow().severity(), "37.3 is at the threshold");

        long before = passages();
        GatehouseException e = error(() -> p.passages.capture("gate-9", png(1, 1), null, null));
        assertEquals("unknown-device", e.code());
        assertEquals(GatehouseException.Kind.NOT_FOUND, e.kind());
        assertEquals("not-a-facegate", error(() -> p.passages.capture("fence-1", png(1, 1), null, null)).code());
        assertEquals("no-direction", error(() -> p.passages.capture("gate-x", png(1, 1), null, null)).code());
        assertEquals("bad-temperature", error(() -> p.passages.capture("gate-1", png(1, 1), 90f, null)).code());
        assertEquals("bad-temperature", error(() -> p.passages.capture("gate-1", png(1, 1), Float.NaN, null)).code());
        assertEquals(FaceReasons.NO_FACE, error(() -> p.passages.capture("gate-1",
                new Frame(TestEngine.png(), "png"), null, null)).code());
        assertEquals(FaceReasons.IMAGE_UNDECODABLE, error(() -> p.passages.capture("gate-1",
                new Frame(new byte[] {1, 2, 3, 4}, "jpeg"), null, null)).code());
        assertEquals(FaceReasons.IMAGE_EMPTY, error(() -> p.passages.capture("gate-1",
                new Frame(new byte[0], "jpeg"), null, null)).code());
        assertEquals(before, passages(), "nothing recorded on a refusal");
        assertEquals("unknown-passage", error(() -> p.passages.snapshot(12345L, "x")).code());
    }

    @Test
    void queriesAndAttendance() {
        LocalDate day = LocalDate.of(2026, 3, 2);
        Instant morning = day.atTime(7, 50).atZone(SH).toInstant();
        p.passages.capture("gate-1", png(1, 1), null, morning);
        p.passages.capture("gate-1", png(1, 2), null, morning.plus(3, ChronoUnit.HOURS)); // back in after an outing
        p.passages.capture("gate-2", png(1, 3), null, morning.plus(2, ChronoUnit.HOURS));
        p.passages.capture("gate-2", png(1, 4), null, morning.plus(9, ChronoUnit.HOURS));
        p.passages.capture("gate-1", png(3, 1), null, morning.plus(10, ChronoUnit.MINUTES));
        p.passages.capture("gate-1", png(2, 1), null, morning.minus(1, ChronoUnit.DAYS)); // the day before
        p.passages.capture("gate-1", png(50, 1), null, morning); // a stranger

        List<Attendance> all = p.passages.attendance(day, null);
        assertEquals(List.of("stu1", "stu2", "stu3"), all.stream().map(Attendance::personId).toList());
        Attendance a1 = all.get(0);
        assertEquals(morning, a1.firstIn());
        assertEquals(morning.plus(9, ChronoUnit.HOURS), a1.lastOut());
        assertTrue(all.get(1).absent(), "stu2 came only the day before");
        assertEquals(morning.plus(10, ChronoUnit.MINUTES), all.get(2).firstIn());
        assertNull(all.get(2).lastOut());
        assertEquals(List.of("stu1", "stu2"), p.passages.attendance(day, "3-2").stream()
                .map(Attendance::personId).toList());
        assertTrue(p.passages.attendance(null, null).stream().allMatch(Attendance::absent), "today: nobody yet");

        assertEquals(4, p.passages.passages(new PassageQuery("stu1", null, null, null, 0, 50)).total());
        assertEquals(2, p.passages.passages(new PassageQuery("stu1", "gate-2", null, null, 0, 50)).total());
        var today = p.passages.passages(new PassageQuery(null, null, day.atStartOfDay(SH).toInstant(),
                day.plusDays(1).atStartOfDay(SH).toInstant(), 0, 3));
        assertEquals(6, today.total());
        assertEquals(3, today.items().size());
        assertEquals(morning.plus(9, ChronoUnit.HOURS), today.items().get(0).time(), "newest first");
        // a class: its students' passages only, no stranger
        assertEquals(5, p.passages.passages(new PassageQuery(null, null, null, null, 0, 50, "3-2")).total());
        assertEquals(2, p.passages.passages(new PassageQuery(null, "gate-2", null, null, 0, 50, "3-2")).total());
        assertEquals(0, p.passages.passages(new PassageQuery(null, null, null, null, 0, 50, "9-9")).total());
    }

    @Test
    void purgeDeletesOldSnapshotsAndKeepsThePassages() throws Exception {
        Instant now = Instant.parse("2026-05-10T04:00:00Z");
        Passage old = p.passages.capture("gate-1", png(1, 1), null, now.minus(31, ChronoUnit.DAYS));
        Passage recent = p.passages.capture("gate-1", png(1, 2), null, now.minus(29, ChronoUnit.DAYS));
        Path oldFile = dir.resolve(old.snapshot());
        assertTrue(Files.exists(oldFile));
        assertEquals(1, p.passages.purgeSnapshots(now));
        assertFalse(Files.exists(oldFile));
        assertFalse(Files.exists(oldFile.getParent()), "the empty day folder is removed");
        assertTrue(Files.exists(dir), "the root stays");
        assertNull(p.passages.passage(old.id()).orElseThrow().snapshot());
        assertEquals("no-snapshot", error(() -> p.passages.snapshot(old.id(), "x")).code());
        assertTrue(Files.exists(dir.resolve(recent.snapshot())));
        assertEquals(0, p.passages.purgeSnapshots(now), "a second run finds nothing");
    }
}
