package org.gatehouse.shell.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;

/** One-line text forms of events, alarms and errors for the shell. */
final class Formats {

    private Formats() {
    }

    /** @return the instant in UTC, to the second, or {@code -} */
    static String time(Instant t) {
        return t == null ? "-" : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** @return the value or {@code -} when null or empty */
    static String orDash(Object value) {
        return value == null || value.toString().isEmpty() ? "-" : value.toString();
    }

    /**
     * One line per event: time, severity, type, where, attributes (sorted), id.
     * For example {@code 2025-03-01T08:30:00Z MAJOR    fence.intrusion device=fence-1 site=north zone=z1 seq=3 id=e1}.
     */
    static String event(SecurityEvent e) {
        StringBuilder b = new StringBuilder(120);
        b.append(time(e.time())).append(' ');
        b.append(String.format("%-8s", orDash(e.severity()))).append(' ');
        b.append(e.type());
        b.append(" device=").append(orDash(e.deviceId()));
        b.append(" site=").append(orDash(e.siteId()));
        b.append(" zone=").append(orDash(e.zoneId()));
        if (e.personId() != null) {
            b.append(" person=").append(e.personId());
        }
        if (e.snapshotRef() != null) {
            b.append(" snapshot=").append(e.snapshotRef());
        }
        for (Map.Entry<String, String> a : new TreeMap<>(e.attributes()).entrySet()) {
            b.append(' ').append(a.getKey()).append('=').append(quoteIfNeeded(a.getValue()));
        }
        b.append(" id=").append(orDash(e.id()));
        return b.toString();
    }

    /**
     * One line per alarm: id, state, severity, type, where, count, escalation level, times, who, message and note.
     * For example {@code #42 RAISED MAJOR fence.intrusion device=fence-1 site=north zone=z1 count=3 level=1
     * first=... last=... "Fence cut"}.
     */
    static String alarm(Alarm a) {
        StringBuilder b = new StringBuilder(160);
        b.append('#').append(a.id()).append(' ');
        b.append(String.format("%-12s", orDash(a.state()))).append(' ');
        b.append(String.format("%-8s", orDash(a.severity()))).append(' ');
        b.append(a.type());
        b.append(" device=").append(orDash(a.deviceId()));
        b.append(" site=").append(orDash(a.siteId()));
        b.append(" zone=").append(orDash(a.zoneId()));
        b.append(" count=").append(a.count());
        b.append(" level=").append(a.escalationLevel());
        b.append(" first=").append(time(a.firstAt()));
        b.append(" last=").append(time(a.lastAt()));
        if (a.ackBy() != null) {
            b.append(" ack=").append(a.ackBy()).append('@').append(time(a.ackAt()));
        }
        if (a.closedBy() != null) {
            b.append(" closed=").append(a.closedBy()).append('@').append(time(a.closedAt()));
        }
        if (a.message() != null) {
            b.append(' ').append(quote(a.message()));
        }
        if (a.note() != null && !a.note().isEmpty()) {
            b.append(" note=").append(quote(a.note()));
        }
        return b.toString();
    }

    /** @return {@code Error: <code>: <message>} */
    static String error(GatehouseException e) {
        return "Error: " + e.code() + ": " + e.getMessage();
    }

    private static String quoteIfNeeded(String s) {
        return s == null ? "-" : s.isEmpty() || s.chars().anyMatch(c -> c <= ' ' || c == '"') ? quote(s) : s;
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + '"';
    }
}
