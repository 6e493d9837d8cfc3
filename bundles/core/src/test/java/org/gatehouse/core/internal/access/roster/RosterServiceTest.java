package org.gatehouse.core.internal.access.roster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.Site;
import org.gatehouse.api.access.RosterEntry;
import org.gatehouse.api.access.SyncState;
import org.gatehouse.api.access.SyncStatus;
import org.gatehouse.api.access.SyncSummary;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.core.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The face terminals' rosters and sync state on a real store, with real enrollments through the test engine. */
class RosterServiceTest {
    private final Platform p = TestDb.platform(TestDb.newDataSource(), new TestDb.Channels());
    private RosterServiceImpl r;

    @BeforeEach
    void seed() {
        r = p.roster;
        p.faces.engineAdded("onnx", new TestEngine("onnx", "test-a", false));
        p.sites.saveSite(new Site("s1", "School 1", "Asia/Shanghai", null), "test");
        terminal("t1", Map.of("direction", "in"));
        p.sites.saveDevice(new Device("fence-1", "s1", null, "fence", "http", "Fence", DeviceStatus.UNKNOWN,
                Map.of()), "test");
        p.persons.savePerson(new Person("g1", "Guardian", PersonRole.GUARDIAN, "+8613800000001", null, null, null),
                "admin");
        student("stu1", "3-2", 1);
        student("stu2", "4-1", 2);
        p.persons.savePerson(new Person("staff1", "Staff 1", PersonRole.STAFF, null, null, null, "security"), "admin");
        p.faces.enroll("staff1", face(3, 0), "admin");
        p.persons.savePerson(new Person("v1", "Visitor", PersonRole.VISITOR, null, null, null, null), "admin");
        p.faces.enroll("v1", face(4, 0), "admin");
        p.persons.savePerson(new Person("staff2", "No photo", PersonRole.STAFF, null, null, null, null), "admin");
    }

    @AfterEach
    void stop() {
        p.stop();
    }

    private void terminal(String id, Map<String, String> props) {
        p.sites.saveDevice(new Device(id, "s1", null, "facegate", "hikvision", id, DeviceStatus.UNKNOWN, props),
                "test");
    }

    private void student(String id, String group, int identity) {
        p.persons.savePerson(new Person(id, "Student " + id, PersonRole.STUDENT, null, null, null, group), "admin");
        p.persons.bind(new GuardianBinding("g1", id, "mother", "sms", false), "admin");
        p.faces.recordConsent(id, "g1", true, "admin");
        p.faces.enroll(id, face(identity, 0), "admin");
    }

    private static Frame face(int identity, int photo) {
        return new Frame(TestEngine.png(TestEngine.face(identity, photo)), "png");
    }

