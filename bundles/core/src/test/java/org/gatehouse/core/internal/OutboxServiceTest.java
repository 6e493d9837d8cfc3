package org.gatehouse.core.internal;

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
import org.gatehouse.api.service.OutboxService.OutboxMessage.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxServiceTest {
    private DataSource ds;
    private TestDb.Channels channels;
    private OutboxServiceImpl outbox;

    /** A channel that fails a given number of times, then accepts. */
    static final class Flaky implements NotificationChannel {
        final List<Notification> received = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresLeft;
        final boolean retryable;

        Flaky(int failures, boolean retryable) {
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
        outbox.deliverDue();
        OutboxMessage after1 = outbox.get(m.id()).orElseThrow();
        assertEquals(Status.QUEUED, after1.status());
        assertEquals(1, after1.attempts());
        assertEquals("HTTP 503", after1.lastError());
        assertTrue(after1.nextAttempt().toEpochMilli() > System.currentTimeMillis(), "not due again at once");
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
}
