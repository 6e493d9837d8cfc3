package org.gatehouse.device.camel.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;

/**
 * The rules of one device in order ({@code map.1} before {@code map.2}); the first that matches gives the event.
 * Pure: it stores and counts nothing, so that {@code test(payload)} and received messages map the same way.
 */
final class Mapping {
    static final String JSON = "json";
    static final String TEXT = "text";
    private static final Pattern TYPE = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*");
    private static final Pattern ID_CHARS = Pattern.compile("[^A-Za-z0-9\\-_.:@/+=]");
    private static final Pattern KEY = Pattern.compile("map\\.([0-9]{1,4})\\.(when|restore|type|device|zone|severity|id"
            + "|time|attr\\.[A-Za-z0-9_.-]{1,64})");
    private static final int MAX_ATTRIBUTES = 32;

    /** What a message became. */
    enum Kind { MAPPED, UNMATCHED, FAILED }

    /** An event and the device it is for (null: this device). */
    record Mapped(SecurityEvent event, String forDevice) {
    }

    /**
     * @param kind   mapped, matched no rule, or unreadable / mapped to an invalid value
     * @param rule   the rule that matched, as configured; null when none
     * @param events what it gives
     * @param reason for an operator, one line; null when mapped
     */
    record Outcome(Kind kind, String rule, List<Mapped> events, String reason) {
    }

    private final String deviceId;
    private final boolean json;
    private final List<Rule> rules;

    Mapping(String deviceId, boolean json, List<Rule> rules) {
        this.deviceId = deviceId;
        this.json = json;
        this.rules = List.copyOf(rules);
    }

    List<Rule> rules() {
        return rules;
    }

