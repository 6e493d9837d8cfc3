package org.gatehouse.device.gate.zkteco.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The commands waiting for one terminal: queued until its next {@code getrequest}, then in flight until it posts
 * their results to {@code devicecmd}. Each command's future completes with the terminal's return code (0 ok,
 * negative an error). Ids start from the clock so that a result for a command of an earlier run of the server is not
 * taken for one of this run.
 */
final class ZkCommands {
    /** At most this many commands are handed out at one poll. */
    static final int PER_POLL = 16;

    /** A command and the future of its return code. */
    static final class Command {
        final long id;
        final String text;
        final CompletableFuture<Integer> result = new CompletableFuture<>();
        volatile boolean sent;

        Command(long id, String text) {
            this.id = id;
            this.text = text;
        }
    }

    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() / 1000 % 100_000_000L * 10);
    private final Deque<Command> queue = new ArrayDeque<>(); // guarded by itself
    private final Map<Long, Command> inFlight = new ConcurrentHashMap<>();

    /** Queues a command for the next poll. */
    Command submit(String text) {
        Command command = new Command(ids.incrementAndGet(), text);
        synchronized (queue) {
            queue.addLast(command);
        }
        return command;
    }

    /** @return the lines to answer a poll with (up to {@link #PER_POLL}), empty when nothing waits */
    List<String> take() {
        List<String> lines = new ArrayList<>();
        synchronized (queue) {
            while (!queue.isEmpty() && lines.size() < PER_POLL) {
                Command command = queue.pollFirst();
                command.sent = true;
                inFlight.put(command.id, command);
                lines.add(ZkProtocol.command(command.id, command.text));
            }
        }
        return lines;
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