    private List<String> ids(String device) {
        return r.roster(device).stream().map(RosterEntry::personId).toList();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void theRosterHoldsStudentsAndStaffWithAPhotoByTheGatesProperties() throws Exception {
        assertEquals(List.of("staff1", "stu1", "stu2"), ids("t1"), "default roles student,staff; photo needed");
        RosterEntry stu1 = r.roster("t1").get(1);
        assertEquals("Student stu1", stu1.name());
        assertEquals(PersonRole.STUDENT, stu1.role());
        assertEquals("3-2", stu1.group());
        byte[] photo = r.facePhoto("stu1").orElseThrow();
        assertArrayEquals(face(1, 0).data(), photo);
        assertEquals(sha256(photo), stu1.faceHash());

        long v = r.version();
        p.faces.enroll("stu1", face(1, 1), "admin");
        assertTrue(r.version() > v, "a new photo");
        assertArrayEquals(face(1, 1).data(), r.facePhoto("stu1").orElseThrow(), "the newest photo");
        assertEquals(sha256(face(1, 1).data()), r.roster("t1").get(1).faceHash());

        terminal("t2", Map.of("roster.roles", "staff, visitor"));
        assertEquals(List.of("staff1", "v1"), ids("t2"));
        v = r.version();
        terminal("t2", Map.of("roster.roles", "student", "roster.groups", "3-2,3-1"));
        assertTrue(r.version() > v, "a device change");
        assertEquals(List.of("stu1"), ids("t2"));
        assertTrue(r.facePhoto("staff2").isEmpty());

        assertEquals("unknown-device", assertThrows(GatehouseException.class, () -> r.roster("t9")).code());
        assertEquals("not-a-facegate", assertThrows(GatehouseException.class, () -> r.roster("fence-1")).code());
    }

    @Test
    void withdrawnConsentDeletedPersonsAndValidityRemovePeopleAndMoveTheVersion() {
        long v = r.version();
        p.faces.recordConsent("stu2", "g1", false, "admin");
        assertTrue(r.version() > v, "consent withdrawn");
        assertEquals(List.of("staff1", "stu1"), ids("t1"));

        v = r.version();
        p.persons.deletePerson("staff1", "admin");
        assertTrue(r.version() > v, "person deleted");
        assertEquals(List.of("stu1"), ids("t1"));

        v = r.version();
        Instant now = Instant.now();
        r.setValidity("stu1", null, now.minus(1, ChronoUnit.MINUTES), "admin");
        assertTrue(r.version() > v, "validity set");
        assertEquals(List.of(), ids("t1"));
        assertEquals(now.minus(1, ChronoUnit.MINUTES).toEpochMilli(),
                r.validity("stu1").orElseThrow()[1].toEpochMilli());
        assertNull(r.validity("stu1").orElseThrow()[0]);
        r.setValidity("stu1", now.plus(1, ChronoUnit.HOURS), null, "admin");
        assertEquals(List.of(), ids("t1"), "not begun yet");
        r.setValidity("stu1", null, null, "admin");
        assertTrue(r.validity("stu1").isEmpty(), "both ends open: no validity");
        assertEquals(List.of("stu1"), ids("t1"));
        assertTrue(p.audit.query("person", "stu1", null, 0, 50).items().stream()
                .anyMatch(a -> a.action().equals("person-validity")));

        assertEquals("bad-validity", assertThrows(GatehouseException.class,
                () -> r.setValidity("stu1", now, now, "admin")).code());
        assertEquals("unknown-person", assertThrows(GatehouseException.class,
                () -> r.setValidity("nobody", null, now, "admin")).code());
    }

    @Test
    void aValidityBoundaryPassingMovesTheVersion() {
        Instant now = Instant.now();
        r.checkValidity(now);
        r.setValidity("stu1", null, now.plus(30, ChronoUnit.SECONDS), "admin");
        long v = r.version();
        assertEquals(false, r.checkValidity(now.plus(10, ChronoUnit.SECONDS)), "nothing began or ended yet");
        assertEquals(v, r.version());
        assertTrue(r.checkValidity(now.plus(70, ChronoUnit.SECONDS)), "the end passed");
        assertTrue(r.version() > v);
    }

    @Test
    void syncOutcomesMakeTheSummaryAndARetryMakesFailuresDue() {
        String h1 = r.roster("t1").get(1).faceHash();
        String h2 = r.roster("t1").get(2).faceHash();
        SyncSummary none = r.summary("t1");
        assertEquals(new SyncSummary("t1", 3, 0, 0, 3, null, null), none);

        r.report("t1", "stu1", SyncState.SYNCED, h1, null);
        r.report("t1", "stu2", SyncState.FAILED, h2, "faceQualityTooLow");
        r.report("t1", "old1", SyncState.SYNCED, "abc", null); // someone who is no longer on the roster
        r.reportRun("t1", "connection refused");
        SyncSummary s = r.summary("t1");
        assertEquals(3, s.desired());
        assertEquals(1, s.synced());
        assertEquals(1, s.failed());
        assertEquals(2, s.pending(), "staff1 to push, old1 to remove");
        assertEquals("connection refused", s.lastError());
        assertTrue(s.lastRun() != null);
        List<SyncStatus> st = r.status("t1");
        assertEquals(List.of("old1", "stu1", "stu2"), st.stream().map(SyncStatus::personId).toList());
        assertEquals("faceQualityTooLow", st.get(2).error());

        r.report("t1", "old1", SyncState.REMOVED, null, null);
        r.reportRun("t1", null);
        assertEquals(1, r.summary("t1").pending());
        assertNull(r.summary("t1").lastError());

        p.faces.enroll("stu1", face(1, 2), "admin");
        assertEquals(0, r.summary("t1").synced(), "a new photo must be pushed again");

        long v = r.version();
        r.retry("t1", "admin");
        assertTrue(r.version() > v);
        assertEquals(0, r.summary("t1").failed());
        assertEquals(List.of("old1", "stu1"), r.status("t1").stream().map(SyncStatus::personId).toList());
        assertTrue(p.audit.query("device", "t1", null, 0, 50).items().stream()
                .anyMatch(a -> a.action().equals("gate-sync-retry") && a.actor().equals("admin")));

        assertEquals("missing-state", assertThrows(GatehouseException.class,
                () -> r.report("t1", "stu1", null, null, null)).code());
        r.report("t1", "stu2", SyncState.FAILED, h2, "x".repeat(2000));
        assertTrue(r.status("t1").stream().filter(x -> x.personId().equals("stu2")).findFirst().orElseThrow()
                .error().length() <= 500, "a long reason is clipped, not refused");
    }
}
