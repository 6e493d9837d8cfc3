package org.gatehouse.routes.visitors.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.api.Severity;
import org.gatehouse.api.visitor.Visit;
import org.gatehouse.api.visitor.VisitService;
import org.gatehouse.api.visitor.VisitState;
import org.gatehouse.routes.visitors.internal.Fixture.Sent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each visit route on the real stack (see {@link Fixture}): the events of the visit service go through the spine,
 * the messages are rendered from the shipped zh-CN / en templates and stored in the outbox.
 */
class VisitRoutesTest {
    private static final Instant AT = Instant.parse("2026-03-02T01:15:00Z");
    private Fixture f;
    private VisitRoutes r;

    @BeforeEach
    void start() throws Exception {
        f = new Fixture();
        r = new VisitRoutes(type -> "gatehouse-event:" + type, Fixture.settings());
        r.sites = f.core.sites;
        r.links = f.core.links;
        r.persons = f.core.persons;
        r.duty = f.core.duty;
        f.start(r);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    /** The attributes of a visit event as the visit service publishes them (09:00-11:00 Beijing time). */
    static Map<String, String> visit(String id, String host, String visitor, String name, String state,
                                     String... more) {
        Map<String, String> a = new HashMap<>();
        a.put("visitId", id);
        if (host != null) {
            a.put("hostId", host);
        }
        a.put("personId", visitor);
        a.put("visitorName", name);
        a.put("from", "2026-03-02T01:00:00Z");
        a.put("to", "2026-03-02T03:00:00Z");
        a.put("state", state);
        for (int i = 0; i < more.length; i += 2) {
            a.put(more[i], more[i + 1]);
        }
        return a;
    }

    @Test
    void aPendingVisitAsksTheHostWithTheConsoleLinkOnce() throws Exception {
        Map<String, String> a = visit("12", "host-1", "visitor-12", "张三", "PENDING", "purpose", "家长会");
        f.publish("visit-12-pending", "visit.pending", Severity.INFO, AT, a);
        f.publish("visit-12-pending-again", "visit.pending", Severity.INFO, AT, a);
        // a later visit as a marker: once its message is there, the repeat before it was processed
        f.publish("visit-14-pending", "visit.pending", Severity.INFO, AT, visit("14", "host-1", "visitor-12", "张三",
                "PENDING"));
        f.await("visit.request:14:", 1);
        List<Sent> sent = f.await("visit.request:12:", 1);
        assertEquals(1, sent.size(), "the repeated event queued nothing: " + sent);
        Sent m = sent.get(0);
        assertEquals("visit.request", m.kind());
        assertEquals("sms", m.channel());
        assertEquals("+8613800000001", m.recipient(), "the host's phone");
        assertEquals("visit.request:12:host-1", m.dedupeKey());
        assertEquals("【访客预约】张三 03-02 09:00-11:00", m.subject());
        assertEquals("访客 张三 申请于 03-02 09:00-11:00 来访（事由：家长会），请审批："
                + "https://school.example/gatehouse/#/visits/12", m.body());
    }

    @Test
    void approvalsRejectionsAndCancellationsGoToTheVisitorsPhone() throws Exception {
        f.publish("visit-12-approved", "visit.approved", Severity.INFO, AT,
                visit("12", "host-1", "visitor-12", "张三", "APPROVED"));
        f.publish("visit-15-rejected", "visit.rejected", Severity.INFO, AT,
                visit("15", "host-1", "visitor-12", "张三", "REJECTED", "note", "那天不在学校"));
        f.publish("visit-16-cancelled", "visit.cancelled", Severity.INFO, AT,
                visit("16", "host-1", "visitor-12", "张三", "CANCELLED"));
        f.publish("visit-16-left", "visit.left", Severity.INFO, AT, visit("16", "host-1", "visitor-12", "张三",
                "LEFT"));
        List<Sent> sent = f.await("visit.", 3);
        assertEquals(3, sent.size(), sent.toString());
        Sent approved = sent.stream().filter(m -> m.kind().equals("visit.approved")).findFirst().orElseThrow();
        assertEquals("+8613900000012", approved.recipient(), "the visitor's phone");
        assertEquals("zh-CN", approved.language(), "the visitor chose none: the configured language");
        assertEquals("visit.approved:12:visitor-12", approved.dedupeKey());
        assertEquals("【预约已通过】03-02 09:00-11:00", approved.subject());
        assertEquals("张三您好，您于 03-02 09:00-11:00 拜访 王老师 的预约已通过。到校时请在校门口刷脸进入。", approved.body(),
                "the host's name comes from the person registry");
        Sent rejected = sent.stream().filter(m -> m.kind().equals("visit.rejected")).findFirst().orElseThrow();
        assertTrue(rejected.body().endsWith("未获通过。那天不在学校"), rejected.body());
        assertEquals("visit.rejected:15:visitor-12", rejected.dedupeKey());
        Sent cancelled = sent.stream().filter(m -> m.kind().equals("visit.cancelled")).findFirst().orElseThrow();
        assertEquals("【预约已取消】03-02 09:00-11:00", cancelled.subject());
    }

    @Test
    void aVisitorWithoutPhoneAndAVisitWithoutOrWithAnUnknownHostQueueNothingAndTheNextGoesOn() throws Exception {
        f.publish("visit-13-approved", "visit.approved", Severity.INFO, AT,
                visit("13", "host-1", "visitor-13", "李四", "APPROVED"));
        f.publish("visit-17-pending", "visit.pending", Severity.INFO, AT, visit("17", null, "visitor-12", "张三",
                "PENDING"));
        f.publish("visit-18-pending", "visit.pending", Severity.INFO, AT, visit("18", "gone-host", "visitor-12", "张三",
                "PENDING"));
        f.publish("visit-bad-pending", "visit.pending", Severity.INFO, AT, Map.of("hostId", "host-1"));
        f.publish("visit-19-pending", "visit.pending", Severity.INFO, AT, visit("19", "host-1", "visitor-12", "张三",
                "PENDING"));
        f.await("visit.request:19:", 1);
        List<Sent> all = f.sent();
        assertEquals(1, all.size(), "only the last one reached anybody: " + all);
    }

    @Test
    void anArrivalTellsTheHostTheTimeGateAndASignedSnapshotLink() throws Exception {
        f.publish("visit-12-arrived", "visit.arrived", Severity.INFO, AT,
                visit("12", "host-1", "visitor-12", "张三", "ARRIVED", "passageId", "7"));
        Sent m = f.await("visit.arrived:12:", 1).get(0);
        assertEquals("+8613800000001", m.recipient());
        assertEquals("【访客到达】张三", m.subject());
        String prefix = "您的访客 张三 已于 09:15 经 Gate 1 入校。" + Fixture.BASE + "/gatehouse/api/s/";
        assertTrue(m.body().startsWith(prefix), m.body());
        String token = m.body().substring(prefix.length());
        assertEquals("passage:7", f.core.links.verify(token).orElseThrow(), "a genuine link to the passage snapshot");
    }

    @Test
    void anOverstayTellsTheHostTheGuardRoomAndTheDutyLeaderOnceEach() throws Exception {
        Map<String, String> a = visit("12", "host-1", "visitor-12", "张三", "ARRIVED", "lastSeenDevice", "gate-1");
        f.publish("visit-12-overstay", "visit.overstay", Severity.WARNING, AT, a);
        Map<String, String> restore = new HashMap<>(a);
        restore.put("state", "restore");
        f.publish("visit-12-overstay-over", "visit.overstay", Severity.INFO, AT, restore);
        f.publish("visit-20-overstay", "visit.overstay", Severity.WARNING, AT, visit("20", "guard-1", "visitor-12",
                "张三", "ARRIVED"));
        f.await("visit.overstay:20:", 2);
        List<Sent> sent = f.await("visit.overstay:12:", 3);
        assertEquals(List.of("visit.overstay:12:guard-1", "visit.overstay:12:host-1", "visit.overstay:12:leader-1"),
                sent.stream().map(Sent::dedupeKey).sorted().toList());
        Sent leader = sent.stream().filter(m -> m.dedupeKey().endsWith("leader-1")).findFirst().orElseThrow();
        assertEquals("email", leader.channel());
        assertEquals("Visitor overstay: 张三", leader.subject());
        assertEquals("Visitor 张三 (host 王老师) is still on campus after the visit window 03-02 09:00-11:00. Last seen:"
                + " Gate 1. https://school.example/gatehouse/#/visits/12", leader.body());
        assertEquals(2, f.await("visit.overstay:20:", 2).size(), "host and guard room are one person: one message");
    }

    @Test
    void whatTheEventLacksComesFromTheVisitService() throws Exception {
        // a stand-in for the core's visit service (built beside this bundle): only visit(id) is used
        Visit v = new Visit(21, "visitor-12", "张三", "+8613900000012", null, "host-1", "Wang Laoshi", "送材料",
                Instant.parse("2026-03-02T06:00:00Z"), Instant.parse("2026-03-03T02:00:00Z"), VisitState.PENDING,
                true, Visit.SOURCE_INVITATION, "invitation", AT, null, null, null, null, null, null, null, false);
        r.visits = (VisitService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {VisitService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("visit")) {
                        return Optional.ofNullable((Long) args[0] == 21 ? v : null);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        f.publish("visit-21-pending", "visit.pending", Severity.INFO, AT, Map.of("visitId", "21", "hostId", "host-1",
                "state", "PENDING"));
        Sent m = f.await("visit.request:21:", 1).get(0);
        assertEquals("访客 张三 申请于 03-02 14:00 - 03-03 10:00 来访（事由：送材料），请审批："
                + "https://school.example/gatehouse/#/visits/21", m.body());
    }

    @Test
    void aMessageThatCannotBeRenderedIsDroppedWithOneLineAndTheNextGoesOn() throws Exception {
        Map<String, String> nameless = visit("22", "host-1", "visitor-12", "", "PENDING");
        String log = Fixture.logOf(() -> f.publish("visit-22-pending", "visit.pending", Severity.INFO, AT, nameless),
                "No message visit.request (visit.request:22)");
        assertTrue(log.contains("template-missing-value"), log);
        assertFalse(log.contains("\tat "), "no stack trace");
        f.publish("visit-23-pending", "visit.pending", Severity.INFO, AT, visit("23", "host-1", "visitor-12", "张三",
                "PENDING"));
        f.await("visit.request:23:", 1);
        assertEquals(1, f.sent().size(), f.sent().toString());
    }

    @Test
    void aBadConfigurationIsOneLineAndNoRouteStarts() throws Exception {
        VisitRoutes r = new VisitRoutes();
        String log = Fixture.logOf(() -> r.activate(Fixture.config(Map.of("timezone", "Mars/Olympus"))));
        assertTrue(log.contains("Visit messages not started: bad configuration org.gatehouse.routes.visitors:"
                + " timezone 'Mars/Olympus' is not a time zone"), log);
        assertFalse(log.contains("\tat "), "no stack trace");
        assertEquals(1, log.lines().count(), log);
        int before = f.context.getRoutes().size();
        f.context.addRoutes(r);
        assertEquals(before, f.context.getRoutes().size(), "no route was added");
    }

    @Test
    void eachBadValueNamesItsKey() {
        Map<String, Object> bad = Map.of("language", "fr", "public.base.url", "school.example", "guardroom.ids",
                "guard 1,guard-2", "snapshot.link.hours", 0, "duty.post", "Leader");
        bad.forEach((key, value) -> {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Settings.of(Fixture.config(Map.of(key, value))));
            assertTrue(e.getMessage().startsWith(key), e.getMessage());
        });
        Settings ok = Settings.of(Fixture.config(Map.of("guardroom.ids", " guard-1, ,guard-2,guard-1 ")));
        assertEquals(List.of("guard-1", "guard-2"), ok.guardRoom());
        assertEquals(null, ok.baseUrl());
        assertEquals(List.of(), ok.security());
    }
}
