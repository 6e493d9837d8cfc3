package org.gatehouse.core.internal.notice;

import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.core.internal.store.Db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.Site;
import org.gatehouse.api.notify.DeliveryReceipt;
import org.gatehouse.api.notify.Notification;
import org.gatehouse.api.notify.NotificationChannel;
import org.gatehouse.api.service.NoticeService;
import org.gatehouse.api.service.NoticeService.Notice;
import org.gatehouse.api.service.NoticeService.Repeat;
import org.gatehouse.api.service.NoticeService.Schedule;
import org.gatehouse.api.service.NoticeService.Stats;
import org.gatehouse.api.service.NoticeService.Status;
import org.gatehouse.api.service.NoticeService.Text;
import org.gatehouse.api.service.OutboxService.OutboxMessage;
import org.gatehouse.api.service.PersonService.Contact;
import org.junit.jupiter.api.Test;

class NoticeServiceTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final DataSource ds = TestDb.newDataSource();
    private final TestDb.Channels channels = new TestDb.Channels();
    private final Platform p = TestDb.platform(ds, channels);

    NoticeServiceTest() {
        p.sites.saveSite(new Site("s1", "示范学校", "Asia/Shanghai", null), "t");
        student("a1", "张小明", "3-2");
        student("a2", "Emma Liu", "3-2");
        student("b1", "张小红", "3-1");
        student("c1", "王五", "4-1");
        guardian("g-zhang", "张父", "+8613800000001", null, "zh-CN");
        guardian("g-liu", "Grace Liu", "+8613800000002", "grace@example.com", "en");
        guardian("g-wang", "王母", "+8613800000003", null, "zh-CN");
        guardian("g-nophone", "无电话", null, null, "zh-CN");
        bind("g-zhang", "a1", "sms");
        bind("g-zhang", "b1", "sms"); // a parent of two children in two classes
        bind("g-liu", "a2", "email");
        bind("g-wang", "c1", "push");
        bind("g-nophone", "c1", "sms"); // unreachable: left out
        p.persons.savePerson(new Person("t-1", "李老师", PersonRole.STAFF, "+8613800000100", null, "zh-CN", "teachers"), "t");
        p.persons.savePerson(new Person("t-2", "Ms Brown", PersonRole.STAFF, null, "brown@school.example", "en", "teachers"), "t");
    }

    private void student(String id, String name, String group) {
        p.persons.savePerson(new Person(id, name, PersonRole.STUDENT, null, null, "zh-CN", group), "t");
    }

    private void guardian(String id, String name, String phone, String email, String lang) {
        p.persons.savePerson(new Person(id, name, PersonRole.GUARDIAN, phone, email, lang, null), "t");
    }

    private void bind(String g, String s, String channel) {
        p.persons.bind(new GuardianBinding(g, s, "parent", channel, true), "t");
    }

    private List<String> audience(String a) {
        return p.notices.audience(a).stream().map(c -> c.person().id()).toList();
    }

    @Test
    void audienceExpandsToEachPersonOnceOnTheirChannel() {
        assertEquals(List.of("g-liu", "g-zhang"), audience("class:3-2"));
        assertEquals(List.of("g-zhang"), audience("class:3-1"));
        assertEquals(List.of("g-liu", "g-zhang"), audience("grade:3"), "the Zhang parent once for two children");
        assertEquals(List.of("g-liu", "g-wang", "g-zhang"), audience("guardians"));
        assertEquals(List.of("g-liu", "g-wang", "g-zhang", "t-1", "t-2"), audience("school"));
        assertEquals(List.of("t-1", "t-2"), audience("staff"));
        assertEquals(List.of("g-liu", "g-zhang", "t-1", "t-2"), audience("class:3-2, group:teachers"));
        List<Contact> c = p.notices.audience("school");
        assertEquals("email", c.get(0).channel());
        assertEquals("grace@example.com", c.get(0).address());
        assertEquals("push", c.get(1).channel());
        assertEquals("email", c.get(4).channel(), "staff without a phone by e-mail");
        for (String bad : List.of("", "everyone", "class:3", "grade:three", "role:PARENT", "school:1")) {
            assertEquals("bad-audience", assertThrows(GatehouseException.class, () -> p.notices.audience(bad)).code(), bad);
        }
    }

    @Test
    void aNoticeIsQueuedOncePerRecipientAndARepeatedSendDuplicatesNothing() {
        Notice n = p.notices.create(new Notice("summer-1", null, "notice.safety.drowning", Map.of(), "grade:3", null,
                null, null, null, null, null, 0), "admin");
        assertEquals(Status.SCHEDULED, n.status());
        assertEquals(1, p.notices.fireDue(Instant.now()));
        assertEquals(2, p.outbox.query(null, 0, 100).total());
        OutboxMessage zh = p.outbox.query(null, 0, 100).items().stream().filter(m -> "+8613800000001".equals(m.recipient()))
                .findFirst().orElseThrow();
        assertEquals("sms", zh.channel());
        assertEquals("【示范学校】防溺水安全提醒", zh.subject());
        OutboxMessage en = p.outbox.query(null, 0, 100).items().stream().filter(m -> "email".equals(m.channel()))
                .findFirst().orElseThrow();
        assertEquals("示范学校: drowning prevention reminder", en.subject());
        assertEquals("sms", en.fallbackChannel(), "e-mail falls back to the guardian's phone");
        String body = p.db.tx(c -> Db.one(c, "SELECT BODY FROM OUTBOX WHERE ID = ?", rs -> rs.getString(1), zh.id()))
                .orElseThrow();
        assertTrue(body.startsWith("张父您好") && body.contains("请提醒张小明、张小红"), body);
        assertEquals(1L, (long) p.db.tx(c -> Db.count(c, "SELECT COUNT(*) FROM OUTBOX WHERE DEDUPE_KEY = ?",
                "notice:summer-1:1:g-zhang")));

        // a crash after queueing and before the notice moved on: the occurrence is sent again, nothing duplicates
        assertEquals(2, p.notices.send(p.notices.get("summer-1").orElseThrow().notice(), "1"));
        assertEquals(2, p.outbox.query(null, 0, 100).total());
        assertEquals(2, p.notices.get("summer-1").orElseThrow().stats().recipients());
        Notice done = p.notices.get("summer-1").orElseThrow().notice();
        assertEquals(Status.DONE, done.status());
        assertNull(done.nextAt());
        assertEquals(1, done.sentOccurrences());
        assertEquals(0, p.notices.fireDue(Instant.now().plusSeconds(3600)));
        assertEquals("notice-not-scheduled", assertThrows(GatehouseException.class,
                () -> p.notices.cancel("summer-1", "admin")).code());
    }

    @Test
    void creationIsValidated() {
        assertEquals("template-missing-value", code(new Notice(null, null, "notice.closure", Map.of("date", "7月1日"),
                "school", null, null, null, null, null, null, 0)));
        assertEquals("template-unknown-variable", code(new Notice(null, null, "notice.closure", Map.of("date", "d",
                "reason", "r", "weather", "w"), "school", null, null, null, null, null, null, 0)));
        assertEquals("unknown-template-kind", code(new Notice(null, null, "notice.nope", Map.of(), "school", null,
                null, null, null, null, null, 0)));
        assertEquals("missing-text", code(new Notice(null, List.of(), null, Map.of(), "school", null, null, null,
                null, null, null, 0)));
        assertEquals("bad-audience", code(new Notice(null, List.of(new Text("en", "t", "b")), null, Map.of(),
                "class:x", null, null, null, null, null, null, 0)));
        assertEquals("bad-schedule", code(new Notice(null, List.of(new Text("en", "t", "b")), null, Map.of(), "school",
                new Schedule(Repeat.WEEKLY, null, DayOfWeek.FRIDAY, LocalTime.of(16, 0), LocalDate.now().minusDays(8)),
                null, null, null, null, null, 0)));
        assertEquals("bad-schedule", code(new Notice(null, List.of(new Text("en", "t", "b")), null, Map.of(), "school",
                new Schedule(Repeat.WEEKLY, null, null, LocalTime.of(16, 0), LocalDate.now().plusDays(30)),
                null, null, null, null, null, 0)));
    }

    private String code(Notice n) {
        return assertThrows(GatehouseException.class, () -> p.notices.create(n, "admin")).code();
    }

    @Test
    void weeklyOccurrencesFollowTheSiteZoneAndSurviveARestart() {
        Schedule fridays = new Schedule(Repeat.WEEKLY, null, DayOfWeek.FRIDAY, LocalTime.of(16, 0),
                LocalDate.parse("2026-12-11"));
        // 2026-11-27 is a Friday; 16:00 in Shanghai is 08:00 UTC
        assertEquals(Instant.parse("2026-11-27T08:00:00Z"), NoticeServiceImpl.nextWeekly(fridays, SHANGHAI,
                Instant.parse("2026-11-23T00:00:00Z")));
        assertEquals(Instant.parse("2026-11-27T08:00:00Z"), NoticeServiceImpl.nextWeekly(fridays, SHANGHAI,
                Instant.parse("2026-11-27T08:00:00Z")), "at the occurrence itself");
        assertEquals(Instant.parse("2026-12-04T08:00:00Z"), NoticeServiceImpl.nextWeekly(fridays, SHANGHAI,
                Instant.parse("2026-11-27T08:00:00.001Z")));
        assertEquals(Instant.parse("2026-12-11T08:00:00Z"), NoticeServiceImpl.nextWeekly(fridays, SHANGHAI,
                Instant.parse("2026-12-05T00:00:00Z")), "the until date is inclusive");
        assertNull(NoticeServiceImpl.nextWeekly(fridays, SHANGHAI, Instant.parse("2026-12-11T08:00:01Z")));
        // late on Thursday in UTC is already Friday in Shanghai
        assertEquals(Instant.parse("2026-11-27T08:00:00Z"), NoticeServiceImpl.nextWeekly(fridays, SHANGHAI,
                Instant.parse("2026-11-26T23:00:00Z")));

        Schedule weekly = new Schedule(Repeat.WEEKLY, null, LocalDate.now(SHANGHAI).plusDays(2).getDayOfWeek(),
                LocalTime.of(16, 0), LocalDate.now(SHANGHAI).plusDays(20));
        Notice n = p.notices.create(new Notice("weekly-1", null, "notice.safety.fire", Map.of(), "class:3-2", weekly,
                null, null, null, null, null, 0), "admin");
        Instant first = n.nextAt();
        assertTrue(first.isAfter(Instant.now()));
        assertEquals(0, p.notices.fireDue(Instant.now()), "not due yet");
        // the platform restarts: the next occurrence comes from the store
        Platform again = TestDb.platform(ds, channels);
        assertEquals(first, again.notices.get("weekly-1").orElseThrow().notice().nextAt());
        assertEquals(1, again.notices.fireDue(first));
        Notice after = again.notices.get("weekly-1").orElseThrow().notice();
        assertEquals(first.plus(java.time.Duration.ofDays(7)), after.nextAt());
        assertEquals(Status.SCHEDULED, after.status());
        String occurrence = LocalDate.ofInstant(first, SHANGHAI).toString();
        assertEquals(Set.of(occurrence), Set.copyOf(again.notices.recipients("weekly-1", 0, 100).items().stream()
                .map(r -> r.occurrence()).toList()));
        assertEquals(1L, (long) again.db.tx(c -> Db.count(c, "SELECT COUNT(*) FROM OUTBOX WHERE DEDUPE_KEY = ?",
                "notice:weekly-1:" + occurrence + ":g-liu")));
        Notice cancelled = again.notices.cancel("weekly-1", "admin");
        assertEquals(Status.CANCELLED, cancelled.status());
        assertEquals(0, again.notices.fireDue(after.nextAt()));
    }

    @Test
    void statisticsCountDeliveryReceiptsAndReads() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        NotificationChannel sms = new NotificationChannel() {
            @Override
            public Set<Capability> capabilities() {
                return Set.of(Capability.TEXT, Capability.RECEIPT);
            }

            @Override
            public DeliveryReceipt send(Notification n) {
                return new DeliveryReceipt("m-" + sent.incrementAndGet(), false, "accepted");
            }
        };
        channels.add("sms", "gw", sms);
        channels.add("email", "mail", sms);
        p.start();
        try {
            p.notices.create(new Notice("n-stats", List.of(new Text("zh-CN", "家长会", "周五下午三点家长会"),
                    new Text("en", "Parents' meeting", "Friday 15:00")), null, Map.of(), "class:3-2", null, null,
                    null, null, null, null, 0), "admin");
            long end = System.currentTimeMillis() + 20_000;
            while (p.notices.get("n-stats").orElseThrow().stats().sent() < 2 && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            Stats s = p.notices.get("n-stats").orElseThrow().stats();
            assertEquals(new Stats(2, 0, 2, 0, 0, 0), s);
            assertTrue(p.outbox.receipt("gw", "m-1", true, null) || p.outbox.receipt("mail", "m-1", true, null));
            assertTrue(p.notices.markRead("n-stats", "g-liu", null));
            assertFalse(p.notices.markRead("n-stats", "g-liu", null), "marked once");
            assertEquals("unknown-recipient", assertThrows(GatehouseException.class,
                    () -> p.notices.markRead("n-stats", "g-wang", null)).code());
            assertEquals(new Stats(2, 0, 1, 1, 0, 1), p.notices.get("n-stats").orElseThrow().stats());
            assertEquals(1, p.notices.list(0, 10).total());
            var liu = p.notices.received("g-liu", 0, 10);
            assertEquals(1, liu.total());
            assertEquals("n-stats", liu.items().get(0).noticeId());
            assertTrue(liu.items().get(0).readAt() != null, "marked read");
            assertEquals(0, p.notices.received("g-wang", 0, 10).total());
            // the api's default (a walk over list and recipients) answers the same as the core's query
            NoticeService walk = (NoticeService) java.lang.reflect.Proxy.newProxyInstance(
                    NoticeService.class.getClassLoader(), new Class<?>[] {NoticeService.class},
                    (proxy, m, args) -> m.isDefault() ? java.lang.reflect.InvocationHandler.invokeDefault(proxy, m,
                            args) : m.invoke(p.notices, args));
            assertEquals(liu, walk.received("g-liu", 0, 10));
        } finally {
            p.stop();
        }
    }
}
