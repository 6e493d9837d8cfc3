package org.gatehouse.support.gate;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.gatehouse.api.access.RosterEntry;
import org.gatehouse.api.access.RosterService;
import org.gatehouse.api.access.SyncState;
import org.gatehouse.api.access.SyncStatus;
import org.slf4j.Logger;

/**
 * The roster sync of one face terminal, shared by the terminal drivers: compares the roster the core wants on the
 * terminal ({@link RosterService#roster}) with what the terminal was last told ({@link RosterService#status}), pushes
 * and removes the difference through a {@link Terminal} and reports every outcome back. A person the terminal refused
 * stays FAILED with its reason and is not pushed again until the photo changes or an operator asks for a retry; a
 * terminal that cannot be reached ends the pass, and the next pass resumes where it stopped. {@link Loop} runs the
 * passes on a thread of its own.
 */
public final class RosterSync {

    /** What a driver does on its terminal. */
    public interface Terminal {
        /** Adds or replaces the person on the terminal with the face photo (null photo: the user only). */
        void put(RosterEntry entry, byte[] photo) throws IOException, Refused;

        /** Removes the person and their face; a person the terminal does not hold is no error. */
        void remove(String personId) throws IOException, Refused;
    }

    /**
     * The terminal refused this one person (reason = its code); kept as FAILED, not retried until the photo changes
     * or retry.
     */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reason;

        public Refused(String reason) {
            super(reason);
            this.reason = reason == null || reason.isBlank() ? "refused" : reason;
        }

