package org.gatehouse.api;

/** How urgent an event or alarm is, in increasing order. */
public enum Severity {
    /** Informational: a passage, a reading. Never raises an alarm by default. */
    INFO,
    /** Something a person should look at soon. */
    WARNING,
    /** A security incident in progress (fence cut, watchlist match). */
    MAJOR,
    /** Danger to life (a child at the pond, a fire). */
    CRITICAL;

    /** @return true if this severity is at least {@code other}. */
    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
