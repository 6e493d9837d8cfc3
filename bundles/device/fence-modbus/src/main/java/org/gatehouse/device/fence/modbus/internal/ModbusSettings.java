package org.gatehouse.device.fence.modbus.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gatehouse.api.Severity;
import org.gatehouse.api.perimeter.FenceEvents;
import org.gatehouse.support.config.Configs;

/**
 * Validated settings of one Modbus device.
 *
 * @param deviceId     the registered fence device
 * @param host         host name or address of the Modbus TCP server
 * @param port         its TCP port
 * @param unitId       the unit id (slave id) of requests, 0-255
 * @param pollMillis   time between two polls
 * @param timeoutMillis how long a connect or a request waits for the device
 * @param backoffMaxMillis the longest wait between two reconnect attempts
 * @param points       the polled points, in configuration order (by name)
 * @param arm          the write of {@code arm}, or null
 * @param disarm       the write of {@code disarm}, or null
 * @param relays       relay number -> its coil or register
 */
record ModbusSettings(String deviceId, String host, int port, int unitId, long pollMillis, long timeoutMillis,
                      long backoffMaxMillis, List<Point> points, Write arm, Write disarm, Map<String, Write> relays) {

    /** The point names: every fence event type a Modbus input can report, and the arming state. */
    static final List<String> TYPES = List.of(FenceEvents.INTRUSION, FenceEvents.TAMPER, FenceEvents.WIRE_CUT,
            FenceEvents.TENSION_LOW, FenceEvents.TENSION_HIGH, FenceEvents.FAULT, FenceEvents.BATTERY_LOW,
            Point.ARMED);

    private static final Pattern LABEL = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final Pattern ZONE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern COMPARE = Pattern.compile("(<=|>=|!=|=|<|>)(\\d{1,5})");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,5}");
    private static final int MAX_POINTS = 256;

    ModbusSettings {
        Configs.required("device.id", deviceId);
        Configs.required("host", host);
        Configs.port("port", port);
        if (unitId < 0 || unitId > 255) {
            throw new IllegalArgumentException("unit.id must be 0 to 255, not " + unitId);
        }
        if (pollMillis < 10) {
            throw new IllegalArgumentException("poll.ms must be at least 10, not " + pollMillis);
        }
        if (timeoutMillis < 10 || timeoutMillis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout.ms must be at least 10, not " + timeoutMillis);
        }
        if (backoffMaxMillis < pollMillis) {
            throw new IllegalArgumentException("backoff.max.ms must be at least poll.ms (" + pollMillis + "), not "
                    + backoffMaxMillis);
        }
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("point.<name> is required: at least one point (point.fence.intrusion"
                    + " = di:0)");
        }
        relays = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(relays));
    }

    /**
     * Reads the settings of one configuration.
     *
     * @param config     the fixed keys
     * @param properties every property of the configuration, for the {@code point.}, {@code zone.},
     *                   {@code severity.} and {@code relay.} keys
     */
    static ModbusSettings from(ModbusConfig config, Map<String, ?> properties) {
        Map<String, String> points = new TreeMap<>();
        Map<String, String> zones = new TreeMap<>();
        Map<String, String> severities = new TreeMap<>();
        Map<String, String> relays = new TreeMap<>();
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            String key = e.getKey();
            String value = e.getValue() == null ? "" : String.valueOf(e.getValue()).trim();
            if (key.startsWith("point.")) {
                points.put(key.substring(6), value);
            } else if (key.startsWith("zone.")) {
                zones.put(key.substring(5), value);
            } else if (key.startsWith("severity.")) {
                severities.put(key.substring(9), value);
            } else if (key.startsWith("relay.")) {
                relays.put(key.substring(6), value);
            }
        }
        if (points.size() > MAX_POINTS) {
            throw new IllegalArgumentException("point.<name>: at most " + MAX_POINTS + " points, not "
                    + points.size());
        }
        List<Point> list = new ArrayList<>();
        for (Map.Entry<String, String> e : points.entrySet()) {
            list.add(point(e.getKey(), e.getValue(), zones.get(e.getKey()), severities.get(e.getKey())));
        }
        for (String name : zones.keySet()) {
            if (!points.containsKey(name)) {
                throw new IllegalArgumentException("zone." + name + " names no point (no point." + name + ")");
            }
        }
        for (String name : severities.keySet()) {
            if (!points.containsKey(name)) {
                throw new IllegalArgumentException("severity." + name + " names no point (no point." + name + ")");
            }
        }
        Map<String, Write> relayWrites = new LinkedHashMap<>();
        relays.entrySet().stream().sorted(Comparator.comparing(Map.Entry::getKey)).forEach(e -> {
            if (!NUMBER.matcher(e.getKey()).matches() && !LABEL.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("relay." + e.getKey() + ": a relay is named by a number or a "
                        + "lower-case word");
            }
            relayWrites.put(e.getKey(), write("relay." + e.getKey(), e.getValue(), false));
        });
        String arm = Configs.trim(config.command_arm());
        String disarm = Configs.trim(config.command_disarm());
        return new ModbusSettings(Configs.trim(config.device_id()), Configs.trim(config.host()), config.port(),
                config.unit_id(), config.poll_ms(), config.timeout_ms(), config.backoff_max_ms(), list,
                arm == null || arm.isEmpty() ? null : write("command.arm", arm, true),
                disarm == null || disarm.isEmpty() ? null : write("command.disarm", disarm, true), relayWrites);
    }

    /** Parses {@code <di|coil|hr|ir>:<address>[:<bit>][:<op><value>]}. */
    static Point point(String name, String spec, String zone, String severity) {
        String key = "point." + name;
        String type = type(name);
        if (type == null) {
            throw new IllegalArgumentException(key + ": '" + name + "' is not one of " + String.join(", ", TYPES)
                    + " (optionally followed by .<label>, e.g. fence.intrusion.z2)");
        }
        String label = name.length() > type.length() ? name.substring(type.length() + 1) : null;
        if (label != null && !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException(key + ": the label '" + label
                    + "' must be 1-32 lower-case letters, digits, '-' or '_'");
        }
        String[] parts = spec.split(":", -1);
        if (spec.isEmpty() || parts.length < 2 || parts.length > 4) {
            throw new IllegalArgumentException(key + " '" + spec
                    + "' must be <di|coil|hr|ir>:<address>[:<bit>][:<op><value>], e.g. di:0, hr:10:3, hr:12:<300");
        }
        Table table = table(key, spec, parts[0]);
        int address = address(key, spec, parts[1]);
        int bit = -1;
        String op = null;
        int operand = 0;
        int next = 2;
        if (next < parts.length && NUMBER.matcher(parts[next].trim()).matches()) {
            if (table.bit) {
                throw new IllegalArgumentException(key + " '" + spec + "': a bit number is for registers (hr, ir);"
                        + " " + table.key + " is a bit already");
            }
            bit = Integer.parseInt(parts[next].trim());
            if (bit > 15) {
                throw new IllegalArgumentException(key + " '" + spec + "': bit " + bit + " is not 0 to 15");
            }
            next++;
        }
        if (next < parts.length) {
            Matcher m = COMPARE.matcher(parts[next].trim());
            if (!m.matches()) {
                throw new IllegalArgumentException(key + " '" + spec + "': '" + parts[next]
                        + "' is not a comparison (=, !=, <, <=, >, >= and a number, e.g. <300)");
            }
            op = m.group(1);
            operand = Integer.parseInt(m.group(2));
            if (operand > 65535) {
                throw new IllegalArgumentException(key + " '" + spec + "': " + operand + " is over 65535");
            }
            next++;
        }
        if (next < parts.length) {
            throw new IllegalArgumentException(key + " '" + spec + "': unexpected '" + parts[next] + "'");
        }
        String zoneId = zone == null || zone.isEmpty() ? null : zone;
        if (zoneId != null && !ZONE_ID.matcher(zoneId).matches()) {
            throw new IllegalArgumentException("zone." + name + " '" + zone + "' is not a zone id");
        }
        return new Point(name, type, label, table, address, bit, op, operand, zoneId,
                severity(name, type, severity), spec);
    }

    /** @return the longest type that the name is or starts with followed by a dot, or null */
    static String type(String name) {
        String best = null;
        for (String t : TYPES) {
            if ((name.equals(t) || name.startsWith(t + ".")) && (best == null || t.length() > best.length())) {
                best = t;
            }
        }
        return best;
    }

    /** Severities by default: tamper, wire cut, intrusion and tension MAJOR; fault and battery WARNING. */
    static Severity defaultSeverity(String type) {
        return switch (type) {
            case FenceEvents.FAULT, FenceEvents.BATTERY_LOW -> Severity.WARNING;
            case Point.ARMED -> Severity.INFO;
            default -> Severity.MAJOR;
        };
    }

    private static Severity severity(String name, String type, String text) {
        if (text == null || text.isEmpty()) {
            return defaultSeverity(type);
        }
        try {
            return Severity.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("severity." + name + " '" + text
                    + "' is not INFO, WARNING, MAJOR or CRITICAL");
        }
    }

    /** Parses {@code <coil|hr>:<address>[:<value>]}; the value is required for arm and disarm. */
    static Write write(String key, String spec, boolean valueRequired) {
        String[] parts = spec.split(":", -1);
        String form = valueRequired ? "<coil|hr>:<address>:<value>, e.g. coil:0:1" : "<coil|hr>:<address>, e.g. coil:4";
        if (parts.length < 2 || parts.length > 3 || (valueRequired && parts.length != 3)) {
            throw new IllegalArgumentException(key + " '" + spec + "' must be " + form);
        }
        Table table = table(key, spec, parts[0]);
        if (!table.writable) {
            throw new IllegalArgumentException(key + " '" + spec + "': " + table.key
                    + " is read only; write a coil or a holding register (hr)");
        }
        int address = address(key, spec, parts[1]);
        int value = -1;
        if (parts.length == 3) {
            String v = parts[2].trim();
            if (!NUMBER.matcher(v).matches() || Integer.parseInt(v) > (table == Table.COIL ? 1 : 65535)) {
                throw new IllegalArgumentException(key + " '" + spec + "': the value must be "
                        + (table == Table.COIL ? "0 or 1" : "0 to 65535"));
            }
            value = Integer.parseInt(v);
        }
        return new Write(table, address, value, spec);
    }

    private static Table table(String key, String spec, String text) {
        Table table = Table.of(text);
        if (table == null) {
            throw new IllegalArgumentException(key + " '" + spec + "': '" + text + "' is not di, coil, hr or ir");
        }
        return table;
    }

    private static int address(String key, String spec, String text) {
        String a = text.trim();
        if (!NUMBER.matcher(a).matches() || Integer.parseInt(a) > 65535) {
            throw new IllegalArgumentException(key + " '" + spec + "': the address '" + text
                    + "' must be 0 to 65535");
        }
        return Integer.parseInt(a);
    }

    /** @return the commands the device accepts */
    List<String> capabilities() {
        List<String> c = new ArrayList<>();
        if (arm != null) {
            c.add("arm");
        }
        if (disarm != null) {
            c.add("disarm");
        }
        if (!relays.isEmpty()) {
            c.add("relay");
            relays.keySet().forEach(n -> c.add("relay." + n));
        }
        return c;
    }
}