        /** @return the terminal's code for the refusal, e.g. {@code faceQualityTooLow} */
        public String reason() {
            return reason;
        }
    }

    /**
     * The outcome of one pass.
     *
     * @param pushed    persons added or replaced
     * @param removed   persons removed
     * @param failed    persons the terminal refused in this pass
     * @param remaining pushes and removals not done because the pass stopped at an error
     * @param error     why the pass stopped (terminal unreachable), null when it reached the end
     */
    public record Result(int pushed, int removed, int failed, int remaining, String error) {
        /** @return whether the pass changed or tried anything */
        public boolean busy() {
            return pushed + removed + failed + remaining > 0;
        }
    }

    private final String deviceId;
    private final RosterService roster;
    private final Terminal terminal;

    public RosterSync(String deviceId, RosterService roster, Terminal terminal) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.roster = Objects.requireNonNull(roster, "roster");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    /** @return the terminal's device id */
    public String deviceId() {
        return deviceId;
    }

    /**
     * One pass: push roster entries not SYNCED with their faceHash (skip FAILED with the same hash), remove persons
     * SYNCED (or FAILED) on the terminal but no longer in the roster; stop at the first IOException (terminal
     * offline: resume next pass); report each outcome and the run (reportRun) to the RosterService. A pass also
     * ends early, without error and with {@code remaining > 0}, when the roster version changes while it pushes (a
     * terminal takes a few persons a second: a withdrawn consent must not wait for a long first sync to end).
     */
    public Result run() {
        long version = roster.version();
        List<RosterEntry> desired = roster.roster(deviceId);
        Map<String, SyncStatus> known = new HashMap<>();
        for (SyncStatus s : roster.status(deviceId)) {
            known.put(s.personId(), s);
        }
        List<RosterEntry> toPush = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        for (RosterEntry e : desired) {
            wanted.add(e.personId());
            SyncStatus s = known.get(e.personId());
            boolean sameHash = s != null && Objects.equals(s.faceHash(), e.faceHash());
            if (!sameHash || s.state() == SyncState.REMOVED) {
                toPush.add(e);
            }
        }
        List<String> toRemove = new ArrayList<>();
        for (SyncStatus s : known.values()) {
            if (s.state() != SyncState.REMOVED && !wanted.contains(s.personId())) {
                toRemove.add(s.personId());
            }
        }
        toRemove.sort(null);
        int pushed = 0;
        int removed = 0;
        int failed = 0;
        int done = 0;
        String error = null;
        try {
            // removals first: a terminal's capacity is finite and a withdrawn consent must take effect first
            for (String personId : toRemove) {
                try {
                    terminal.remove(personId);
                    roster.report(deviceId, personId, SyncState.REMOVED, known.get(personId).faceHash(), null);
                    removed++;
                } catch (Refused r) {
                    roster.report(deviceId, personId, SyncState.FAILED, known.get(personId).faceHash(), r.reason());
                    failed++;
                }
                done++;
            }
            for (RosterEntry e : toPush) {
                if (roster.version() != version) {
                    break; // the roster changed (a consent withdrawn?): a new pass takes it, removals first
                }
                byte[] photo = e.faceHash() == null ? null : roster.facePhoto(e.personId()).orElse(null);
                String hash = photo == null ? null : e.faceHash();
                try {
                    terminal.put(e, photo);
                    roster.report(deviceId, e.personId(), SyncState.SYNCED, hash, null);
                    pushed++;
                } catch (Refused r) {
                    roster.report(deviceId, e.personId(), SyncState.FAILED, hash, r.reason());
                    failed++;
                }
                done++;
            }
        } catch (IOException e) {
            error = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        }
        roster.reportRun(deviceId, error);
        return new Result(pushed, removed, failed, toPush.size() + toRemove.size() - done, error);
    }

    /**
     * Runs the passes of one terminal on a daemon thread: at start, whenever {@link RosterService#version} changes,
     * every interval, and at {@link #wake} (the terminal came back). After a pass that stopped at an error it waits
     * from the minimum back-off, doubling up to the maximum, before the next one (a version change does not shorten
     * that; {@link #wake} does). Logs one line per pass that did something and one per change of the error.
     */
    public static final class Loop implements AutoCloseable {
        /** How often the roster version is looked at. */
        static final Duration POLL = Duration.ofSeconds(1);

        private final RosterSync sync;
        private final RosterService roster;
        private final Duration interval;
        private final Duration minBackoff;
        private final Duration maxBackoff;
        private final Logger log;
        private final Object monitor = new Object();
        private final Thread thread;
        private boolean woken; // guarded by monitor
        private boolean closed; // guarded by monitor
        private volatile Result last;

        /** A loop with a back-off from 5 s to 5 min. */
        public Loop(RosterSync sync, RosterService roster, Duration interval, Logger log) {
            this(sync, roster, interval, Duration.ofSeconds(5), Duration.ofMinutes(5), log);
        }

        public Loop(RosterSync sync, RosterService roster, Duration interval, Duration minBackoff,
                    Duration maxBackoff, Logger log) {
            this.sync = Objects.requireNonNull(sync, "sync");
            this.roster = Objects.requireNonNull(roster, "roster");
            this.interval = interval;
            this.minBackoff = minBackoff;
            this.maxBackoff = maxBackoff;
            this.log = log;
            this.thread = new Thread(this::loop, "gatehouse-roster-sync-" + sync.deviceId());
            thread.setDaemon(true);
        }

        /** Starts the thread; the first pass runs at once. */
        public Loop start() {
            thread.start();
            return this;
        }

        /** Runs a pass now, also during a back-off (the terminal is reachable again). */
        public void wake() {
            synchronized (monitor) {
                woken = true;
                monitor.notifyAll();
            }
        }

        /** @return the result of the last pass, null before the first */
        public Result last() {
            return last;
        }

        /** Stops the thread (waits up to 5 s for a running pass to end). Idempotent. */
        @Override
        public void close() {
            synchronized (monitor) {
                closed = true;
                monitor.notifyAll();
            }
            thread.interrupt();
            if (Thread.currentThread() != thread) {
                try {
                    thread.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void loop() {
            Duration backoff = minBackoff;
            String lastError = null;
            while (!isClosed()) {
                long version = version();
                Result result;
                try {
                    result = sync.run();
                } catch (RuntimeException e) { // the core said no (stopping, database): try again later
                    result = new Result(0, 0, 0, 0, e.toString());
                }
                last = result;
                if (isClosed()) {
                    return;
                }
                if (result.error() == null) {
                    if (lastError != null) {
                        log.info("Roster sync of '{}' reaches the terminal again", sync.deviceId());
                    }
                    if (result.busy()) {
                        log.info("Roster sync of '{}': {} pushed, {} removed, {} refused", sync.deviceId(),
                                result.pushed(), result.removed(), result.failed());
                    }
                    lastError = null;
                    backoff = minBackoff;
                    await(version, interval, true);
                } else {
                    if (!result.error().equals(lastError)) {
                        log.warn("Roster sync of '{}' stopped: {} ({} pushed, {} removed, {} refused, {} left; "
                                        + "retries in {}, backing off up to {})", sync.deviceId(), result.error(),
                                result.pushed(), result.removed(), result.failed(), result.remaining(),
                                human(backoff), human(maxBackoff));
                    }
                    lastError = result.error();
                    await(version, backoff, false);
                    backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                }
            }
        }

        private static String human(Duration d) {
            return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
        }

        private long version() {
            try {
                return roster.version();
            } catch (RuntimeException e) {
                return Long.MIN_VALUE;
            }
        }

        /**
         * Waits for a wake, close, the end of {@code max} or, when {@code onVersion}, a roster version other than the
         * one of the last pass.
         */
        private void await(long version, Duration max, boolean onVersion) {
            long deadline = System.nanoTime() + max.toNanos();
            synchronized (monitor) {
                try {
                    while (!closed && !woken && !(onVersion && version() != version)) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            break;
                        }
                        long millis = TimeUnit.NANOSECONDS.toMillis(onVersion ? Math.min(left, POLL.toNanos()) : left);
                        monitor.wait(Math.max(1, millis));
                    }
                    woken = false;
                } catch (InterruptedException e) {
                    closed = true;
                }
            }
        }

        private boolean isClosed() {
            synchronized (monitor) {
                return closed;
            }
        }
    }
}
