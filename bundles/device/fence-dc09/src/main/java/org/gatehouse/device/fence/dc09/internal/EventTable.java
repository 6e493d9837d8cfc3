package org.gatehouse.device.fence.dc09.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.gatehouse.api.Severity;
import org.gatehouse.api.perimeter.FenceEvents;

/**
 * Event codes to Gatehouse event types and severities. Contact ID codes are keyed {@code E130} (new event) and
 * {@code R130} (restore); a restore (or previous report, {@code P130}) without its own entry takes the type of its new event with
 * {@code state=restore}. SIA codes are keyed by their two letters ({@code BA}); restore codes ({@code BR}) map to the
 * type of their alarm and are restores. Configuration entries {@code code.<key>=<type>[:<SEVERITY>]} override or add.
 */
final class EventTable {

    /**
     * What a code becomes.
     *
     * @param type     the event type
     * @param severity its severity
     * @param restore  whether the code itself tells a restore (SIA {@code BR}, {@code TR}, ...)
     */
    record Entry(String type, Severity severity, boolean restore) {
    }

    /** The type of a code the table does not know: stored, not alarmed, with its raw code. */
    static final String OTHER = "fence.other";

    private static final Pattern TYPE = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*");
    private static final Map<String, Entry> DEFAULTS = defaults();

    private final Map<String, Entry> entries;

    EventTable(Map<String, Entry> overrides) {
        Map<String, Entry> all = new LinkedHashMap<>(DEFAULTS);
        all.putAll(overrides);
        this.entries = Map.copyOf(all);
    }

    /**
     * @return the entry of a signal: its own code, else (a Contact ID restore or previous report) the new event's
     *         code as a restore; {@link #OTHER} INFO when the table does not know it
     */
    Entry lookup(Signal s) {
        Entry e = entries.get(s.code());
        if (e != null) {
            return e; // its own entry says whether it is a restore (R401 arms, it ends nothing)
        }
        if (s.code().length() == 4 && (s.code().charAt(0) == 'R' || s.code().charAt(0) == 'P')) {
            Entry newEvent = entries.get("E" + s.code().substring(1));
            if (newEvent != null) {
                return new Entry(newEvent.type(), newEvent.severity(), s.restore());
            }
        }
        return new Entry(OTHER, Severity.INFO, s.restore());
    }

    /** @return an override from a configuration value {@code <type>[:<SEVERITY>][:restore]} */
    static Entry entry(String key, String value) {
        String[] parts = value.trim().split(":");
        String type = parts[0].trim();
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("code." + key + " '" + value + "': type must be lower-case dotted "
                    + "words like fence.intrusion");
        }
        Severity severity = Severity.MAJOR;
        boolean restore = false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.equalsIgnoreCase("restore")) {
                restore = true;
                continue;
            }
            try {
                severity = Severity.valueOf(p.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("code." + key + " '" + value + "': '" + p
                        + "' is not INFO, WARNING, MAJOR, CRITICAL or restore");
            }
        }
        return new Entry(type, severity, restore);
    }

    /** @return whether a configuration key names a code: {@code E130}, {@code R401}, {@code BA} */
    static boolean isCode(String key) {
        return key.matches("[ERP][0-9A-F]{3}|[A-Z]{2}");
    }

    private static Map<String, Entry> defaults() {
        Map<String, Entry> m = new LinkedHashMap<>();
        // Contact ID burglary 130-139: intrusion; 137 (burglary tamper) is a tamper
        for (int c = 130; c <= 139; c++) {
            cid(m, c, FenceEvents.INTRUSION, Severity.MAJOR);
        }
        for (int c : new int[] {137, 144, 145, 383}) {
            cid(m, c, FenceEvents.TAMPER, Severity.MAJOR);
        }
        // protection loop open: the fence's wire loop is broken
        cid(m, 370, FenceEvents.WIRE_CUT, Severity.MAJOR);
        cid(m, 371, FenceEvents.WIRE_CUT, Severity.MAJOR);
        // faults: system trouble, AC loss, communication, loop short, sensor trouble, lost supervision
        for (int c : new int[] {300, 301, 305, 330, 333, 350, 354, 372, 373, 380, 381}) {
            cid(m, c, FenceEvents.FAULT, Severity.WARNING);
        }
        for (int c : new int[] {302, 309, 311, 337, 338, 384}) {
            cid(m, c, FenceEvents.BATTERY_LOW, Severity.WARNING);
        }
        // opening (qualifier 1) disarms, closing (3) arms: 400 open/close, 401 by user, 402 group, 403 automatic,
        // 407 remote, 409 keyswitch
        for (int c : new int[] {400, 401, 402, 403, 407, 409}) {
            m.put(String.format("E%03d", c), new Entry(FenceEvents.DISARMED, Severity.INFO, false));
            m.put(String.format("R%03d", c), new Entry(FenceEvents.ARMED, Severity.INFO, false));
        }
        // SIA DCS: alarm and its restore
        sia(m, "BA", "BR", FenceEvents.INTRUSION, Severity.MAJOR);
        sia(m, "TA", "TR", FenceEvents.TAMPER, Severity.MAJOR);
        sia(m, "BT", "BJ", FenceEvents.FAULT, Severity.WARNING);
        sia(m, "AT", "AR", FenceEvents.FAULT, Severity.WARNING);
        sia(m, "ET", "ER", FenceEvents.FAULT, Severity.WARNING);
        sia(m, "UT", "UJ", FenceEvents.FAULT, Severity.WARNING);
        sia(m, "YT", "YR", FenceEvents.BATTERY_LOW, Severity.WARNING);
        sia(m, "XT", "XR", FenceEvents.BATTERY_LOW, Severity.WARNING);
        sia(m, "UA", "UR", FenceEvents.WIRE_CUT, Severity.MAJOR);
        for (String c : new String[] {"OP", "OG", "OR"}) {
            m.put(c, new Entry(FenceEvents.DISARMED, Severity.INFO, false));
        }
        for (String c : new String[] {"CL", "CG", "CR"}) {
            m.put(c, new Entry(FenceEvents.ARMED, Severity.INFO, false));
        }
        return m;
    }

    private static void cid(Map<String, Entry> m, int code, String type, Severity severity) {
        m.put(String.format("E%03d", code), new Entry(type, severity, false));
    }

    private static void sia(Map<String, Entry> m, String alarm, String restore, String type, Severity severity) {
        m.put(alarm, new Entry(type, severity, false));
        m.put(restore, new Entry(type, severity, true));
    }
}
