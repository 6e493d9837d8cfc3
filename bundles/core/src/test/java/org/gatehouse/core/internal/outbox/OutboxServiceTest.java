package org.gatehouse.core.internal.outbox;

import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.notify.DeliveryException;
import org.gatehouse.api.notify.DeliveryReceipt;
import org.gatehouse.api.notify.Notification;
import org.gatehouse.api.notify.NotificationChannel;
import org.gatehouse.api.service.OutboxService.OutboxMessage;
import org.gatehouse.api.service.OutboxService.Priority;
import org.gatehouse.api.service.OutboxService.Request;
import org.gatehouse.api.service.OutboxService.OutboxMessage.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public class OutboxServiceTest {
    private DataSource ds;
    private TestDb.Channels channels;
    private OutboxServiceImpl outbox;

    /** A channel that fails a given number of times, then accepts (the alarm timeline test uses it too). */
    public static final class Flaky implements NotificationChannel {
        public final List<Notification> received = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresLeft;
        final boolean retryable;

        public Flaky(int failures, boolean retryable) {
            this.failuresLeft = new AtomicInteger(failures);
            this.retryable = retryable;
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.TEXT);
        }

        @Override
        public DeliveryReceipt send(Notification n) throws DeliveryException {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new DeliveryException("HTTP 503", retryable);
            }
            received.add(n);
            return new DeliveryReceipt("p-" + n.id(), false, "HTTP 200");
        }
    }

    @BeforeEach
    void setUp() {
        ds = TestDb.newDataSource();
        channels = new TestDb.Channels();
        Platform p = TestDb.platform(ds, channels);
        outbox = p.outbox;
        outbox.configure(100, 100, 3_600_000);
    }

    private OutboxMessage queue(String dedupe) {
        return outbox.enqueue("webhook", null, "alarm.raised", null, "en", "Alarm #1", "fence cut",
                Map.of("alarmId", "1"), dedupe);
    }

    @Test
    void messagesWaitForAChannelAndAreDeliveredWhenOneAppears() throws Exception {
        OutboxMessage m = queue(null);
        outbox.deliverDue();
        OutboxMessage waiting = outbox.get(m.id()).orElseThrow();
        assertEquals(Status.QUEUED, waiting.status());
        assertEquals(0, waiting.attempts(), "waiting for a channel is not an attempt");
        assertTrue(waiting.lastError().startsWith("waiting for"));

        Flaky ch = new Flaky(0, true);
        channels.add("webhook", "hook-a", ch);
        outbox.channelsChanged();
        outbox.deliverDue();
        OutboxMessage sent = outbox.get(m.id()).orElseThrow();
        assertEquals(Status.SENT, sent.status());
        assertEquals("hook-a", sent.provider());
        assertNotNull(sent.sentAt());
        assertEquals(1, ch.received.size());
        assertEquals(Map.of("alarmId", "1"), ch.received.get(0).data());
        assertEquals(m.id(), ch.received.get(0).id());
    }

    @Test
    void retryableFailuresBackOffThenSucceed() throws Exception {
        Flaky ch = new Flaky(2, true);
        channels.add("webhook", "hook-a", ch);
        OutboxMessage m = queue(null);
        long attempted = System.currentTimeMillis();
        outbox.deliverDue();
        OutboxMessage after1 = outbox.get(m.id()).orElseThrow();
        assertEquals(Status.QUEUED, after1.status());
        assertEquals(1, after1.attempts());
        assertEquals("HTTP 503", after1.lastError());
        // later than the attempt (not "later than now": on a loaded machine the short first back-off may have passed)
        assertTrue(after1.nextAttempt().toEpochMilli() > attempted, "not due again at once");
        for (int i = 0; i < 50 && outbox.get(m.id()).orElseThrow().status() == Status.QUEUED; i++) {
            Thread.sleep(60);
            outbox.deliverDue();
        }
        OutboxMessage done = outbox.get(m.id()).orElseThrow();
        assertEquals(Status.SENT, done.status());
        assertEquals(3, done.attempts());
        assertEquals(1, ch.received.size());
    }

    @Test
    void permanentFailureStopsAndExpiredMessagesFail() {
        channels.add("webhook", "hook-a", new Flaky(1, false));
        OutboxMessage m = queue(null);
        outbox.deliverDue();
        assertEquals(Status.FAILED, outbox.get(m.id()).orElseThrow().status());

        outbox.configure(100, 100, 1);
        OutboxMessage old = queue(null);
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        outbox.deliverDue();
        OutboxMessage expired = outbox.get(old.id()).orElseThrow();
        assertEquals(Status.FAILED, expired.status());
        assertTrue(expired.lastError().startsWith("expired"));
    }

    @Test
    void dedupeKeyQueuesOnceAndBadInputIsRefused() {
        OutboxMessage a = queue("alarm-1-RAISED");
        OutboxMessage b = queue("alarm-1-RAISED");
        assertEquals(a.id(), b.id());
        assertEquals(1, outbox.query(null, 0, 10).total());
        assertEquals("bad-filter", assertThrows(GatehouseException.class, () -> outbox.enqueue("webhook", "oops",
                "k", null, null, null, "t", null, null)).code());
        assertEquals("missing-channel", assertThrows(GatehouseException.class, () -> outbox.enqueue(null, null,
                "k", null, null, null, "t", null, null)).code());
    }

    @Test
    void filterSelectsTheProvider() {
        Flaky a = new Flaky(0, true);
        Flaky b = new Flaky(0, true);
        channels.add("webhook", "hook-a", a);
        channels.add("webhook", "hook-b", b);
        outbox.enqueue("webhook", "(gatehouse.notify.provider=hook-b)", "k", null, null, null, "t", null, null);
        outbox.deliverDue();
        assertEquals(0, a.received.size());
        assertEquals(1, b.received.size());
    }

    @Test
    void queuedMessagesSurviveARestart() {
        OutboxMessage m = queue(null);
        TestDb.Channels later = new TestDb.Channels();
        Flaky ch = new Flaky(0, true);
        later.add("webhook", "hook-a", ch);
        Platform restarted = TestDb.platform(ds, later);
        restarted.outbox.deliverDue();
        assertEquals(Status.SENT, restarted.outbox.get(m.id()).orElseThrow().status());
        assertEquals(1, ch.received.size());
    }

    private OutboxMessage queue(String channel, String recipient, Priority priority, String fallback, String fbRecipient) {
        return outbox.enqueue(new Request(channel, null, "alarm", recipient, "zh-CN", "告警", "围栏告警", Map.of(),
                null, priority, fallback, fbRecipient));
    }

    private void deliverUntilSettled(String id) throws InterruptedException {
        for (int i = 0; i < 60 && outbox.get(id).orElseThrow().status() == Status.QUEUED; i++) {
            outbox.deliverDue();
            Thread.sleep(30);
        }
    }

    @Test
    void repeatedFailuresMoveToTheFallbackChannelAndRecipient() throws Exception {
        outbox.configurePolicy(OutboxPolicy.of(2, 0, "", "UTC"));
        Flaky push = new Flaky(100, true);
        Flaky sms = new Flaky(0, true);
        channels.add("push", "push-a", push);
        channels.add("sms", "sms-a", sms);
        OutboxMessage m = queue("push", "parent-app-1", Priority.NORMAL, "sms", "+8613800000001");
        deliverUntilSettled(m.id());
        OutboxMessage done = outbox.get(m.id()).orElseThrow();
        assertEquals(Status.SENT, done.status());
        assertEquals("sms", done.channelUsed());
        assertEquals("sms-a", done.provider());
        assertEquals(3, done.attempts(), "two failures on push, then sms");
        assertEquals("+8613800000001", sms.received.get(0).recipient());
        assertEquals("p-" + m.id(), done.providerMessageId());
    }

    @Test
    void aPermanentFailureFallsBackAtOnceAndACriticalMessageDoesNotWaitForAnAbsentChannel() throws Exception {
        Flaky push = new Flaky(1, false);
        Flaky sms = new Flaky(0, true);
        channels.add("push", "push-a", push);
        channels.add("sms", "sms-a", sms);
        OutboxMessage m = queue("push", "app-1", Priority.NORMAL, "sms", null);
        deliverUntilSettled(m.id());
        assertEquals("sms", outbox.get(m.id()).orElseThrow().channelUsed());
        assertEquals("app-1", sms.received.get(0).recipient(), "no fallback recipient: the same one");

        OutboxMessage c = queue("email", "guard@school", Priority.CRITICAL, "sms", "+8613800000002");
        deliverUntilSettled(c.id());
        OutboxMessage sent = outbox.get(c.id()).orElseThrow();
        assertEquals(Status.SENT, sent.status(), "no email channel is installed, the critical message goes by sms");
        assertEquals("sms", sent.channelUsed());

        OutboxMessage n = queue("email", "guard@school", Priority.NORMAL, "sms", null);
        outbox.deliverDue();
        assertEquals(Status.QUEUED, outbox.get(n.id()).orElseThrow().status(), "a normal one waits for its channel");
    }

    @Test
    void quietHoursHoldBackAllButCriticalMessages() throws Exception {
        java.time.LocalTime now = java.time.LocalTime.now(java.time.ZoneOffset.UTC);
        String quiet = now.minusHours(1).withSecond(0).withNano(0) + "-" + now.plusHours(1).withSecond(0).withNano(0);
        outbox.configurePolicy(OutboxPolicy.of(2, 0, quiet, "UTC"));
        Flaky sms = new Flaky(0, true);
        channels.add("sms", "sms-a", sms);
        OutboxMessage normal = queue("sms", "+8613800000003", Priority.NORMAL, null, null);
        OutboxMessage critical = queue("sms", "+8613800000003", Priority.CRITICAL, null, null);
        outbox.deliverDue();
        OutboxMessage held = outbox.get(normal.id()).orElseThrow();
        assertEquals(Status.QUEUED, held.status());
        assertEquals(0, held.attempts(), "waiting out quiet hours is not an attempt");
        assertTrue(held.lastError().startsWith("quiet hours until"), held.lastError());
        assertTrue(held.nextAttempt().isAfter(java.time.Instant.now().plusSeconds(3000)));
        assertEquals(Status.SENT, outbox.get(critical.id()).orElseThrow().status());
        assertEquals(1, sms.received.size());
    }

    @Test
    void theRateLimitPerRecipientDefersTheSurplus() throws Exception {
        outbox.configurePolicy(OutboxPolicy.of(2, 2, "", "UTC"));
        Flaky sms = new Flaky(0, true);
        channels.add("sms", "sms-a", sms);
        OutboxMessage a = queue("sms", "+8613800000004", Priority.NORMAL, null, null);
        OutboxMessage b = queue("sms", "+8613800000004", Priority.NORMAL, null, null);
        OutboxMessage c = queue("sms", "+8613800000004", Priority.NORMAL, null, null);
        OutboxMessage other = queue("sms", "+8613800000005", Priority.NORMAL, null, null);
        outbox.deliverDue();
        outbox.deliverDue();
        assertEquals(Status.SENT, outbox.get(a.id()).orElseThrow().status());
        assertEquals(Status.SENT, outbox.get(b.id()).orElseThrow().status());
        OutboxMessage held = outbox.get(c.id()).orElseThrow();
        assertEquals(Status.QUEUED, held.status());
        assertTrue(held.lastError().startsWith("rate limit"), held.lastError());
        assertEquals(Status.SENT, outbox.get(other.id()).orElseThrow().status(), "other recipients are not held");
    }

    @Test
    void receiptsMarkSentMessagesDeliveredOrFailed() {
        channels.add("sms", "sms-a", new Flaky(0, true));
        OutboxMessage a = queue("sms", "+8613800000006", Priority.NORMAL, null, null);
        OutboxMessage b = queue("sms", "+8613800000007", Priority.NORMAL, null, null);
        outbox.deliverDue();
        assertTrue(outbox.receipt("sms-a", "p-" + a.id(), true, null));
        assertTrue(outbox.receipt("sms-a", "p-" + b.id(), false, "DLR UNDELIV"));
        assertEquals(Status.DELIVERED, outbox.get(a.id()).orElseThrow().status());
        OutboxMessage failed = outbox.get(b.id()).orElseThrow();
        assertEquals(Status.FAILED, failed.status());
        assertEquals("DLR UNDELIV", failed.lastError());
        assertTrue(!outbox.receipt("sms-a", "nope", true, null));
    }

    @Test
    void quietHoursAreParsedAcrossMidnight() {
        OutboxPolicy p = OutboxPolicy.of(2, 0, "22:00-07:00", "Asia/Shanghai");
        java.time.Instant at23 = java.time.ZonedDateTime.of(2026, 6, 1, 23, 0, 0, 0,
                java.time.ZoneId.of("Asia/Shanghai")).toInstant();
        assertEquals(java.time.ZonedDateTime.of(2026, 6, 2, 7, 0, 0, 0, java.time.ZoneId.of("Asia/Shanghai"))
                .toInstant(), p.quietUntil(at23));
        assertEquals(null, p.quietUntil(at23.plusSeconds(9 * 3600)));
        assertThrows(IllegalArgumentException.class, () -> OutboxPolicy.of(2, 0, "22-7", "UTC"));
        assertThrows(IllegalArgumentException.class, () -> OutboxPolicy.of(2, 0, "", "Mars/Base"));
    }
}
