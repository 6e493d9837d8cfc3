package org.gatehouse.core.internal.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmStep;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.notify.Notification;
import org.gatehouse.api.service.AlarmService.Transition;
import org.gatehouse.api.service.DutyService.Shift;
import org.gatehouse.api.service.MessageService.Delivery;
import org.gatehouse.api.service.OutboxService.OutboxMessage;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.Publisher;
import org.gatehouse.core.internal.outbox.OutboxPolicy;
import org.gatehouse.core.internal.outbox.OutboxServiceTest.Flaky;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alarm timeline and the reminders on the real core (Derby, audit trail, message service, outbox with its delivery
 * thread): a channel in the test process receives the messages, as in the outbox tests.
 */
class AlarmTimelineTest {
    private final TestDb.Channels channels = new TestDb.Channels();
    private final Flaky webhook = new Flaky(1, true);
    private final Flaky sms = new Flaky(0, true);
    private final List<String> transitions = new CopyOnWriteArrayList<>();
    private Platform p;

    @BeforeEach
    void setUp() {
        Platform.Settings d = Platform.Settings.defaults();
        // a first retry after 100 ms, so that the failed attempt and the retry happen within the test
        p = new Platform(TestDb.newDataSource(), Publisher.NONE, channels, new Platform.Settings(d.escalationAfterMs(),
                d.escalationMaxLevel(), 100, 200, d.maxAgeMs(), d.spineQueueCapacity(), d.waitForSubscribersMs(),
                d.dispatchThreads()));
        TestDb.seed(p);
        channels.add("webhook", "hook", webhook);
        channels.add("sms", "gw", sms);
        p.alarms.subscribe((t, a) -> transitions.add(t + "#" + a.id()));
        p.start();
    }

    @AfterEach
    void tearDown() {
        p.stop();
    }

