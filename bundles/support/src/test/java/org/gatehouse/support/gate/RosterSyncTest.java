package org.gatehouse.support.gate;

import static org.gatehouse.support.gate.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gatehouse.api.access.RosterEntry;
import org.gatehouse.api.access.SyncState;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RosterSyncTest {

    /** Records what it is asked; refuses photos that say "bad"; can be down. */
    static final class RecordingTerminal implements RosterSync.Terminal {
        final Map<String, String> held = new TreeMap<>();
        final List<String> calls = new ArrayList<>();
        volatile boolean down;
        /** Goes down after this many more successful calls (negative: never). */
        volatile int downAfter = -1;

        @Override
        public synchronized void put(RosterEntry entry, byte[] photo) throws IOException, RosterSync.Refused {
            check();
            calls.add("put " + entry.personId());
            String face = photo == null ? "" : new String(photo);
            if (face.contains("bad")) {
                throw new RosterSync.Refused("faceQualityTooLow");
            }
            held.put(entry.personId(), face);
        }

        @Override
        public synchronized void remove(String personId) throws IOException {
            check();
            calls.add("remove " + personId);
            held.remove(personId);
        }

        private void check() throws IOException {
            if (down) {
                throw new IOException("connect refused");
            }
            if (downAfter == 0) {
                down = true;
                throw new IOException("connect refused");
            }
            if (downAfter > 0) {
                downAfter--;
            }
        }

        synchronized List<String> calls() {
            return List.copyOf(calls);
        }
    }

    private final MemoryRoster roster = new MemoryRoster();
    private final RecordingTerminal terminal = new RecordingTerminal();
    private final RosterSync sync = new RosterSync("gate-1", roster, terminal);

    @Test
    void pushesTheRosterOnceAndThenNothing() {
        roster.put("p1", "face1");
        roster.put("p2", "face2");
        RosterSync.Result first = sync.run();
        assertEquals(new RosterSync.Result(2, 0, 0, 0, null), first);
        assertEquals(Map.of("p1", "face1", "p2", "face2"), terminal.held);
        assertEquals(SyncState.SYNCED, roster.state("p1"));
        assertEquals(new RosterSync.Result(0, 0, 0, 0, null), sync.run());
        assertEquals(2, terminal.calls().size());
        assertEquals(List.of("null", "null"), roster.runs());
    }

    @Test
    void aNewPhotoIsPushedAgain() {
        roster.put("p1", "face1");
        sync.run();
        roster.put("p1", "face1b");
        assertEquals(1, sync.run().pushed());
        assertEquals("face1b", terminal.held.get("p1"));
    }

    @Test
    void aRefusalIsKeptAndNotRetriedUntilThePhotoChangesOrRetry() {
        roster.put("p1", "bad face");
        roster.put("p2", "face2");
        RosterSync.Result first = sync.run();
        assertEquals(new RosterSync.Result(1, 0, 1, 0, null), first);
        assertEquals(SyncState.FAILED, roster.state("p1"));
        assertEquals("faceQualityTooLow", roster.status.get("p1").error());
        for (int i = 0; i < 3; i++) {
            assertFalse(sync.run().busy());
        }
        assertEquals(1, terminal.calls().stream().filter(c -> c.equals("put p1")).count());
        roster.retry("gate-1", "admin");
        assertEquals(1, sync.run().failed());
        roster.put("p1", "good face");
        assertEquals(1, sync.run().pushed());
        assertEquals(SyncState.SYNCED, roster.state("p1"));
    }

    @Test
    void removesWhoLeftTheRosterIncludingRefusedOnes() {
        roster.put("p1", "face1");
        roster.put("p2", "bad");
        sync.run();
        roster.drop("p1");
        roster.drop("p2");
        RosterSync.Result result = sync.run();
        assertEquals(2, result.removed());
        assertTrue(terminal.held.isEmpty());
        assertEquals(SyncState.REMOVED, roster.state("p1"));
        assertEquals(SyncState.REMOVED, roster.state("p2"));
        assertFalse(sync.run().busy()); // REMOVED is not removed again
        roster.put("p1", "face1");
        assertEquals(1, sync.run().pushed()); // and comes back when in the roster again
    }

    @Test
    void anOfflineTerminalStopsThePassAndTheNextOneResumes() {
        for (int i = 1; i <= 5; i++) {
            roster.put("p" + i, "face" + i);
        }
        terminal.downAfter = 2;
        RosterSync.Result broken = sync.run();
        assertEquals(new RosterSync.Result(2, 0, 0, 3, "connect refused"), broken);
        assertEquals("connect refused", roster.runs().get(0));
        terminal.down = false;
        terminal.downAfter = -1;
        RosterSync.Result resumed = sync.run();
        assertEquals(new RosterSync.Result(3, 0, 0, 0, null), resumed);
        assertEquals(5, terminal.held.size());
        assertEquals(5, terminal.calls().size()); // nobody pushed twice
    }

    @Test
    void aRosterChangeDuringALongPassEndsItSoRemovalsComeFirst() {
        for (int i = 1; i <= 5; i++) {
            roster.put("p" + i, "face" + i);
        }
        RosterSync.Terminal dropping = beforePut(entry -> {
            if (entry.personId().equals("p1")) {
                roster.drop("p1"); // consent withdrawn while the terminal takes the first photos
            }
        });
        assertEndsThenRemovesFirst(new RosterSync("gate-1", roster, dropping), new RosterSync.Result(1, 0, 0, 4, null),
                new RosterSync.Result(4, 1, 0, 0, null), 1);
    }

    /** Something a test terminal does before it puts a person. */
    interface Hook {
        void before(RosterEntry entry) throws IOException;
    }

    /** @return the recording terminal, with the hook run before each put */
    private RosterSync.Terminal beforePut(Hook hook) {
        return new RosterSync.Terminal() {
            @Override
            public void put(RosterEntry entry, byte[] photo) throws IOException, RosterSync.Refused {
                hook.before(entry);
                terminal.put(entry, photo);
            }

            @Override
            public void remove(String personId) throws IOException {
                terminal.remove(personId);
            }
        };
    }

    /** A pass ends at the roster change (p1 dropped); the next removes p1 (call {@code removeAt}) before its pushes. */
    private void assertEndsThenRemovesFirst(RosterSync s, RosterSync.Result ended, RosterSync.Result next,
                                            int removeAt) {
        assertEquals(ended, s.run());
        assertEquals(next, s.run());
        assertEquals("remove p1", terminal.calls().get(removeAt));
        assertFalse(terminal.held.containsKey("p1"));
    }

    @Test
    void theLoopSyncsOnVersionChangesAndBacksOffWhileDown() throws Exception {
        roster.put("p1", "face1");
        try (RosterSync.Loop loop = new RosterSync.Loop(sync, roster, Duration.ofHours(1), Duration.ofMillis(50),
                Duration.ofMillis(200), LoggerFactory.getLogger(RosterSyncTest.class)).start()) {
            await(() -> terminal.held.containsKey("p1"));
            roster.put("p2", "face2");
            await(() -> terminal.held.containsKey("p2"));
            terminal.down = true;
            roster.put("p3", "face3");
            await(() -> roster.runs().size() >= 5); // keeps trying, backing off
            assertFalse(terminal.held.containsKey("p3"));
            assertEquals("connect refused", loop.last().error());
            terminal.down = false;
            loop.wake();
            await(() -> terminal.held.containsKey("p3"));
            await(() -> loop.last() != null && loop.last().error() == null);
        }
        long passes = roster.runs().size();
        Thread.sleep(100);
        assertEquals(passes, roster.runs().size()); // closed: no more passes
    }

    @Test
    void aFailingCoreDoesNotKillTheLoop() throws Exception {
        MemoryRoster failing = new MemoryRoster() {
            int calls;

            @Override
            public synchronized java.util.List<RosterEntry> roster(String deviceId) {
                if (calls++ == 0) {
                    throw new IllegalStateException("database stopping");
                }
                return super.roster(deviceId);
            }
        };
        failing.put("p1", "face1");
        RosterSync s = new RosterSync("gate-1", failing, terminal);
        try (RosterSync.Loop loop = new RosterSync.Loop(s, failing, Duration.ofHours(1), Duration.ofMillis(20),
                Duration.ofMillis(40), LoggerFactory.getLogger(RosterSyncTest.class)).start()) {
            await(() -> terminal.held.containsKey("p1"));
            assertNull(loop.last().error());
        }
    }

    // ------------------------------------------------------------ several pushes or removals in flight

    /** A roster that counts the reports of each person. */
    static final class CountingRoster extends MemoryRoster {
        final Map<String, Integer> reports = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void report(String deviceId, String personId, SyncState state, String faceHash, String error) {
            reports.merge(personId, 1, Integer::sum);
            super.report(deviceId, personId, state, faceHash, error);
        }
    }

    /** Lets the recording terminal's calls overlap: each waits a little, and the most at once is kept. */
    static final class SlowTerminal implements RosterSync.Terminal {
        final RosterSync.Terminal inner;
        final java.util.concurrent.atomic.AtomicInteger now = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        /** Every call waits until this many are in flight (or 5 s): proves they overlap. */
        final java.util.concurrent.CountDownLatch together;

        SlowTerminal(RosterSync.Terminal inner, int together) {
            this.inner = inner;
            this.together = new java.util.concurrent.CountDownLatch(together);
        }

        @Override
        public void put(RosterEntry entry, byte[] photo) throws IOException, RosterSync.Refused {
            enter();
            try {
                inner.put(entry, photo);
            } finally {
                now.decrementAndGet();
            }
        }

        @Override
        public void remove(String personId) throws IOException, RosterSync.Refused {
            enter();
            try {
                inner.remove(personId);
            } finally {
                now.decrementAndGet();
            }
        }

        private void enter() throws IOException {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            together.countDown();
            try {
                together.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
    }

    @Test
    void inFlightMustBePositive() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new RosterSync("gate-1", roster, terminal, 0));
        assertEquals("inFlight must be at least 1, not 0", e.getMessage());
        assertEquals(1, sync.inFlight());
    }

    @Test
    void severalInFlightReportEveryPersonOnceAndKeepRefusals() {
        CountingRoster counting = new CountingRoster();
        for (int i = 1; i <= 60; i++) {
            counting.put(String.format("p%02d", i), i % 10 == 0 ? "bad face " + i : "face" + i);
        }
        SlowTerminal slow = new SlowTerminal(terminal, 8);
        RosterSync s = new RosterSync("gate-1", counting, slow, 8);
        assertEquals(new RosterSync.Result(54, 0, 6, 0, null), s.run());
        assertEquals(8, slow.most.get()); // eight at once, never more
        assertEquals(60, counting.reports.size());
        assertTrue(counting.reports.values().stream().allMatch(n -> n == 1), counting.reports.toString());
        assertEquals(SyncState.FAILED, counting.state("p10"));
        assertEquals("faceQualityTooLow", counting.status.get("p10").error());
        assertEquals(54, terminal.held.size());
        assertEquals(List.of("null"), counting.runs());
        assertFalse(s.run().busy()); // refusals are not retried

        for (int i = 1; i <= 20; i++) {
            counting.drop(String.format("p%02d", i));
        }
        RosterSync.Result removal = s.run();
        assertEquals(new RosterSync.Result(0, 20, 0, 0, null), removal);
        assertEquals(40 - 4, terminal.held.size());
    }

    @Test
    void removalsEndBeforeThePushesStart() {
        for (int i = 1; i <= 6; i++) {
            roster.put("p" + i, "face" + i);
        }
        sync.run();
        roster.drop("p1");
        roster.drop("p2");
        roster.drop("p3");
        for (int i = 7; i <= 12; i++) {
            roster.put("p" + i, "face" + i);
        }
        RosterSync s = new RosterSync("gate-1", roster, terminal, 4);
        assertEquals(new RosterSync.Result(6, 3, 0, 0, null), s.run());
        List<String> calls = terminal.calls().subList(6, 15);
        assertTrue(calls.subList(0, 3).stream().allMatch(c -> c.startsWith("remove ")), calls.toString());
    }

    @Test
    void anIOExceptionMidPassEndsItAndLosesNothing() {
        CountingRoster counting = new CountingRoster();
        for (int i = 1; i <= 40; i++) {
            counting.put(String.format("p%02d", i), "face" + i);
        }
        terminal.downAfter = 10;
        RosterSync s = new RosterSync("gate-1", counting, terminal, 6);
        RosterSync.Result broken = s.run();
        assertEquals(new RosterSync.Result(10, 0, 0, 30, "connect refused"), broken);
        assertEquals(List.of("connect refused"), counting.runs());
        assertEquals(10, counting.reports.size()); // the ten the terminal took, each once
        assertTrue(counting.reports.values().stream().allMatch(n -> n == 1));
        assertEquals(counting.reports.keySet(), terminal.held.keySet());

        terminal.down = false;
        terminal.downAfter = -1;
        assertEquals(new RosterSync.Result(30, 0, 0, 0, null), s.run());
        assertEquals(40, terminal.held.size());
        assertEquals(40, terminal.calls().size()); // nobody pushed twice
        assertTrue(counting.reports.values().stream().allMatch(n -> n == 1));
    }

    @Test
    void aRosterChangeEndsAPassWithSeveralInFlight() throws Exception {
        for (int i = 1; i <= 8; i++) {
            roster.put("p" + i, "face" + i);
        }
        java.util.concurrent.CountDownLatch second = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch dropped = new java.util.concurrent.CountDownLatch(1);
        RosterSync.Terminal dropping = beforePut(entry -> {
            try {
                if (entry.personId().equals("p1")) {
                    second.await(); // p1 and p2 are both in flight
                    roster.drop("p1"); // consent withdrawn while the terminal takes the first photos
                    dropped.countDown();
                } else {
                    second.countDown();
                    dropped.await(); // p2 ends after the change too: nothing else may start
                }
            } catch (InterruptedException e) {
                throw new IOException("interrupted");
            }
        });
        assertEndsThenRemovesFirst(new RosterSync("gate-1", roster, dropping, 2),
                new RosterSync.Result(2, 0, 0, 6, null), new RosterSync.Result(6, 1, 0, 0, null), 2);
    }

    @Test
    void anInterruptedPassStopsItsStepsAndReportsTheRun() throws Exception {
        for (int i = 1; i <= 4; i++) {
            roster.put("p" + i, "face" + i);
        }
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(2);
        RosterSync.Terminal hanging = new RosterSync.Terminal() {
            @Override
            public void put(RosterEntry entry, byte[] photo) throws IOException {
                started.countDown();
                try {
                    Thread.sleep(60_000); // a terminal that never answers
                } catch (InterruptedException e) {
                    throw new IOException("sync stopped");
                }
            }

            @Override
            public void remove(String personId) {
            }
        };
        RosterSync s = new RosterSync("gate-1", roster, hanging, 2);
        RosterSync.Result[] result = new RosterSync.Result[1];
        Thread runner = new Thread(() -> result[0] = s.run());
        runner.start();
        started.await();
        runner.interrupt();
        runner.join(20_000);
        assertFalse(runner.isAlive());
        assertEquals(new RosterSync.Result(0, 0, 0, 4, "roster sync of gate-1 stopped"), result[0]);
        assertEquals(List.of("roster sync of gate-1 stopped"), roster.runs());
    }
}
