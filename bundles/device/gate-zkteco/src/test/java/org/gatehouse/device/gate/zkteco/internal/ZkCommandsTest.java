package org.gatehouse.device.gate.zkteco.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The queue a poll is answered from: count and byte caps, door commands first, the fetch time. */
class ZkCommandsTest {

    @Test
    void aPollTakesUpToTheCountCapInOrder() {
        ZkCommands commands = new ZkCommands(3, 1 << 20);
        for (int i = 1; i <= 5; i++) {
            commands.submit("DATA DELETE USERINFO PIN=" + i);
        }
        List<String> first = commands.take();
        assertEquals(3, first.size());
        assertTrue(first.get(0).endsWith("PIN=1") && first.get(2).endsWith("PIN=3"), first.toString());
        assertEquals(2, commands.take().size());
        assertTrue(commands.take().isEmpty());
    }

    @Test
    void aPollTakesUpToTheByteCapAndALongCommandGoesAlone() {
        ZkCommands commands = new ZkCommands(50, 100);
        ZkCommands.Command a = commands.submit("x".repeat(30));
        commands.submit("y".repeat(30));
        commands.submit("z".repeat(30)); // three lines of ~45 bytes: only two fit in 100
        commands.submit("w".repeat(500));
        commands.submit("v");
        List<String> first = commands.take();
        assertEquals(2, first.size());
        assertEquals("C:" + a.id + ":" + "x".repeat(30), first.get(0));
        assertEquals(1, commands.take().size()); // z: the long one does not fit behind it
        List<String> alone = commands.take();
        assertEquals(1, alone.size()); // longer than the cap: alone, not stuck
        assertTrue(alone.get(0).endsWith("w".repeat(500)));
        assertEquals(1, commands.take().size());
    }

    @Test
    void aDoorCommandGoesBeforeQueuedSyncCommands() {
        ZkCommands commands = new ZkCommands(2, 1 << 20);
        commands.submit("DATA UPDATE USERINFO PIN=1");
        commands.submit("DATA UPDATE USERINFO PIN=2");
        commands.submitFirst("AC_UNLOCK");
        List<String> lines = commands.take();
        assertTrue(lines.get(0).endsWith(":AC_UNLOCK"), lines.toString());
        assertEquals(1, commands.queued());
    }

    @Test
    void theFetchTimeAndWithdrawnCommands() {
        ZkCommands commands = new ZkCommands(10, 1 << 20);
        assertFalse(commands.fetchedWithin(60_000)); // nothing fetched yet
        ZkCommands.Command gone = commands.submit("DATA DELETE USERINFO PIN=1");
        commands.withdraw(gone);
        assertTrue(commands.take().isEmpty());
        assertFalse(commands.fetchedWithin(60_000)); // an empty answer is no fetch
        ZkCommands.Command sent = commands.submit("DATA DELETE USERINFO PIN=2");
        assertEquals(1, commands.take().size());
        assertTrue(sent.sent);
        assertTrue(commands.fetchedWithin(60_000));
        assertTrue(commands.complete(sent.id, 0));
        assertFalse(commands.complete(sent.id, 0)); // answered once
        assertEquals(0, sent.result.join());
    }
}
