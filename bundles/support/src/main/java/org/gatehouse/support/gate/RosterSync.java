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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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
    private final int inFlight;

    /** A sync that does one push or removal at a time, on the thread of {@link #run}. */
    public RosterSync(String deviceId, RosterService roster, Terminal terminal) {
        this(deviceId, roster, terminal, 1);
    }

    /**
     * @param inFlight how many pushes or removals may wait for the terminal at once: 1 runs them one after the other
     *                 on the thread of {@link #run}; more runs them on a pool of up to that many threads for the pass
     *                 (a terminal that takes many commands per round trip, as ZKTeco's PUSH protocol does)
     */
    public RosterSync(String deviceId, RosterService roster, Terminal terminal, int inFlight) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.roster = Objects.requireNonNull(roster, "roster");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        if (inFlight < 1) {
            throw new IllegalArgumentException("inFlight must be at least 1, not " + inFlight);
        }
        this.inFlight = inFlight;
    }

    /** @return the terminal's device id */
    public String deviceId() {
        return deviceId;
    }

    /** @return how many pushes or removals may wait for the terminal at once */
    public int inFlight() {
        return inFlight;
    }

    /**
     * One pass: push roster entries not SYNCED with their faceHash (skip FAILED with the same hash), remove persons
     * SYNCED (or FAILED) on the terminal but no longer in the roster; stop at the first IOException (terminal
     * offline: resume next pass); report each outcome and the run (reportRun) to the RosterService. A pass also
     * ends early, without error and with {@code remaining > 0}, when the roster version changes while it pushes (a
     * terminal takes a few persons a second: a withdrawn consent must not wait for a long first sync to end).
     * With {@code inFlight > 1} up to that many run at once and each outcome is reported as it completes; all
     * removals end before the first push starts; after the first IOException (or a roster change) nothing new
     * starts, the ones already waiting end and are reported, and only then the pass ends.
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
        Pass pass = new Pass(version, Math.min(inFlight, Math.max(toPush.size(), toRemove.size())));
        try {
            // removals first: a terminal's capacity is finite and a withdrawn consent must take effect first
            pass.each(toRemove, false, personId -> () -> {
                String hash = known.get(personId).faceHash();
                try {
                    terminal.remove(personId);
                    pass.report(personId, SyncState.REMOVED, hash, null);
                } catch (Refused r) {
                    pass.report(personId, SyncState.FAILED, hash, r.reason());
                }
            });
            // a roster change ends the pass: a new pass takes it, removals first
            pass.each(toPush, true, e -> () -> {
                byte[] photo = e.faceHash() == null ? null : roster.facePhoto(e.personId()).orElse(null);
                String hash = photo == null ? null : e.faceHash();
                try {
                    terminal.put(e, photo);
                    pass.report(e.personId(), SyncState.SYNCED, hash, null);
                } catch (Refused r) {
                    pass.report(e.personId(), SyncState.FAILED, hash, r.reason());
                }
            });
        } finally {
            pass.close();
        }
        Throwable failure = pass.failure();
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        } else if (failure instanceof Error) {
            throw (Error) failure;
        }
        String error = pass.error();
        roster.reportRun(deviceId, error);
        return pass.result(toPush.size() + toRemove.size());
    }

    /** A push or removal that reports its own outcome through {@link Pass#report}. */
    private interface Step {
        void run() throws IOException;
    }

    /**
     * The state of one pass: the outcomes reported so far, why it stopped, and the pool of its steps when more than
     * one may wait for the terminal at once.
     */
    private final class Pass {
        private final long version;
        private final int width;
        private final Semaphore slots;
        private ThreadPoolExecutor pool; // only the thread of run() touches it
        // guarded by this
        private int pushed;
        private int removed;
        private int failed;
        private int done;
        private boolean stopped;
        private String error;
        private Throwable failure;

        Pass(long version, int width) {
            this.version = version;
            this.width = Math.max(1, width);
            this.slots = new Semaphore(this.width);
        }

        /**
         * Runs one step per item, up to {@code width} at once, and returns when all started steps ended; with
         * {@code untilVersionChanges} no step starts once the roster version is no longer the pass's.
         */
        <T> void each(List<T> items, boolean untilVersionChanges, Function<T, Step> step) {
            try {
                for (T item : items) {
                    if (stopped() || untilVersionChanges && roster.version() != version) {
                        stop(null);
                        return;
                    }
                    Step s = step.apply(item);
                    if (width == 1) {
                        execute(s);
                    } else {
                        start(s);
                    }
                }
            } catch (InterruptedException e) {
                interrupted();
            } catch (RuntimeException e) {
                fail(e);
            } finally {
                awaitStarted();
            }
        }

        private void start(Step s) throws InterruptedException {
            slots.acquire();
            if (stopped()) {
                slots.release();
                return;
            }
            try {
                pool().execute(() -> {
                    try {
                        execute(s);
                    } finally {
                        slots.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                slots.release();
                throw e;
            }
        }

        /** Waits for every started step to end. */
        private void awaitStarted() {
            if (pool == null || pool.isShutdown()) {
                return;
            }
            try {
                slots.acquire(width);
                slots.release(width);
            } catch (InterruptedException e) {
                interrupted();
            }
        }

        /** The thread of run() was interrupted (the driver stops): the steps waiting are interrupted too. */
        private void interrupted() {
            stop("roster sync of " + deviceId + " stopped");
            close();
            Thread.currentThread().interrupt();
        }

        private void execute(Step s) {
            if (stopped()) {
                return; // queued before the pass stopped: not started
            }
            try {
                s.run();
            } catch (IOException e) {
                stop(e.getMessage() == null || e.getMessage().isBlank()
                        ? e.getClass().getSimpleName() : e.getMessage());
            } catch (RuntimeException | Error e) {
                fail(e);
            }
        }

        private ThreadPoolExecutor pool() {
            if (pool == null) {
                AtomicInteger n = new AtomicInteger();
                pool = new ThreadPoolExecutor(width, width, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "gatehouse-roster-sync-" + deviceId + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
            }
            return pool;
        }

        /** Reports one outcome to the RosterService and counts it. */
        synchronized void report(String personId, SyncState state, String hash, String reason) {
            roster.report(deviceId, personId, state, hash, reason);
            if (state == SyncState.FAILED) {
                failed++;
            } else if (state == SyncState.REMOVED) {
                removed++;
            } else {
                pushed++;
            }
            done++;
        }

        /** Nothing new starts; the first error (null: a roster change) is the pass's. */
        synchronized void stop(String why) {
            if (!stopped) {
                stopped = true;
                error = why;
            }
        }

        synchronized void fail(Throwable e) {
            if (failure == null) {
                failure = e;
            }
            stopped = true;
        }

        synchronized boolean stopped() {
            return stopped;
        }

        synchronized String error() {
            return error;
        }

        synchronized Throwable failure() {
            return failure;
        }

        synchronized Result result(int total) {
            return new Result(pushed, removed, failed, total - done, error);
        }

        /** Ends the pool: steps still running are interrupted and given up to 10 s to end. */
        void close() {
            if (pool == null) {
                return;
            }
            if (slots.availablePermits() == width) {
                pool.shutdown();
                return;
            }
            pool.shutdownNow();
            boolean interrupted = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try {
                    pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
