package org.gatehouse.device.gate.zkteco.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The commands waiting for one terminal: queued until its next {@code getrequest}, then in flight until it posts
 * their results to {@code devicecmd}. One poll takes as many queued commands as the caps allow (count and bytes), in
 * the order they were queued, a door command first. Each command's future completes with the terminal's return code
 * (0 ok, negative an error). Ids start from the clock so that a result for a command of an earlier run of the server
 * is not taken for one of this run.
 */
final class ZkCommands {
    /** A command and the future of its return code. */
    static final class Command {
        final long id;
        final String text;
        final CompletableFuture<Integer> result = new CompletableFuture<>();
        volatile boolean sent;
        volatile long sentAt; // System.nanoTime of the fetch

        Command(long id, String text) {
            this.id = id;
            this.text = text;
        }
    }

    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() / 1000 % 100_000_000L * 10);
    private final Deque<Command> queue = new ArrayDeque<>(); // guarded by itself
    private final Map<Long, Command> inFlight = new ConcurrentHashMap<>();
    private final int perPoll;
    private final int maxBytes;
    private volatile long lastTake = System.nanoTime() - Long.MAX_VALUE / 2; // System.nanoTime of the last hand-out

    /**
     * @param perPoll  at most this many commands are handed out at one poll
     * @param maxBytes at most this many bytes of commands at one poll (a longer command goes alone)
     */
    ZkCommands(int perPoll, int maxBytes) {
        this.perPoll = perPoll;
        this.maxBytes = maxBytes;
    }

    /** Queues a command for the next poll. */
    Command submit(String text) {
        return queue(text, false);
    }

    /** Queues a command ahead of those waiting (a door command does not wait for a roster sync). */
    Command submitFirst(String text) {
        return queue(text, true);
    }

    private Command queue(String text, boolean first) {
        Command command = new Command(ids.incrementAndGet(), text);
        synchronized (queue) {
            if (first) {
                queue.addFirst(command);
            } else {
                queue.addLast(command);
            }
        }
        return command;
    }

    /**
     * @return the lines to answer a poll with, in queue order, up to the count and byte caps (the first command
     *         always goes, however long), empty when nothing waits
     */
    List<String> take() {
        List<String> lines = new ArrayList<>();
        long bytes = 0;
        synchronized (queue) {
            while (!queue.isEmpty() && lines.size() < perPoll) {
                Command command = queue.peekFirst();
                String line = ZkProtocol.command(command.id, command.text);
                long size = line.getBytes(StandardCharsets.UTF_8).length + 1L;
                if (!lines.isEmpty() && bytes + size > maxBytes) {
                    break;
                }
                queue.pollFirst();
                bytes += size;
                command.sentAt = System.nanoTime();
                command.sent = true;
                inFlight.put(command.id, command);
                lines.add(line);
            }
        }
        if (!lines.isEmpty()) {
            lastTake = System.nanoTime();
        }
        return lines;
    }

    /** @return whether the terminal fetched commands in the last {@code millis} (it works through a backlog) */
    boolean fetchedWithin(long millis) {
        return System.nanoTime() - lastTake <= TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** @return how many commands wait for the next poll */
    int queued() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** @return whether a command with this id was waiting for its result */
    boolean complete(long id, int code) {
        Command command = inFlight.remove(id);
        if (command == null) {
            return false;
        }
        command.result.complete(code);
        return true;
    }

    /** Withdraws a command whose caller stopped waiting: out of the queue if not yet sent, and out of flight. */
    void withdraw(Command command) {
        synchronized (queue) {
            queue.remove(command);
        }
        inFlight.remove(command.id);
    }

    /** Fails every command (the driver stops). */
    void clear(RuntimeException reason) {
        List<Command> all;
        synchronized (queue) {
            all = new ArrayList<>(queue);
            queue.clear();
        }
        all.addAll(inFlight.values());
        inFlight.clear();
        all.forEach(c -> c.result.completeExceptionally(reason));
    }
}
