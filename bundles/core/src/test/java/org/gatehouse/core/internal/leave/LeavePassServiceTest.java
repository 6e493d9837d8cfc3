package org.gatehouse.core.internal.leave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.gatehouse.api.EventQuery;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.access.LeavePass;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Early-leave passes on the real core (embedded Derby, persons, audit, spine). */
class LeavePassServiceTest {
    private static final Instant NINE = Instant.parse("2026-03-02T01:00:00Z"); // 09:00 in Shanghai
    private final Platform p = TestDb.platform();

    LeavePassServiceTest() {
        TestDb.seedGate(p);
        p.start();
        p.persons.savePerson(new Person("stu1", "Li Lei", PersonRole.STUDENT, null, null, null, "3-2"), "t");
        p.persons.savePerson(new Person("stu2", "Han Meimei", PersonRole.STUDENT, null, null, null, "4-1"), "t");
        p.persons.savePerson(new Person("t1", "Teacher", PersonRole.STAFF, null, null, null, "3-2"), "t");
    }

    @AfterEach
    void stop() {
        p.stop();
    }

    private GatehouseException error(Runnable r) {
        return assertThrows(GatehouseException.class, r::run);
    }

    private LeavePass ask(String student, Instant from) {
        return p.leavePasses.request(student, from, from.plus(Duration.ofHours(2)), "dentist", "g1");
    }

    private SecurityEvent event(String id) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var e = p.events.get(id);
            if (e.isPresent()) {
                return e.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no event " + id);
    }

    @Test
    void aRequestIsPendingAuditedAndPublished() throws Exception {
        LeavePass lp = ask("stu1", NINE);
        assertEquals(LeavePass.PENDING, lp.state());
        assertEquals("stu1", lp.studentId());
        assertEquals("g1", lp.requestedBy());
        assertNull(lp.decidedBy());
        assertEquals(lp, p.leavePasses.pass(lp.id()).orElseThrow());
        SecurityEvent e = event("leave.requested-" + lp.id());
        assertEquals("leave.requested", e.type());
        assertEquals("stu1", e.personId());
        assertEquals("3-2", e.attributes().get("group"));
        assertEquals("dentist", e.attributes().get("reason"));
        assertEquals(Long.toString(lp.id()), e.attributes().get("passId"));
        assertEquals("gate-1", e.deviceId(), "the spine needs a device: the face gate");
        assertEquals(1, p.audit.query("leave-pass", Long.toString(lp.id()), null, 0, 10).total());
    }

    @Test
    void approveRejectCancelAndUse() throws Exception {
        LeavePass a = ask("stu1", NINE);
        LeavePass approved = p.leavePasses.decide(a.id(), true, "t1");
        assertEquals(LeavePass.APPROVED, approved.state());
        assertEquals("t1", approved.decidedBy());
        assertEquals("leave.approved", event("leave.approved-" + a.id()).type());
        GatehouseException again = error(() -> p.leavePasses.decide(a.id(), false, "t1"));
        assertEquals(GatehouseException.Kind.CONFLICT, again.kind());
        assertEquals("not-pending", again.code());

        LeavePass b = ask("stu1", NINE.plus(Duration.ofDays(1)));
        assertEquals(LeavePass.REJECTED, p.leavePasses.decide(b.id(), false, "t1").state());
        assertEquals("leave.rejected", event("leave.rejected-" + b.id()).type());
        assertEquals("not-cancellable", error(() -> p.leavePasses.cancel(b.id(), "t1")).code());

        LeavePass c = ask("stu1", NINE.plus(Duration.ofDays(2)));
        assertEquals(LeavePass.CANCELLED, p.leavePasses.cancel(c.id(), "g1").state());

        p.leavePasses.used(a.id());
        LeavePass used = p.leavePasses.pass(a.id()).orElseThrow();
        assertEquals(LeavePass.USED, used.state());
        assertEquals("t1", used.decidedBy(), "using a pass keeps who approved it");
        assertEquals("not-approved", error(() -> p.leavePasses.used(a.id())).code());
        assertEquals("not-approved", error(() -> p.leavePasses.used(c.id())).code());
        assertEquals("unknown-pass", error(() -> p.leavePasses.decide(999, true, "t1")).code());
        assertEquals(GatehouseException.Kind.NOT_FOUND, error(() -> p.leavePasses.used(999)).kind());
    }

