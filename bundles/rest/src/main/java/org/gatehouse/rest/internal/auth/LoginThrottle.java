package org.gatehouse.rest.internal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing, per user name and client address: the first {@value #FREE_FAILURES} wrong passwords
 * cost nothing, each further one makes the next attempt wait twice as long (1 s, 2 s, 4 s ... at most
 * {@value #MAX_DELAY_SECONDS} s), and after {@value #LOCK_AFTER} failures in a row the pair is locked for
 * {@value #LOCK_MINUTES} minutes. A correct password resets the pair. A locked pair is refused before the password is
 * checked, so a guess during the lock tells nothing. The state is in memory: a restart forgets it.
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 3;
    static final int LOCK_AFTER = 10;
    static final int LOCK_MINUTES = 15;
    static final int MAX_DELAY_SECONDS = 30;
    private static final int MAX_ENTRIES = 10_000;

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(int failures, Instant notBefore) {
    }

    /** What one failure did to the pair: how many failures in a row, and how long the next attempt must wait. */
    public record Failure(int failures, Duration delay, boolean locked) {
    }

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** @return how long the pair must still wait before a password is checked; empty when it may try now */
    public Optional<Duration> waitFor(String user, String address) {
        Entry e = entries.get(key(user, address));
        if (e == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), e.notBefore());
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Counts a wrong password of the pair. */
    public Failure failed(String user, String address) {
        Instant now = clock.instant();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> e.notBefore().isBefore(now.minus(Duration.ofMinutes(LOCK_MINUTES))));
        }
        // a pair quiet for longer than a lock starts afresh
        Entry e = entries.compute(key(user, address), (k, old) -> next(old == null
                || now.isAfter(old.notBefore().plus(Duration.ofMinutes(LOCK_MINUTES))) ? 1 : old.failures() + 1, now));
        Duration wait = Duration.between(now, e.notBefore());
        return new Failure(e.failures(), wait.isNegative() ? Duration.ZERO : wait, e.failures() >= LOCK_AFTER);
    }

    /** A correct password: the pair starts afresh. */
    public void succeeded(String user, String address) {
        entries.remove(key(user, address));
    }

    private static Entry next(int failures, Instant now) {
        if (failures >= LOCK_AFTER) {
            return new Entry(failures, now.plus(Duration.ofMinutes(LOCK_MINUTES)));
        }
        if (failures <= FREE_FAILURES) {
            return new Entry(failures, now);
        }
        long seconds = Math.min(MAX_DELAY_SECONDS, 1L << Math.min(20, failures - FREE_FAILURES - 1));
        return new Entry(failures, now.plusSeconds(seconds));
    }

    private static String key(String user, String address) {
        return user + "\u0000" + (address == null ? "unknown" : address);
    }
}
