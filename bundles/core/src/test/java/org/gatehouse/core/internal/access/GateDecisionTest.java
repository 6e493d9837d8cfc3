package org.gatehouse.core.internal.access;

import static org.gatehouse.core.internal.access.GateFixture.MONDAY;
import static org.gatehouse.core.internal.access.GateFixture.SH;
import static org.gatehouse.core.internal.access.GateFixture.at;
import static org.gatehouse.core.internal.access.GateFixture.face;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gatehouse.api.EventQuery;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.access.GateDecision;
import org.gatehouse.api.access.LeavePass;
import org.gatehouse.api.recognition.FaceReasons;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.core.internal.store.Db;
import org.gatehouse.core.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server-side gate decision on a real store: every rule, the repeat window, events and the door command. */
class GateDecisionTest {
    private final GateFixture f = new GateFixture();

    @AfterEach
    void stop() {
        f.p.stop();
    }

    private long passages() {
        return f.p.db.tx(c -> Db.count(c, "SELECT COUNT(*) FROM PASSAGES"));
    }

    private SecurityEvent event(GateDecision d) {
        return f.p.events.get(d.passage().eventId()).orElseThrow();
    }

    private GateDecision decide(String gate, int identity, Float temperature, Instant at) {
        return f.p.passages.decide(gate, face(identity, 9), temperature, at);
    }

    @Test
    void anEnrolledStudentOnTheRosterIsAllowedAndAPassageIsRecorded() {
        GateDecision d = decide("gate-in", 1, 36.5f, at(MONDAY, 7, 40));
        assertTrue(d.open());
        assertEquals(GateDecision.REASON_ALLOWED, d.reason());
        assertEquals("stu1", d.personId());
        assertEquals(Set.of(), d.flags());
        assertEquals("stu1", d.passage().personId());
        assertNotNull(d.passage().snapshot());
        SecurityEvent e = event(d);
        assertEquals("gate.passage", e.type());
        assertEquals("true", e.attributes().get("open"));
        assertEquals("allowed", e.attributes().get("reason"));
        assertEquals(Severity.INFO, e.severity());
        assertEquals(1, f.p.passages.attendance(MONDAY, "3-2").stream().filter(a -> a.firstIn() != null).count());
    }

    @Test
    void theSamePersonWithinTheRepeatWindowCountsOnce() {
        Instant t = at(MONDAY, 7, 40);
        GateDecision first = decide("gate-in", 1, null, t);
        long n = passages();
        long eventsBefore = f.p.events.query(new EventQuery(null, null, null, null, null, null, 0, 100)).total();
        GateDecision again = decide("gate-in", 1, null, t.plusSeconds(30));
        assertTrue(again.open());
        assertEquals(GateDecision.REASON_REPEAT, again.reason());
        assertEquals(first.passage().id(), again.passage().id(), "the earlier passage");
        assertEquals(n, passages(), "no new passage");
        assertEquals(eventsBefore, f.p.events.query(new EventQuery(null, null, null, null, null, null, 0, 100)).total(),
                "no new event");
        GateDecision otherGate = decide("gate-out", 1, null, t.plusSeconds(40));
        assertEquals(GateDecision.REASON_ALLOWED, otherGate.reason(), "another gate is another passage");
        GateDecision later = decide("gate-in", 1, null, t.plusSeconds(61));
        assertEquals(GateDecision.REASON_ALLOWED, later.reason());
        assertEquals(n + 2, passages());

        f.p.passages.configure(new GateSettings(f.dir, 30, 37.3f, SH, 0, false));
        assertEquals(GateDecision.REASON_ALLOWED, decide("gate-in", 1, null, t.plusSeconds(62)).reason(),
                "gate.repeat.seconds=0 turns it off");
    }

    @Test
    void aStrangerIsDeniedAndReported() {
        GateDecision d = decide("gate-in", 77, null, at(MONDAY, 8, 0));
        assertFalse(d.open());
        assertEquals(GateDecision.REASON_STRANGER, d.reason());
        assertNull(d.personId());
        assertTrue(d.passage().stranger());
        SecurityEvent e = event(d);
        assertEquals("gate.stranger", e.type());
        assertEquals("false", e.attributes().get("open"));
        assertEquals("passages/" + d.passage().id() + "/snapshot", e.snapshotRef());
    }

