package org.gatehouse.device.fence.dc09.internal;

import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gatehouse.support.config.Configs;
import org.gatehouse.support.config.Secrets;

/**
 * Validated settings of one receiver.
 *
 * @param deviceId       the receiver device
 * @param host           the address to listen on
 * @param port           the TCP and UDP port, 0 for any free port (tests)
 * @param maxConnections TCP connections served at once
 * @param idle           silence after which a TCP connection is closed
 * @param past           how old a timestamp may be
 * @param future         how far ahead a timestamp may be
 * @param repeatWindow   sequence numbers remembered per account
 * @param accounts       the accounts by number (upper case)
 * @param table          event codes to types
 */
record Dc09Settings(String deviceId, String host, int port, int maxConnections, Duration idle, Duration past,
                    Duration future, int repeatWindow, Map<String, Account> accounts, EventTable table) {

    /**
     * One account (one panel or fence controller).
     *
     * @param number      the account number, upper case
     * @param key         its AES key, null for plain text
     * @param device      the device of its link and panel-wide events (zone 0): configured, else its only mapped
     *                    device, else the receiver
     * @param zones       zone number (as an integer, or {@code *}) to device
     * @param supervision its link test period, zero for none
     */
    record Account(String number, byte[] key, String device, Map<String, String> zones, Duration supervision) {

        /** @return the device of a zone: its own entry, else {@code *}; zone 0 or none: the account's device */
        String deviceOf(String zone) {
            String z = zoneKey(zone);
            String d = zones.get(z);
            if (d == null) {
                d = zones.get("*");
            }
            if (d == null && (z.isEmpty() || z.equals("0"))) {
                d = device;
            }
            return d;
        }
    }

    static final String ACCOUNT = "account.";
    static final String ZONE = "zone.";
    static final String CODE = "code.";
    private static final Pattern ACCOUNT_KEY = Pattern.compile("account\\.([0-9A-Fa-f]{3,16})\\.(key|device"
            + "|supervision\\.seconds)");
    private static final Pattern ZONE_KEY = Pattern.compile("zone\\.([0-9A-Fa-f]{3,16})\\.([0-9]{1,4}|\\*)");
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    Dc09Settings {
        Configs.required("device.id", deviceId);
        Configs.required("host", host);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
        }
        if (maxConnections < 1 || maxConnections > 10_000) {
            throw new IllegalArgumentException("max.connections must be 1 to 10000, not " + maxConnections);
        }
        if (!Configs.positive(idle, past, future)) {
            throw new IllegalArgumentException("idle.timeout.seconds, timestamp.past.seconds and "
                    + "timestamp.future.seconds must be > 0");
        }
        if (repeatWindow < 1 || repeatWindow > 10_000) {
            throw new IllegalArgumentException("repeat.window must be 1 to 10000, not " + repeatWindow);
        }
        accounts = Map.copyOf(accounts);
    }

    /** @return the zone number as the map keys it: {@code 001} and {@code 1} are the same zone */
    static String zoneKey(String zone) {
        if (zone == null || zone.isEmpty()) {
            return "";
        }
        if (zone.equals("*")) {
            return zone;
        }
        try {
            return Integer.toString(Integer.parseInt(zone, 10));
        } catch (NumberFormatException e) {
            return zone;
        }
    }

    /**
     * @param props the raw configuration (the metatype keys and the open-ended ones)
     * @param env   looks up environment variables (keys left empty, {@code ${env:NAME}})
     */
    static Dc09Settings from(Dc09Config config, Map<String, ?> props, UnaryOperator<String> env) {
        int supervision = config.supervision_seconds();
        if (supervision < 0) {
            throw new IllegalArgumentException("supervision.seconds must be >= 0");
        }
        Map<String, Map<String, String>> perAccount = new TreeMap<>();
        Map<String, Map<String, String>> zones = new TreeMap<>();
        Map<String, EventTable.Entry> codes = new LinkedHashMap<>();
        for (Map.Entry<String, ?> p : new TreeMap<>(props).entrySet()) {
            String key = p.getKey();
            String value = p.getValue() == null ? "" : p.getValue().toString();
            if (key.startsWith(ACCOUNT)) {
                Matcher m = ACCOUNT_KEY.matcher(key);
                if (!m.matches()) {
                    throw new IllegalArgumentException(key + ": expected account.<account>.key, .device or "
                            + ".supervision.seconds with an account of 3-16 hex digits");
                }
                perAccount.computeIfAbsent(m.group(1).toUpperCase(Locale.ROOT), a -> new TreeMap<>())
                        .put(m.group(2), value);
            } else if (key.startsWith(ZONE)) {
                Matcher m = ZONE_KEY.matcher(key);
                if (!m.matches()) {
                    throw new IllegalArgumentException(key + ": expected zone.<account>.<zone number or *>");
                }
                String device = Configs.required(key, Configs.trim(value));
                zones.computeIfAbsent(m.group(1).toUpperCase(Locale.ROOT), a -> new TreeMap<>())
                        .put(zoneKey(m.group(2)), device);
                perAccount.computeIfAbsent(m.group(1).toUpperCase(Locale.ROOT), a -> new TreeMap<>());
            } else if (key.startsWith(CODE)) {
                String code = key.substring(CODE.length());
                if (!EventTable.isCode(code)) {
                    throw new IllegalArgumentException(key + ": expected code.E<nnn>, code.R<nnn> (Contact ID) or "
                            + "code.<XX> (SIA)");
                }
                codes.put(code, EventTable.entry(code, value));
            }
        }
        String deviceId = Configs.trim(config.device_id());
        Map<String, Account> accounts = new TreeMap<>();
        for (Map.Entry<String, Map<String, String>> a : perAccount.entrySet()) {
            String number = a.getKey();
            Map<String, String> keys = a.getValue();
            byte[] aes = keys.containsKey("key") ? key(number, keys.get("key"), env) : null;
            String device = Configs.trim(keys.get("device"));
            Duration period = Duration.ofSeconds(supervision);
            if (keys.containsKey("supervision.seconds")) {
                try {
                    period = Duration.ofSeconds(Long.parseLong(keys.get("supervision.seconds").trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(ACCOUNT + number + ".supervision.seconds '"
                            + keys.get("supervision.seconds") + "' is not a number of seconds");
                }
                if (period.isNegative()) {
                    throw new IllegalArgumentException(ACCOUNT + number + ".supervision.seconds must be >= 0");
                }
            }
            Map<String, String> zoneMap = Map.copyOf(zones.getOrDefault(number, Map.of()));
            if (device == null || device.isEmpty()) {
                device = panelDevice(zoneMap, deviceId);
            }
            accounts.put(number, new Account(number, aes, device, zoneMap, period));
        }
        return new Dc09Settings(deviceId, Configs.trim(config.host()), config.port(), config.max_connections(),
                Duration.ofSeconds(config.idle_timeout_seconds()), Duration.ofSeconds(config.timestamp_past_seconds()),
                Duration.ofSeconds(config.timestamp_future_seconds()), config.repeat_window(), accounts,
                new EventTable(codes));
    }

    /**
     * @return the device of an account's link and panel-wide events when not configured: its {@code *} zone, else
     *         the one device all its zones map to, else the receiver
     */
    static String panelDevice(Map<String, String> zones, String receiver) {
        if (zones.containsKey("*")) {
            return zones.get("*");
        }
        java.util.Set<String> devices = new java.util.HashSet<>(zones.values());
        return devices.size() == 1 ? devices.iterator().next() : receiver;
    }

    /** @return the AES key of an account: hex, from the environment when empty or {@code ${env:NAME}} */
    static byte[] key(String account, String value, UnaryOperator<String> env) {
        String name = ACCOUNT + account + ".key";
        String v = value.trim();
        Matcher e = ENV.matcher(v);
        if (e.matches()) {
            v = Secrets.orEnvironment("", e.group(1), env).trim();
        } else if (v.isEmpty()) {
            v = Secrets.orEnvironment("", Secrets.variable(Dc09Component.PID, name), env).trim();
        }
        if (v.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty and its environment variable "
                    + (e.matches() ? e.group(1) : Secrets.variable(Dc09Component.PID, name)) + " is not set");
        }
        if (!v.matches("(?:[0-9A-Fa-f]{32}){1}|[0-9A-Fa-f]{48}|[0-9A-Fa-f]{64}")) {
            throw new IllegalArgumentException(name + " must be 32, 48 or 64 hex digits (AES-128, -192 or -256), "
                    + "not " + v.length() + " characters");
        }
        return HexFormat.of().parseHex(v);
    }
}
