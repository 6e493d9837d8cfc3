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
        RosterSync.Terminal dropping = new RosterSync.Terminal() {
            @Override
            public void put(RosterEntry entry, byte[] photo) throws IOException, RosterSync.Refused {
                terminal.put(entry, photo);
                if (entry.personId().equals("p1")) {
                    roster.drop("p1"); // consent withdrawn while the terminal takes the first photos
                }
            }

            @Override
            public void remove(String personId) throws IOException {
                terminal.remove(personId);
            }
        };
        RosterSync s = new RosterSync("gate-1", roster, dropping);
        assertEquals(new RosterSync.Result(1, 0, 0, 4, null), s.run());
        RosterSync.Result next = s.run();
        assertEquals(new RosterSync.Result(4, 1, 0, 0, null), next);
        assertEquals("remove p1", terminal.calls().get(1)); // before the other pushes
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
}