    @Test
    void rolesAndClassesNotOnTheRosterAreDenied() {
        GateDecision visitor = decide("gate-in", 4, null, at(MONDAY, 8, 0));
        assertFalse(visitor.open());
        assertEquals(GateDecision.REASON_NOT_ALLOWED, visitor.reason());
        assertEquals("v1", visitor.personId());
        SecurityEvent e = event(visitor);
        assertEquals("gate.denied", e.type());
        assertEquals("not-allowed", e.attributes().get("reason"));
        assertEquals("false", e.attributes().get("open"));
        assertEquals("v1", e.personId());

        f.gate("gate-3", Map.of("direction", "in", "roster.groups", "3-2"));
        assertEquals(GateDecision.REASON_ALLOWED, decide("gate-3", 1, null, at(MONDAY, 8, 0)).reason());
        assertEquals(GateDecision.REASON_NOT_ALLOWED, decide("gate-3", 2, null, at(MONDAY, 8, 0)).reason());
        f.gate("gate-staff", Map.of("direction", "in", "roster.roles", "staff,visitor"));
        assertEquals(GateDecision.REASON_ALLOWED, decide("gate-staff", 4, null, at(MONDAY, 8, 0)).reason());
        assertEquals(GateDecision.REASON_NOT_ALLOWED, decide("gate-staff", 1, null, at(MONDAY, 8, 0)).reason());
        assertTrue(f.p.passages.attendance(MONDAY, "3-2").stream().filter(a -> a.personId().equals("stu1"))
                .allMatch(a -> a.firstIn() != null), "stu1 passed gate-3");
    }

    @Test
    void outsideTheGatesHoursIsDenied() {
        f.gate("gate-day", Map.of("direction", "in", "hours", "06:00-22:00"));
        assertEquals(GateDecision.REASON_ALLOWED, decide("gate-day", 1, null, at(MONDAY, 6, 0)).reason());
        GateDecision late = decide("gate-day", 2, null, at(MONDAY, 22, 0));
        assertFalse(late.open());
        assertEquals(GateDecision.REASON_OUTSIDE_HOURS, late.reason());
        assertEquals("outside-hours", event(late).attributes().get("reason"));
        f.gate("gate-night", Map.of("direction", "in", "hours", "22:00-06:00"));
        assertEquals(GateDecision.REASON_ALLOWED, decide("gate-night", 1, null, at(MONDAY, 23, 30)).reason());
        assertEquals(GateDecision.REASON_OUTSIDE_HOURS, decide("gate-night", 2, null, at(MONDAY, 12, 0)).reason());
        f.gate("gate-bad", Map.of("direction", "in", "hours", "morning"));
        assertEquals(GateDecision.REASON_ALLOWED, decide("gate-bad", 1, null, at(MONDAY, 3, 0)).reason(),
                "an unreadable hours value admits (and is logged once)");
    }

    @Test
    void anEndedOrNotYetBegunValidityIsDenied() {
        Instant t = at(MONDAY, 8, 0);
        f.p.roster.setValidity("stu1", null, t.minus(1, ChronoUnit.DAYS), "admin");
        GateDecision d = decide("gate-in", 1, null, t);
        assertFalse(d.open());
        assertEquals(GateDecision.REASON_EXPIRED, d.reason());
        f.p.roster.setValidity("stu1", t.plus(1, ChronoUnit.HOURS), null, "admin");
        assertEquals(GateDecision.REASON_EXPIRED, decide("gate-in", 1, null, t.plusSeconds(120)).reason());
        f.p.roster.setValidity("stu1", t.minus(1, ChronoUnit.DAYS), t.plus(1, ChronoUnit.DAYS), "admin");
        assertEquals(GateDecision.REASON_ALLOWED, decide("gate-in", 1, null, t.plusSeconds(240)).reason());
    }

    @Test
    void aStudentLeavingDuringSchoolHoursNeedsAnApprovedPass() {
        Instant ten = at(MONDAY, 10, 0);
        assertEquals(GateDecision.REASON_ALLOWED, decide("gate-out", 1, null, ten).reason(),
                "without the attendance calendar the rule is off");

        f.p.passages.attendance(f.calendar);
        f.p.passages.leavePasses(f.passes);
        GateDecision denied = decide("gate-out", 1, null, ten.plusSeconds(120));
        assertFalse(denied.open());
        assertEquals(GateDecision.REASON_NO_LEAVE_PASS, denied.reason());
        assertEquals("gate.denied", event(denied).type());
        assertEquals("no-leave-pass", event(denied).attributes().get("reason"));

        f.passes.add(41, "stu1", ten, ten.plus(2, ChronoUnit.HOURS), LeavePass.APPROVED);
        GateDecision withPass = decide("gate-out", 1, null, ten.plusSeconds(240));
        assertTrue(withPass.open());
        assertEquals(GateDecision.REASON_ALLOWED, withPass.reason());
        assertTrue(withPass.flags().contains("early-leave"), withPass.flags().toString());
        assertEquals(List.of(41L), f.passes.usedIds);
        SecurityEvent leave = f.p.events.get(withPass.passage().eventId() + "-leave").orElseThrow();
        assertEquals("gate.early-leave", leave.type());
        assertEquals("stu1", leave.personId());
        assertEquals(Long.toString(withPass.passage().id()), leave.attributes().get("passageId"));

        assertEquals(GateDecision.REASON_ALLOWED, decide("gate-out", 1, null, at(MONDAY, 16, 30)).reason(),
                "after leaveAfter");
        assertEquals(GateDecision.REASON_ALLOWED, decide("gate-in", 1, null, at(MONDAY, 11, 0)).reason(),
                "coming in is not leaving");
        assertEquals(GateDecision.REASON_ALLOWED, decide("gate-out", 2, null, ten).reason(),
                "grade 4 has no rule");
        assertEquals(GateDecision.REASON_ALLOWED, decide("gate-out", 3, null, ten).reason(), "staff");
        assertEquals(GateDecision.REASON_ALLOWED, decide("gate-out", 1, null, at(MONDAY.plusDays(5), 10, 0))
                .reason(), "Saturday is no school day");
    }