    /**
     * Reads the rules {@code map.<n>.*} of a configuration.
     *
     * @throws IllegalArgumentException naming the key at fault
     */
    static Mapping parse(String deviceId, String format, Map<String, ?> properties) {
        String f = format == null || format.isBlank() ? JSON : format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals(JSON) && !f.equals(TEXT)) {
            throw new IllegalArgumentException("format '" + format + "' is not json or text");
        }
        boolean json = f.equals(JSON);
        Map<Integer, Map<String, String>> byRule = new TreeMap<>();
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            if (!e.getKey().startsWith("map.")) {
                continue;
            }
            var m = KEY.matcher(e.getKey());
            if (!m.matches()) {
                throw new IllegalArgumentException(e.getKey() + " is not a mapping key (map.<n>.when, .restore, .type,"
                        + " .device, .zone, .severity, .id, .time, .attr.<name>)");
            }
            byRule.computeIfAbsent(Integer.parseInt(m.group(1)), n -> new LinkedHashMap<>())
                    .put(m.group(2), e.getValue() == null ? "" : e.getValue().toString().trim());
        }
        if (byRule.isEmpty()) {
            throw new IllegalArgumentException("map.1.type is required: at least one rule map.<n>.type");
        }
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<Integer, Map<String, String>> r : byRule.entrySet()) {
            rules.add(rule("map." + r.getKey(), r.getValue(), json));
        }
        return new Mapping(deviceId, json, rules);
    }

    private static Rule rule(String name, Map<String, String> v, boolean json) {
        String type = v.get("type");
        if (type == null || type.isEmpty()) {
            throw new IllegalArgumentException(name + ".type is required");
        }
        if (!type.contains("%{") && !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException(name + ".type '" + type + "' is not an event type (fence.intrusion)");
        }
        String severity = v.get("severity");
        if (severity != null && !severity.isEmpty() && !severity.contains("%{")) {
            severity(name + ".severity", severity);
        }
        Map<String, Template> attrs = new TreeMap<>();
        v.forEach((k, value) -> {
            if (k.startsWith("attr.")) {
                attrs.put(k.substring(5), Template.parse(name + "." + k, value, json));
            }
        });
        if (attrs.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException(name + " has more than " + MAX_ATTRIBUTES + " attributes");
        }
        return new Rule(name, condition(name + ".when", v.get("when"), json),
                condition(name + ".restore", v.get("restore"), json), Template.parse(name + ".type", type, json),
                template(name + ".device", v.get("device"), json), template(name + ".zone", v.get("zone"), json),
                template(name + ".severity", severity, json), template(name + ".id", v.get("id"), json),
                template(name + ".time", v.get("time"), json), attrs);
    }

    private static Condition condition(String key, String value, boolean json) {
        return value == null || value.isEmpty() ? null : Condition.parse(key, value, json);
    }

    private static Template template(String key, String value, boolean json) {
        return value == null || value.isEmpty() ? null : Template.parse(key, value, json);
    }

    private static Severity severity(String key, String value) {
        try {
            return Severity.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " '" + value + "' is not INFO, WARNING, MAJOR or CRITICAL");
        }
    }

    /**
     * Maps one message.
     *
     * @param payload the message as text
     * @param headers the Camel headers (empty for a sample)
     */
    Outcome map(String payload, Map<String, Object> headers) {
        if (payload == null || payload.isBlank()) {
            return new Outcome(Kind.FAILED, null, List.of(), "empty message");
        }
        Message message;
        if (json) {
            try {
                message = Message.json(payload, headers);
            } catch (IllegalArgumentException e) {
                return new Outcome(Kind.FAILED, null, List.of(), e.getMessage());
            }
        } else {
            message = Message.text(payload, headers);
        }
        for (Rule rule : rules) {
            boolean restored;
            if (rule.when() == null && rule.restore() == null) {
                restored = false;
            } else if (rule.when() != null && rule.when().matches(message)) {
                restored = false;
            } else if (rule.restore() != null && rule.restore().matches(message)) {
                restored = true;
            } else {
                continue;
            }
            String described = rule.describe(restored);
            try {
                return new Outcome(Kind.MAPPED, described, List.of(event(rule, message, restored)), null);
            } catch (IllegalArgumentException e) {
                return new Outcome(Kind.FAILED, described, List.of(), rule.name() + ": " + e.getMessage());
            }
        }
        return new Outcome(Kind.UNMATCHED, null, List.of(), "no rule matched (" + rules.size() + " rules)");
    }

    private Mapped event(Rule rule, Message m, boolean restored) {
        String type = value(rule.type(), m);
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("type '" + type + "' is not an event type");
        }
        String device = value(rule.device(), m);
        String sev = value(rule.severity(), m);
        Severity severity = sev == null ? null : severity("severity", sev);
        Map<String, String> attrs = new TreeMap<>();
        rule.attrs().forEach((k, t) -> {
            String v = value(t, m);
            if (v != null) {
                attrs.put(k, v);
            }
        });
        if (restored) {
            attrs.put(SecurityEvent.ATTR_STATE, SecurityEvent.STATE_RESTORE);
        }
        String forDevice = device == null || device.equals(deviceId) ? null : device;
        String id = id(forDevice == null ? deviceId : forDevice, value(rule.id(), m));
        SecurityEvent e = new SecurityEvent(id, time(value(rule.time(), m)), null,
                forDevice == null ? deviceId : forDevice, value(rule.zone(), m), type, severity, attrs, null, null);
        return new Mapped(e, forDevice);
    }

    private static String value(Template t, Message m) {
        if (t == null) {
            return null;
        }
        String v = t.apply(m);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** @return a deterministic event id per device from the payload's own id, or null */
    static String id(String device, String vendorId) {
        if (vendorId == null) {
            return null;
        }
        String id = "camel:" + device + ":" + ID_CHARS.matcher(vendorId).replaceAll("_");
        if (id.length() <= 128) {
            return id;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(vendorId.getBytes(StandardCharsets.UTF_8));
            String h = HexFormat.of().formatHex(hash);
            return id.substring(0, 128 - 65) + ":" + h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        if (text.matches("[0-9]{1,19}")) {
            long n = Long.parseLong(text);
            return n < 100_000_000_000L ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + text + "' is not an ISO-8601 instant or epoch seconds/ms");
        }
    }
}
