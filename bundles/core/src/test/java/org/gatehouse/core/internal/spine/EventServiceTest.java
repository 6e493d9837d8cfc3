package org.gatehouse.core.internal.spine;

import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.Publisher;
import org.gatehouse.core.testing.TestDb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.gatehouse.api.EventQuery;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.device.IngestResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventServiceTest {
    private DataSource ds;
    private Platform p;

    @BeforeEach
    void setUp() {
        ds = TestDb.newDataSource();
        p = TestDb.platform(ds, new TestDb.Channels());
        TestDb.seed(p);
    }

    @AfterEach
    void tearDown() {
        p.stop();
    }

    static SecurityEvent event(String id, String type, Severity sev) {
        return new SecurityEvent(id, null, null, "fence-1", null, type, sev, Map.of("zone", "3"), null, null);
    }

    static void await(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void findsWhichOfManyIdsAreStoredInBatches() {
        p.events.ingest(event("kept-1", "fence.intrusion", Severity.INFO));
        p.events.ingest(event("kept-2", "fence.intrusion", Severity.INFO));
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            ids.add("absent-" + i);
        }
        ids.add(700, "kept-2");
        ids.add(3, "kept-1");
        ids.add("kept-1");
        assertEquals(java.util.Set.of("kept-1", "kept-2"), p.events.stored(ids));
        assertEquals(java.util.Set.of(), p.events.stored(java.util.List.of()));
    }

    @Test
    void storesFillsInDefaultsAndRecognisesDuplicates() {
        IngestResult r = p.events.ingest(event("e-1", "fence.intrusion", null));
        assertFalse(r.duplicate());
        assertEquals("s1", r.event().siteId());
        assertEquals(Severity.INFO, r.event().severity());
        SecurityEvent stored = p.events.get("e-1").orElseThrow();
        assertEquals("fence.intrusion", stored.type());
        assertEquals(Map.of("zone", "3"), stored.attributes());

        assertTrue(p.events.ingest(event("e-1", "fence.intrusion", Severity.MAJOR)).duplicate());
        assertEquals(org.gatehouse.api.DeviceStatus.ONLINE, p.sites.device("fence-1").orElseThrow().status(),
                "a device that sends events is online");
        assertEquals(1, p.events.query(EventQuery.latest(10)).total());
        assertEquals(1, p.events.stats().duplicates());
    }

    @Test
    void rejectsBadEventsWithReasonCodesAndStoresNothing() {
        assertEquals("unknown-device", assertThrows(GatehouseException.class, () -> p.events.ingest(
                new SecurityEvent(null, null, null, "nope", null, "x", null, null, null, null))).code());
        assertEquals("missing-type", code(event(null, null, null)));
        assertEquals("bad-type", code(event(null, "Fence Intrusion!", null)));
        assertEquals("bad-id", code(event("has space", "fence.intrusion", null)));
        assertEquals("time-in-future", code(new SecurityEvent(null, Instant.now().plus(Duration.ofDays(2)), null,
                "fence-1", null, "fence.intrusion", null, null, null, null)));
        assertEquals("site-mismatch", code(new SecurityEvent(null, null, "other", "fence-1", null, "a", null, null,
                null, null)));
        assertEquals("bad-attribute", code(new SecurityEvent(null, null, null, "fence-1", null, "a", null,
                Map.of("k", "v".repeat(2000)), null, null)));
        assertEquals(0, p.events.query(EventQuery.latest(10)).total());
        assertEquals(7, p.events.stats().rejected());
    }

    private String code(SecurityEvent e) {
        return assertThrows(GatehouseException.class, () -> p.events.ingest(e)).code();
    }

    @Test
    void batchesAreAllOrNothing() {
        p.events.ingest(event("known", "fence.intrusion", null));
        GatehouseException e = assertThrows(GatehouseException.class, () -> p.events.ingestAll(List.of(
                event("b-0", "fence.intrusion", null),
                new SecurityEvent("b-1", Instant.now().plus(Duration.ofDays(1)), null, "fence-1", null, "fence.cut",
                        null, null, null, null))));
        assertEquals("time-in-future", e.code());
        assertTrue(e.getMessage().startsWith("event [1]: "), e.getMessage());
        assertFalse(p.events.get("b-0").isPresent(), "nothing of a rejected batch is stored");

        List<IngestResult> r = p.events.ingestAll(List.of(event("b-0", "fence.intrusion", null),
                event("known", "fence.intrusion", null), event("b-2", "gate.passage", null)));
        assertEquals(List.of(false, true, false), r.stream().map(IngestResult::duplicate).toList());
        assertEquals(3, p.events.query(EventQuery.latest(10)).total());
        assertEquals("empty-batch", assertThrows(GatehouseException.class, () -> p.events.ingestAll(List.of())).code());
    }

    @Test
    void concurrentDriversAreStoredOnceAndDispatchedInOrderPerDevice() throws Exception {
        for (int d = 0; d < 8; d++) {
            p.sites.saveDevice(new org.gatehouse.api.Device("dev-" + d, "s1", null, "fence", "http", null, null, null),
                    "test");
        }
        java.util.Map<String, List<Integer>> seen = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger total = new java.util.concurrent.atomic.AtomicInteger();
        p.events.subscribe("*", e -> {
            seen.computeIfAbsent(e.deviceId(), k -> new CopyOnWriteArrayList<>())
                    .add(Integer.parseInt(e.attributes().get("n")));
            total.incrementAndGet();
        });
        p.start();
        int perThread = 150;
        List<Thread> threads = new java.util.ArrayList<>();
        for (int d = 0; d < 8; d++) {
            String dev = "dev-" + d;
            Thread t = new Thread(() -> {
                for (int n = 0; n < perThread; n++) {
                    p.events.ingest(new SecurityEvent(dev + "-" + n, null, null, dev, null, "fence.intrusion", null,
                            Map.of("n", Integer.toString(n)), null, null));
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        await(() -> total.get() == 8 * perThread);
        assertEquals(8 * perThread, p.events.query(EventQuery.latest(1)).total());
        for (List<Integer> ns : seen.values()) {
            for (int i = 0; i < perThread; i++) {
                assertEquals(i, ns.get(i), "events of one device arrive in order");
            }
        }
        Thread.sleep(300);
        assertEquals(8 * perThread, total.get(), "each event is dispatched once");
    }

    @Test
    void dispatchesInOrderToMatchingSubscribers() throws Exception {
        List<String> fence = new CopyOnWriteArrayList<>();
        List<String> all = new CopyOnWriteArrayList<>();
        p.events.subscribe("fence.*", e -> fence.add(e.id()));
        p.events.subscribe("*", e -> all.add(e.id()));
        p.events.subscribe("fence.intrusion", e -> {
            if (e.id().equals("e0")) {
                throw new IllegalStateException("a failing subscriber does not stop the others");
            }
        });
        p.start();
        for (int i = 0; i < 50; i++) {
            p.events.ingest(event("e" + i, i % 2 == 0 ? "fence.intrusion" : "gate.passage", Severity.INFO));
        }
        await(() -> all.size() == 50);
        assertEquals(25, fence.size());
        assertEquals("e0", all.get(0));
        assertEquals("e49", all.get(49));
    }

    @Test
    void eventsStoredButNotDispatchedAreReplayedAtTheNextStart() throws Exception {
        // the dispatcher never ran: as if the process died right after storing
        p.events.ingest(event("lost-1", "fence.intrusion", Severity.MAJOR));
        p.events.ingest(event("lost-2", "fence.intrusion", Severity.MAJOR));
        p.events.checkpoint(); // must not pass events that are stored but not dispatched

        Platform restarted = TestDb.platform(ds, new TestDb.Channels());
        List<String> seen = new CopyOnWriteArrayList<>();
        restarted.events.subscribe("*", e -> seen.add(e.id()));
        restarted.start();
        await(() -> seen.size() == 2);
        assertEquals(List.of("lost-1", "lost-2"), seen);
        restarted.events.ingest(event("new-1", "fence.intrusion", Severity.MAJOR));
        await(() -> seen.size() == 3);
        restarted.stop();

        Platform third = TestDb.platform(ds, new TestDb.Channels());
        List<String> again = new CopyOnWriteArrayList<>();
        third.events.subscribe("*", e -> again.add(e.id()));
        third.start();
        Thread.sleep(500);
        third.stop();
        assertTrue(again.isEmpty(), "nothing is replayed twice after a clean stop: " + again);
    }

    @Test
    void replayWaitsForSubscribersThatArriveOneAfterAnother() throws Exception {
        p.events.ingest(event("stored-1", "gate.forced", Severity.CRITICAL));
        p.events.checkpoint();

        // route bundles start one after another: the replay must reach the second one too
        Platform.Settings d = Platform.Settings.defaults();
        Platform restarted = new Platform(ds, Publisher.NONE, new TestDb.Channels(), new Platform.Settings(
                d.escalationAfterMs(), d.escalationMaxLevel(), d.retryInitialMs(), d.retryMaxMs(), d.maxAgeMs(),
                d.spineQueueCapacity(), 30_000, d.dispatchThreads()));
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        restarted.start();
        restarted.events.subscribe("gate.passage", e -> first.add(e.id()));
        Thread.sleep(EventServiceImpl.SUBSCRIBERS_SETTLE_MS / 2);
        restarted.events.subscribe("*", e -> second.add(e.id()));
        await(() -> second.size() == 1);
        assertEquals(List.of("stored-1"), second);
        assertTrue(first.isEmpty());
        restarted.stop();
    }

    @Test
    void replayWaitsForTheContainersBootNotForTheCoresOwnSubscriptions() throws Exception {
        p.events.ingest(event("stored-2", "gate.forced", Severity.CRITICAL));
        p.events.checkpoint();

        // the core follows gate.* itself (visits) from its construction on; a slow container starts its route
        // bundles more than the settle time apart, and only its BootFinished says that all of them are there
        Platform.Settings d = Platform.Settings.defaults();
        Platform restarted = new Platform(ds, Publisher.NONE, new TestDb.Channels(), new Platform.Settings(
                d.escalationAfterMs(), d.escalationMaxLevel(), d.retryInitialMs(), d.retryMaxMs(), d.maxAgeMs(),
                d.spineQueueCapacity(), 30_000, d.dispatchThreads()));
        java.util.concurrent.atomic.AtomicBoolean booted = new java.util.concurrent.atomic.AtomicBoolean();
        restarted.events.bootFinished(booted::get);
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> late = new CopyOnWriteArrayList<>();
        restarted.start();
        Thread.sleep(EventServiceImpl.SUBSCRIBERS_SETTLE_MS + 500);
        restarted.events.subscribe("gate.*", e -> first.add(e.id()));
        Thread.sleep(EventServiceImpl.SUBSCRIBERS_SETTLE_MS + 500);
        assertTrue(first.isEmpty(), "nothing is dispatched before the boot finished: " + first);
        restarted.events.subscribe("gate.*", e -> late.add(e.id()));
        booted.set(true);
        await(() -> late.size() == 1 && first.size() == 1);
        assertEquals(List.of("stored-2"), late);
        assertEquals(List.of("stored-2"), first);
        restarted.stop();
    }

    @Test
    void queriesFilterAndPage() {
        for (int i = 0; i < 30; i++) {
            p.events.ingest(new SecurityEvent("q" + i, Instant.now().minusSeconds(100 - i), null, "fence-1", null,
                    i < 10 ? "fence.intrusion" : "gate.passage", null, null, null, null));
        }
        assertEquals(10, p.events.query(new EventQuery(null, null, "fence.*", null, null, null, 0, 5)).total());
        var page = p.events.query(new EventQuery(null, null, "gate.passage", "s1", null, "fence-1", 5, 5));
        assertEquals(20, page.total());
        assertEquals("q24", page.items().get(0).id());
        assertEquals("bad-limit", assertThrows(GatehouseException.class,
                () -> p.events.query(EventQuery.latest(5000))).code());
    }
}