    private SecurityEvent stored(String id, Severity sev) {
        return p.events.ingest(new SecurityEvent(id, null, null, "fence-1", null, "fence.intrusion", sev, Map.of(),
                null, null)).event();
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within 15 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private OutboxMessage.Status status(String messageId) {
        return p.outbox.get(messageId).orElseThrow().status();
    }

    private static List<String> kinds(List<AlarmStep> steps) {
        return steps.stream().map(AlarmStep::kind).toList();
    }

    @Test
    void raiseMessageDeliveryAcknowledgeAndResolveInOrderWithWhoAndWhen() throws Exception {
        Alarm a = p.alarms.raise(stored("e1", Severity.MAJOR), "fence cut near the pond");
        OutboxMessage m = p.messages.alarm(a, Transition.RAISED, new Delivery("webhook", null, null, null, "en", null,
                null, null));
        await("the webhook message is delivered after one failure", () -> status(m.id()) == OutboxMessage.Status.SENT);
        p.alarms.raise(stored("e2", Severity.MAJOR), null);
        p.alarms.acknowledge(a.id(), "guard1", "on my way");
        p.alarms.resolve(a.id(), "guard2", "cat on the fence");

        List<AlarmStep> steps = p.alarms.timeline(a.id());
        assertEquals(List.of("event", "raised", "message", "failed", "delivered", "repeated", "acknowledged",
                "resolved"), kinds(steps), steps.toString());
        for (int i = 1; i < steps.size(); i++) {
            assertTrue(!steps.get(i).time().isBefore(steps.get(i - 1).time()), "oldest first: " + steps);
        }
        AlarmStep event = steps.get(0);
        assertEquals("e1", event.data().get("eventId"));
        assertEquals("fence.intrusion", event.data().get("type"));
        assertEquals("fence-1", event.actor());
        assertEquals("system", steps.get(1).actor());
        AlarmStep message = steps.get(2);
        assertEquals(m.id(), message.data().get("messageId"));
        assertEquals("webhook", message.data().get("channel"));
        assertEquals("RAISED", message.data().get("transition"));
        AlarmStep failed = steps.get(3);
        assertEquals("HTTP 503", failed.data().get("error"));
        assertEquals("1", failed.data().get("attempt"));
        assertEquals("false", failed.data().get("final"));
        assertEquals("hook", failed.actor());
        assertTrue(failed.detail().contains("will retry"), failed.detail());
        AlarmStep delivered = steps.get(4);
        assertEquals("2", delivered.data().get("attempt"));
        assertEquals("webhook", delivered.data().get("channel"));
        assertEquals("SENT", delivered.data().get("outcome"));
        assertEquals("e2", steps.get(5).data().get("eventId"));
        assertEquals("2", steps.get(5).data().get("n"));
        assertEquals("guard1", steps.get(6).actor());
        assertEquals("on my way", steps.get(6).detail());
        assertEquals("guard2", steps.get(7).actor());
        assertEquals("cat on the fence", steps.get(7).detail());
        assertEquals(1, webhook.received.size());

        assertEquals("unknown-alarm", assertThrows(GatehouseException.class, () -> p.alarms.timeline(999)).code());
    }

    @Test
    void auditActionsBecomeStepKinds() {
        assertEquals("raised", AlarmTimeline.kind("alarm-raise"));
        assertEquals("reminded", AlarmTimeline.kind("alarm-remind"));
        assertEquals("escalated", AlarmTimeline.kind("alarm-escalate"));
        assertEquals("feedback", AlarmTimeline.kind("watchlist-feedback"), "a verdict on a watchlist hit");
        assertEquals("alarm-annotate", AlarmTimeline.kind("alarm-annotate"), "another action keeps its name");
        Alarm a = new Alarm(12, null, "t", Severity.MAJOR, null, null, null, null, null, 1, null, null, null, 0, null,
                null, null, null, null);
        assertEquals("ESCALATED", AlarmTimeline.transition(a, "alarm-12-ESCALATED.2-1-webhook"));
        assertEquals("REMINDED", AlarmTimeline.transition(a, "alarm-12-REMINDED.3-1-sms-p1"));
        assertEquals(null, AlarmTimeline.transition(a, "alarm-120-RAISED-1-webhook"));
    }

    @Test
    void aClearedAlarmEndsWithClearedAndARedeliveredEventIsListedOnce() {
        SecurityEvent e = stored("e1", Severity.MAJOR);
        Alarm a = p.alarms.raise(e, null);
        p.alarms.raise(e, null); // at-least-once: the spine may deliver an event twice
        p.alarms.clear(p.events.ingest(new SecurityEvent("r1", null, null, "fence-1", null, "fence.intrusion",
                Severity.INFO, Map.of(SecurityEvent.ATTR_STATE, SecurityEvent.STATE_RESTORE), null, null)).event());
        List<AlarmStep> steps = p.alarms.timeline(a.id());
        assertEquals(List.of("event", "raised", "cleared"), kinds(steps), steps.toString());
        assertEquals("system", steps.get(2).actor());
    }

    @Test
    void criticalAlarmsAreRemindedEveryPeriodUntilAcknowledgedAndTheRemindersReachTheDuty() throws Exception {
        // the per-recipient rate limit is 1 message per hour: CRITICAL messages pass it
        p.outbox.configurePolicy(OutboxPolicy.of(2, 1, "", "Asia/Shanghai"));
        p.persons.savePerson(new Person("guard-1", "Guard One", PersonRole.STAFF, "+8613800000009", null, "en", null),
                "t");
        p.duty.save(new Shift(null, "s1", "guard-1", "guard-room", List.of(), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                null, null), "t");
        p.alarms.configureReminders(60_000);
        Alarm a = p.alarms.raise(stored("c1", Severity.CRITICAL), null);
        Alarm major = p.alarms.raise(p.events.ingest(new SecurityEvent("m1", null, null, "fence-1", null,
                "fence.tamper", Severity.MAJOR, Map.of(), null, null)).event(), null);
        p.alarms.subscribe((t, x) -> {
            if (t == Transition.REMINDED) {
                p.messages.alarmToOnDuty(x, t, null, new Delivery("on-duty", null, null, null, "en", null, null,
                        null));
            }
        });
        long raised = System.currentTimeMillis();

        assertEquals(0, p.alarms.remindDue(raised + 30_000), "not before one period");
        assertEquals(1, p.alarms.remindDue(raised + 61_000), "the CRITICAL alarm, not the MAJOR one");
        assertEquals(0, p.alarms.remindDue(raised + 90_000), "one period after the last reminder");
        assertEquals(1, p.alarms.remindDue(raised + 125_000));
        assertEquals(2, p.alarms.reminders(a.id()));
        assertEquals(0, p.alarms.reminders(major.id()));
        await("both reminders are delivered to the guard on duty", () -> sms.received.size() == 2);
        List<String> subjects = sms.received.stream().map(Notification::subject).sorted().toList();
        assertTrue(subjects.get(0).startsWith("Reminder (1): alarm #" + a.id() + " CRITICAL fence.intrusion"),
                subjects.toString());
        assertTrue(subjects.get(1).startsWith("Reminder (2): alarm #" + a.id()), subjects.toString());
        assertTrue(sms.received.get(0).text().contains("not acknowledged for"), sms.received.get(0).text());
        assertEquals("+8613800000009", sms.received.get(0).recipient());

        p.alarms.acknowledge(a.id(), "guard-1", null);
        assertEquals(0, p.alarms.remindDue(raised + 600_000), "no reminder after the acknowledgement");
        assertEquals(2, transitions.stream().filter(t -> t.equals("REMINDED#" + a.id())).count());

        List<AlarmStep> steps = p.alarms.timeline(a.id());
        List<AlarmStep> reminded = steps.stream().filter(s -> s.kind().equals("reminded")).toList();
        assertEquals(2, reminded.size(), steps.toString());
        assertTrue(reminded.get(0).detail().startsWith("reminder 1: not acknowledged for 1 min"),
                reminded.get(0).detail());
        assertTrue(reminded.get(1).detail().startsWith("reminder 2: not acknowledged for 2 min"),
                reminded.get(1).detail());
        List<AlarmStep> messages = steps.stream().filter(s -> s.kind().equals("message")).toList();
        assertEquals(List.of("REMINDED", "REMINDED"), messages.stream().map(s -> s.data().get("transition")).toList());
        assertEquals(2, steps.stream().filter(s -> s.kind().equals("delivered")).count(), steps.toString());
        assertEquals("acknowledged", steps.get(steps.size() - 1).kind());

        p.alarms.configureReminders(0);
        Alarm b = p.alarms.raise(p.events.ingest(new SecurityEvent("c2", null, null, "fence-1", null, "fence.cut",
                Severity.CRITICAL, Map.of(), null, null)).event(), null);
        assertEquals(0, p.alarms.remindDue(raised + 3_600_000), "0 turns reminders off");
        assertEquals(0, p.alarms.reminders(b.id()));
    }
}