    @Test
    void activeIsAnApprovedPassWhoseWindowHoldsTheTime() {
        LeavePass lp = ask("stu1", NINE);
        assertTrue(p.leavePasses.active("stu1", NINE.plusSeconds(60)).isEmpty(), "pending is not active");
        p.leavePasses.decide(lp.id(), true, "t1");
        assertEquals(lp.id(), p.leavePasses.active("stu1", NINE).orElseThrow().id(), "from is inclusive");
        assertEquals(lp.id(), p.leavePasses.active("stu1", NINE.plusSeconds(3600)).orElseThrow().id());
        assertTrue(p.leavePasses.active("stu1", NINE.plus(Duration.ofHours(2))).isEmpty(), "to is exclusive");
        assertTrue(p.leavePasses.active("stu1", NINE.minusSeconds(1)).isEmpty());
        assertTrue(p.leavePasses.active("stu2", NINE).isEmpty(), "another student");
        p.leavePasses.used(lp.id());
        assertTrue(p.leavePasses.active("stu1", NINE).isEmpty(), "a used pass is not active any more");
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() {
        assertEquals("bad-window", error(() -> p.leavePasses.request("stu1", NINE, NINE, "x", "g1")).code());
        assertEquals("bad-window", error(() -> p.leavePasses.request("stu1", NINE, NINE.minusSeconds(1), "x", "g1"))
                .code());
        assertEquals("bad-window", error(() -> p.leavePasses.request("stu1", null, NINE, "x", "g1")).code());
        assertEquals("bad-window", error(() -> p.leavePasses.request("stu1", NINE, NINE.plus(Duration.ofDays(8)),
                "x", "g1")).code());
        assertEquals("missing-reason", error(() -> p.leavePasses.request("stu1", NINE, NINE.plusSeconds(60), " ",
                "g1")).code());
        GatehouseException teacher = error(() -> ask("t1", NINE));
        assertEquals("not-a-student", teacher.code());
        assertEquals(GatehouseException.Kind.INVALID, teacher.kind());
        GatehouseException nobody = error(() -> ask("ghost", NINE));
        assertEquals("unknown-person", nobody.code());
        assertEquals(GatehouseException.Kind.NOT_FOUND, nobody.kind());
        assertEquals("bad-studentId", error(() -> ask("no spaces", NINE)).code());
        assertEquals(0, p.leavePasses.passes(null, null, null, null, 0, 10).total());
    }

    @Test
    void listsFilterByStudentClassStateAndDay() {
        LeavePass a = ask("stu1", NINE);
        LeavePass b = ask("stu2", NINE);
        LeavePass c = ask("stu1", NINE.plus(Duration.ofDays(3)));
        p.leavePasses.decide(b.id(), true, "admin");
        assertEquals(List.of(c.id(), b.id(), a.id()), ids(p.leavePasses.passes(null, null, null, null, 0, 10).items()),
                "newest first");
        assertEquals(List.of(c.id(), a.id()), ids(p.leavePasses.passes("stu1", null, null, null, 0, 10).items()));
        assertEquals(List.of(c.id(), a.id()), ids(p.leavePasses.passes(null, "3-2", null, null, 0, 10).items()));
        assertEquals(0, p.leavePasses.passes(null, "9-9", null, null, 0, 10).total());
        assertEquals(List.of(b.id()), ids(p.leavePasses.passes(null, null, "approved", null, 0, 10).items()));
        assertEquals(List.of(b.id(), a.id()), ids(p.leavePasses.passes(null, null, null, "2026-03-02", 0, 10)
                .items()));
        assertEquals(List.of(c.id()), ids(p.leavePasses.passes(null, null, null, "2026-03-05", 0, 10).items()));
        var page = p.leavePasses.passes(null, null, null, null, 1, 1);
        assertEquals(3, page.total());
        assertEquals(List.of(b.id()), ids(page.items()));
        assertEquals("bad-state", error(() -> p.leavePasses.passes(null, null, "LOST", null, 0, 10)).code());
        assertEquals("bad-day", error(() -> p.leavePasses.passes(null, null, null, "March 2", 0, 10)).code());
    }

    @Test
    void withoutAnyDeviceThePassIsKeptAndTheEventSkipped() {
        p.sites.deleteDevice("gate-1", "t");
        LeavePass lp = ask("stu1", NINE);
        assertEquals(LeavePass.PENDING, p.leavePasses.pass(lp.id()).orElseThrow().state());
        assertEquals(0, p.events.query(new EventQuery(null, null, "leave.requested", null, null, null, 0, 10))
                .total());
    }

    private static List<Long> ids(List<LeavePass> l) {
        return l.stream().map(LeavePass::id).toList();
    }
}
