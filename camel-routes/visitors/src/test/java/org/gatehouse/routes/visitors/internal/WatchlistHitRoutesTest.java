package org.gatehouse.routes.visitors.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.Severity;
import org.gatehouse.routes.visitors.internal.Fixture.Sent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watchlist hit route on the real stack (see {@link Fixture}): a {@code watchlist.hit} event raises its alarm as
 * the alarm rules do ({@code gatehouse-event -> gatehouse-alarm:raise}), the RAISED transition reaches the route.
 */
class WatchlistHitRoutesTest {
    private static final Instant AT = Instant.parse("2026-03-02T13:40:00Z");
    private Fixture f;

    void start(Settings settings) throws Exception {
        f = new Fixture();
        WatchlistHitRoutes r = new WatchlistHitRoutes(WatchlistHitRoutes.SOURCE, settings);
        r.sites = f.core.sites;
        r.links = f.core.links;
        r.duty = f.core.duty;
        r.events = f.core.events;
        f.start(new RouteBuilder() {
            @Override
            public void configure() {
                from("gatehouse-event:*").routeId("test-alarm-rules")
                        .filter(simple("${header.GatehouseSeverity} != 'INFO'")).to("gatehouse-alarm:raise");
            }
        }, r);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    static Map<String, String> hit(String hitId, String passageId) {
        return Map.of("hitId", hitId, "entryId", "wl-1", "name", "Wanted Person", "risk", "high", "score",
                "0.87341", "templateId", "3", "passageId", passageId, "alarm.source", "wl-1");
    }

    private long alarmOf(String type) {
        return f.core.alarms.query(new AlarmQuery(null, null, null, 0, 10)).items().stream()
                .filter(a -> a.type().equals(type)).map(Alarm::id).findFirst().orElseThrow();
    }

    /** Waits up to 10 s for an alarm of a type (the test's alarm rule raises them on the spine's threads). */
    private void awaitAlarm(String type) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (f.core.alarms.query(new AlarmQuery(null, null, null, 0, 10)).items().stream()
                .noneMatch(a -> a.type().equals(type))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no " + type + " alarm within 10 s");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aHitGoesToTheSecurityStaffAndTheDutyLeaderOnceWithPriorityCritical() throws Exception {
        start(Fixture.settings());
        f.publish("hit-1", "watchlist.hit", Severity.CRITICAL, AT, hit("1", "9"));
        f.publish("hit-2", "watchlist.hit", Severity.CRITICAL, AT.plusSeconds(5), hit("2", "10"));
        f.publish("fence-1", "fence.intrusion", Severity.CRITICAL, AT, Map.of());
        List<Sent> sent = f.await("watchlist.hit:", 2);
        long alarm = alarmOf("watchlist.hit");
        awaitAlarm("fence.intrusion"); // raised too (on its own thread), and sends nothing here
        assertEquals(List.of("watchlist.hit:" + alarm + ":leader-1", "watchlist.hit:" + alarm + ":sec-1"),
                sent.stream().map(Sent::dedupeKey).sorted().toList(), "the second hit folded into the alarm");
        assertTrue(sent.stream().allMatch(m -> m.priority().equals("CRITICAL")), sent.toString());
        Sent security = sent.stream().filter(m -> m.dedupeKey().endsWith(":sec-1")).findFirst().orElseThrow();
        assertEquals("+8613800000004", security.recipient());
        assertEquals("【黑名单告警】Wanted Person 出现在 Gate 1", security.subject());
        String prefix = "黑名单人员 Wanted Person（风险：high，相似度 0.87）于 21:40 出现在 Gate 1。请核对现场抓拍与黑名单照片，"
                + "确认或标记误报：https://school.example/gatehouse/#/alarms/" + alarm + " 抓拍："
                + Fixture.BASE + "/gatehouse/api/s/";
        assertTrue(security.body().startsWith(prefix), security.body());
        assertEquals("passage:9", f.core.links.verify(security.body().substring(prefix.length())).orElseThrow());
        Sent leader = sent.stream().filter(m -> m.dedupeKey().endsWith(":leader-1")).findFirst().orElseThrow();
        assertEquals("leader@school.example", leader.recipient());
        assertEquals("WATCHLIST: Wanted Person at Gate 1", leader.subject());
        assertTrue(leader.body().startsWith("Watchlist hit: Wanted Person (risk high, score 0.87) seen at Gate 1 at"
                + " 21:40."), leader.body());
        assertEquals(2, f.sent().size(), "the fence alarm is not this route's: " + f.sent());
    }

    @Test
    void withoutSecurityStaffOrDutyPostNobodyIsToldAndTheLogSaysSo() throws Exception {
        start(Settings.of(true, "", 72, "", "", "", "en", "Asia/Shanghai"));
        String log = Fixture.logOf(() -> f.publish("hit-1", "watchlist.hit", Severity.CRITICAL, AT, hit("1", "9")),
                "nobody to tell");
        assertEquals(0, f.sent().size());
        assertTrue(log.contains("Watchlist hit alarm #" + alarmOf("watchlist.hit")
                + ": nobody to tell (security.ids is empty and duty.post is not set)"), log);
    }
}
