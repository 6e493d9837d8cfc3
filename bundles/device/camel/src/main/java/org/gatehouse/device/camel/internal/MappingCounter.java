package org.gatehouse.device.camel.internal;

import java.time.Clock;
import java.time.Instant;

import org.gatehouse.api.device.MappingStats;
import org.slf4j.Logger;

/**
 * The counters of one device and the once-per-period log of the messages that gave no event: the first bad message
 * is logged at once, the next ones are counted and logged together (count and one example) when the period is over,
 * by the next bad message or by {@link #flush}. Never one line per message, never a stack trace.
 */
final class MappingCounter {
    static final int EXAMPLE_CHARS = 200;

    private final String deviceId;
    private final Logger log;
    private final Clock clock;
    private final long periodMillis;

    private long received;
    private long mapped;
    private long unmatched;
    private long failed;
    private Instant lastReceived;
    private String lastUnmatched;
    /** Bad messages since the last log line, with the first of them. */
    private long pending;
    private String pendingExample;
    private long lastLogMillis = Long.MIN_VALUE;

    MappingCounter(String deviceId, Logger log, Clock clock, long periodMillis) {
        this.deviceId = deviceId;
        this.log = log;
        this.clock = clock;
        this.periodMillis = periodMillis;
    }

    synchronized void received() {
        received++;
        lastReceived = clock.instant();
    }

    synchronized void mapped() {
        mapped++;
    }

    /** A message no rule matched ({@code failed=false}) or that could not be read or mapped. */
    synchronized void bad(String payload, String reason, boolean failedToRead) {
        if (failedToRead) {
            failed++;
        } else {
            unmatched++;
        }
        String example = "'" + cut(payload) + "': " + reason;
        lastUnmatched = example;
        if (pending == 0) {
            pendingExample = example;
        }
        pending++;
        flush();
    }

    /** Logs the bad messages counted since the last line, if the period is over. */
    synchronized void flush() {
        long now = clock.millis();
        if (pending == 0 || lastLogMillis != Long.MIN_VALUE && now - lastLogMillis < periodMillis) {
            return;
        }
        log.warn("Device {}: {} message(s) gave no event since the last report, e.g. {}", deviceId, pending,
                pendingExample);
        pending = 0;
        pendingExample = null;
        lastLogMillis = now;
    }

    synchronized MappingStats stats() {
        return new MappingStats(received, mapped, unmatched, failed, lastReceived, lastUnmatched);
    }

    static String cut(String payload) {
        if (payload == null) {
            return "";
        }
        String one = payload.replace('\n', ' ').replace('\r', ' ');
        return one.length() <= EXAMPLE_CHARS ? one : one.substring(0, EXAMPLE_CHARS) + "...";
    }
}
