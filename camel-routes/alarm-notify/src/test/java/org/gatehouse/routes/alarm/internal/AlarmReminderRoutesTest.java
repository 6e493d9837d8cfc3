package org.gatehouse.routes.alarm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.service.DutyService.Shift;
import org.gatehouse.camel.internal.AlarmComponent;
import org.gatehouse.camel.internal.NotifyComponent;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.store.Db;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reminders through the route on the real stack: the platform's gatehouse-alarm and gatehouse-notify components over
 * the core's services on Derby (alarms, duty roster, templates, message service, outbox; no channel is started, so the
 * messages stay queued where the test reads them). The reminders are fired with the alarm service's own clock hook.
 */
class AlarmReminderRoutesTest {
    private final Platform core = TestDb.platform();
    private final CamelContext context = new DefaultCamelContext();

    /** A message in the outbox, as stored. */
    record Sent(String channel, String recipient, String subject, String dedupeKey, String priority) {
    }

    private void start(boolean reminders) throws Exception {
        TestDb.seed(core);
        core.persons.savePerson(new Person("guard-1", "门卫老刘", PersonRole.STAFF, "+8613800000003", null, "zh-CN",
                null), "t");
        core.persons.savePerson(new Person("leader-1", "Duty Leader", PersonRole.STAFF, "+8613800000004", null, "en",
                null), "t");
        core.duty.save(new Shift(null, "s1", "guard-1", "guard-room", List.of(), LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT, null, null), "t");
        core.duty.save(new Shift(null, "s1", "leader-1", "leader", List.of(), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                null, null), "t");
        context.addComponent("gatehouse-alarm", new AlarmComponent(core.alarms));
        context.addComponent("gatehouse-notify", new NotifyComponent(core.outbox, core.messages));
        context.addRoutes(new AlarmNotifyRoutes(new NotifyPlan(List.of("webhook"), List.of(), "RAISED,ESCALATED", "en",
                Severity.WARNING), null, Severity.CRITICAL, "leader", reminders));
        context.start();
        core.alarms.configureReminders(60_000);
    }

    @AfterEach
    void stop() {
        context.stop();
        core.stop();
    }

    private Alarm raise(String id, String type, Severity severity) {
        return core.alarms.raise(core.events.ingest(new SecurityEvent(id, null, null, "fence-1", null, type, severity,
                Map.of(), null, null)).event(), null);
    }

    private List<Sent> sent(String dedupeContains) {
        return core.db.tx(c -> Db.list(c, "SELECT * FROM OUTBOX ORDER BY DEDUPE_KEY", rs -> new Sent(
                rs.getString("CHANNEL"), rs.getString("RECIPIENT"), rs.getString("SUBJECT"),
                rs.getString("DEDUPE_KEY"), rs.getString("PRIORITY")))).stream()
                .filter(s -> s.dedupeKey().contains(dedupeContains)).toList();
    }

    @Test
    void eachReminderGoesToTheChannelsAndEveryoneOnDutyUntilAcknowledged() throws Exception {
        start(true);
        Alarm a = raise("c1", "fence.intrusion", Severity.CRITICAL);
        raise("m1", "fence.tamper", Severity.MAJOR);
        long t0 = System.currentTimeMillis();
        assertEquals(3, sent("alarm-" + a.id() + "-RAISED-").size(), "the raise: webhook and the two people on duty: "
                + sent(""));
        assertEquals(1, sent("-RAISED-").size() - 3, "the MAJOR alarm only to the webhook: " + sent(""));

        assertEquals(1, core.alarms.remindDue(t0 + 61_000));
        List<Sent> first = sent("-REMINDED.1-");
        assertEquals(List.of("alarm-" + a.id() + "-REMINDED.1-1-sms-guard-1",
                "alarm-" + a.id() + "-REMINDED.1-1-sms-leader-1", "alarm-" + a.id() + "-REMINDED.1-1-webhook"),
                first.stream().map(Sent::dedupeKey).toList());
        assertTrue(first.stream().allMatch(s -> s.priority().equals("CRITICAL")), first.toString());
        Sent guard = first.get(0);
        assertEquals("+8613800000003", guard.recipient());
        assertTrue(guard.subject().startsWith("提醒（第 1 次）：告警 #" + a.id() + " [紧急] fence.intrusion 未确认"),
                guard.subject());
        assertTrue(first.get(1).subject().startsWith("Reminder (1): alarm #" + a.id() + " CRITICAL"),
                first.get(1).subject());

        assertEquals(1, core.alarms.remindDue(t0 + 122_000));
        assertEquals(3, sent("-REMINDED.2-").size());
        core.alarms.acknowledge(a.id(), "guard-1", "on my way");
        assertEquals(0, core.alarms.remindDue(t0 + 600_000));
        assertEquals(6, sent("-REMINDED").size(), "no reminder after the acknowledgement");
        assertEquals(List.of("message", "message", "message"), core.alarms.timeline(a.id()).stream()
                .filter(s -> "REMINDED".equals(s.data().get("transition"))).map(s -> s.kind()).limit(3).toList());
    }

    @Test
    void remindersOffSendNothing() throws Exception {
        start(false);
        raise("c1", "fence.intrusion", Severity.CRITICAL);
        assertEquals(1, core.alarms.remindDue(System.currentTimeMillis() + 61_000), "the core still reminds (audited)");
        assertEquals(List.of(), sent("-REMINDED"));
    }
}