    @Test
    void aFeverIsFlaggedAndDeniesOnlyWhenConfigured() {
        GateDecision flagged = decide("gate-in", 1, 37.3f, at(MONDAY, 8, 0));
        assertTrue(flagged.open());
        assertEquals(Set.of("fever"), flagged.flags());
        SecurityEvent e = event(flagged);
        assertEquals(Severity.WARNING, e.severity());
        assertEquals("true", e.attributes().get("fever"));

        f.p.passages.configure(new GateSettings(f.dir, 30, 37.3f, SH, 60, true));
        GateDecision denied = decide("gate-in", 2, 38.5f, at(MONDAY, 8, 0));
        assertFalse(denied.open());
        assertEquals(GateDecision.REASON_FEVER, denied.reason());
        assertEquals("gate.denied", event(denied).type());
        assertEquals(GateDecision.REASON_ALLOWED, decide("gate-in", 3, 36.4f, at(MONDAY, 8, 0)).reason());
    }

    @Test
    void anOpenDecisionCommandsTheGatesController() {
        GateFixture.Door door = new GateFixture.Door("door-1", true);
        f.p.devices.add(door, Map.of(), "test");
        f.gate("gate-ctl", Map.of("direction", "in", "controller", "door-1"));
        GateDecision d = decide("gate-ctl", 1, null, at(MONDAY, 8, 0));
        assertTrue(d.flags().contains("commanded"), d.flags().toString());
        assertEquals(1, door.received.size());
        assertEquals("open", door.received.get(0).name());
        assertEquals("gate-ctl", door.received.get(0).parameters().get("gate"));

        decide("gate-ctl", 77, null, at(MONDAY, 8, 0));
        assertEquals(1, door.received.size(), "a denial sends nothing");
        GateDecision repeat = decide("gate-ctl", 1, null, at(MONDAY, 8, 0).plusSeconds(5));
        assertEquals(GateDecision.REASON_REPEAT, repeat.reason());
        assertTrue(repeat.flags().contains("commanded"), "the person stands at the gate again: it opens again");

        GateFixture.Door stuck = new GateFixture.Door("door-2", false);
        f.p.devices.add(stuck, Map.of(), "test");
        f.gate("gate-stuck", Map.of("direction", "in", "controller", "door-2"));
        GateDecision failed = decide("gate-stuck", 1, null, at(MONDAY, 9, 0));
        assertTrue(failed.open(), "the decision stands");
        assertTrue(failed.flags().contains("command-failed"), failed.flags().toString());

        f.gate("gate-gone", Map.of("direction", "in", "controller", "door-9"));
        assertTrue(decide("gate-gone", 1, null, at(MONDAY, 9, 0)).flags().contains("command-failed"),
                "an unknown controller fails the command, not the decision");

        GateFixture.Door own = new GateFixture.Door("gate-own", true);
        f.gate("gate-own", Map.of("direction", "in"));
        f.p.devices.add(own, Map.of(), "test");
        assertTrue(decide("gate-own", 1, null, at(MONDAY, 9, 0)).flags().contains("commanded"));
        assertEquals(1, own.received.size(), "the gate's own driver accepts open");
        assertFalse(decide("gate-in", 1, null, at(MONDAY, 9, 0)).flags().contains("commanded"),
                "no controller, nothing sent");
    }

    @Test
    void badInputRecordsNothing() {
        long before = passages();
        assertEquals("unknown-device", assertThrows(GatehouseException.class,
                () -> decide("gate-9", 1, null, null)).code());
        f.gate("gate-x", Map.of());
        assertEquals("no-direction", assertThrows(GatehouseException.class,
                () -> decide("gate-x", 1, null, null)).code());
        assertEquals("bad-temperature", assertThrows(GatehouseException.class,
                () -> decide("gate-in", 1, 12f, null)).code());
        assertEquals(FaceReasons.NO_FACE, assertThrows(GatehouseException.class,
                () -> f.p.passages.decide("gate-in", new Frame(TestEngine.png(), "png"), null, null)).code());
        assertEquals(FaceReasons.IMAGE_EMPTY, assertThrows(GatehouseException.class,
                () -> f.p.passages.decide("gate-in", new Frame(new byte[0], "png"), null, null)).code());
        assertEquals(before, passages());
    }
}
