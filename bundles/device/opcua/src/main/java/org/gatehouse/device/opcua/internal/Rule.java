package org.gatehouse.device.opcua.internal;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.gatehouse.api.Severity;

/**
 * One mapping rule of the configuration, {@code rule.<n> = <nodeId> <op> <value> -> <event.type> [device=<id>]
 * [zone=<id>] [severity=<S>] [k=v...]}: a condition on the value of one node, and the event it gives.
 *
 * @param key        the configuration key ({@code rule.1})
 * @param text       the rule as configured, trimmed
 * @param nodeId     the node whose value is watched
 * @param op         the comparison
 * @param operand    the configured value: a Boolean, a BigDecimal or a String; null for {@link Op#CHANGED}
 * @param type       the event type
 * @param deviceId   the registered device the event is for; null: the connection's device
 * @param zoneId     the event's zone; null: the device's zone
 * @param severity   the event's severity (a restore is INFO)
 * @param attributes further attributes of the event
 */
record Rule(String key, String text, NodeId nodeId, Op op, Object operand, String type, String deviceId,
            String zoneId, Severity severity, Map<String, String> attributes) {

    /** The comparisons; {@code changed} is true for every new value, and has no restore. */
    enum Op {
        EQ("=="), NE("!="), GT(">"), GE(">="), LT("<"), LE("<="), CHANGED("changed");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        static Op of(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            return null;
        }

        boolean ordering() {
            return this == GT || this == GE || this == LT || this == LE;
        }
    }

    static final String FORM = "<nodeId> <op> <value> -> <event.type> [device=<id>] [zone=<id>] [severity=<S>]"
            + " [k=v...], e.g. ns=2;s=Fence.Zone3.Alarm == true -> fence.intrusion zone=north severity=MAJOR";

    /** The attributes the driver sets on every event. */
    static final Set<String> RESERVED = Set.of("state", "node", "value", "rule");

    private static final Pattern CONDITION = Pattern.compile("(.+?)\\s+(==|!=|>=|<=|>|<|changed)(?:\\s+(.*))?");
    private static final Pattern TYPE = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    Rule {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * Parses one rule.
     *
     * @throws IllegalArgumentException starting with the key, naming what is wrong and the expected form
     */
    static Rule parse(String key, String value) {
        String text = value == null ? "" : value.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(key + " is empty; a rule is " + FORM);
        }
        int arrow = text.indexOf("->");
        if (arrow < 0) {
            throw new IllegalArgumentException(key + " '" + text + "': no '->' between the condition and the event;"
                    + " a rule is " + FORM);
        }
        String condition = text.substring(0, arrow).trim();
        String event = text.substring(arrow + 2).trim();
        Matcher m = CONDITION.matcher(condition);
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " '" + text + "': the condition '" + condition
                    + "' is not <nodeId> <op> <value> with an op of ==, !=, >, >=, <, <=, or <nodeId> changed");
        }
        NodeId nodeId = nodeId(key, m.group(1).trim());
        Op op = Op.of(m.group(2));
        String operandText = m.group(3) == null ? "" : m.group(3).trim();
        Object operand = null;
        if (op == Op.CHANGED) {
            if (!operandText.isEmpty()) {
                throw new IllegalArgumentException(key + " '" + text + "': 'changed' takes no value, not '"
                        + operandText + "'");
            }
        } else {
            if (operandText.isEmpty()) {
                throw new IllegalArgumentException(key + " '" + text + "': no value after '" + op.symbol + "'");
            }
            operand = operand(operandText);
            if (op.ordering() && !(operand instanceof BigDecimal)) {
                throw new IllegalArgumentException(key + " '" + text + "': '" + op.symbol
                        + "' compares numbers; '" + operandText + "' is not a number");
            }
        }
        if (event.isEmpty()) {
            throw new IllegalArgumentException(key + " '" + text + "': no event type after '->'");
        }
        String[] tokens = event.split("\\s+");
        String type = tokens[0];
        if (!TYPE.matcher(type).matches() || type.length() > 64) {
            throw new IllegalArgumentException(key + " '" + text + "': the event type '" + type
                    + "' must be lower-case dotted words, e.g. fence.intrusion");
        }
        String device = null;
        String zone = null;
        Severity severity = null;
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; i < tokens.length; i++) {
            String t = tokens[i];
            int eq = t.indexOf('=');
            if (eq <= 0 || eq == t.length() - 1) {
                throw new IllegalArgumentException(key + " '" + text + "': '" + t
                        + "' is not <key>=<value> (device=, zone=, severity= or an attribute)");
            }
            String k = t.substring(0, eq);
            String v = t.substring(eq + 1);
            switch (k) {
                case "device" -> device = id(key, text, k, v);
                case "zone" -> zone = id(key, text, k, v);
                case "severity" -> severity = severity(key, text, v);
                default -> {
                    if (!ATTRIBUTE.matcher(k).matches()) {
                        throw new IllegalArgumentException(key + " '" + text + "': the attribute name '" + k
                                + "' must be letters, digits, '.', '-' or '_'");
                    }
                    if (RESERVED.contains(k)) {
                        throw new IllegalArgumentException(key + " '" + text + "': the attribute '" + k
                                + "' is set by the driver");
                    }
                    if (attributes.put(k, v) != null) {
                        throw new IllegalArgumentException(key + " '" + text + "': the attribute '" + k
                                + "' is given twice");
                    }
                }
            }
        }
        if (severity == null) {
            severity = op == Op.CHANGED ? Severity.INFO : Severity.MAJOR;
        }
        return new Rule(key, text, nodeId, op, operand, type, device, zone, severity, attributes);
    }

    static NodeId nodeId(String key, String text) {
        NodeId id = NodeId.parseSafe(text).orElse(null);
        if (id == null) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a node id (ns=<index>;<i|s|g|b>=<id>,"
                    + " e.g. ns=2;s=Fence.Zone3.Alarm or ns=3;i=1001)");
        }
        return id;
    }

    /** @return true/false as Boolean, a number as BigDecimal, else the text (quotes removed) */
    static Object operand(String text) {
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"")
                || text.startsWith("'") && text.endsWith("'"))) {
            return text.substring(1, text.length() - 1);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Boolean.valueOf(lower);
        }
        if (NUMBER.matcher(text).matches()) {
            return new BigDecimal(text);
        }
        return text;
    }

    private static String id(String key, String text, String what, String v) {
        if (!ID.matcher(v).matches()) {
            throw new IllegalArgumentException(key + " '" + text + "': " + what + "='" + v + "' is not a " + what
                    + " id");
        }
        return v;
    }

    private static Severity severity(String key, String text, String v) {
        try {
            return Severity.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " '" + text + "': severity '" + v
                    + "' is not INFO, WARNING, MAJOR or CRITICAL");
        }
    }

    /**
     * Evaluates the condition on a node value.
     *
     * @param value the value read (Boolean, a Number, String, or another type compared as text); null for no value
     * @return whether the condition holds; for {@code changed}, always true
     * @throws IllegalArgumentException when the value cannot be compared so (a text with {@code >}), with the reason
     */
    boolean holds(Object value) {
        if (op == Op.CHANGED) {
            return true;
        }
        if (value == null) {
            return false;
        }
        int c;
        if (operand instanceof Boolean b) {
            Boolean v = bool(value);
            if (v == null) {
                throw new IllegalArgumentException("the value " + shown(value) + " is not a boolean");
            }
            c = v.equals(b) ? 0 : 1;
        } else if (operand instanceof BigDecimal d) {
            BigDecimal v = number(value);
            if (v == null) {
                throw new IllegalArgumentException("the value " + shown(value) + " is not a number");
            }
            c = v.compareTo(d);
        } else {
            if (op.ordering()) {
                throw new IllegalArgumentException("the value " + shown(value) + " is not a number");
            }
            c = text(value).equals(operand) ? 0 : 1;
        }
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case CHANGED -> true;
        };
    }

    /** @return the condition as written, for stats and tests ({@code ns=2;s=Fence.Zone3.Alarm == true}) */
    String condition() {
        return text.substring(0, text.indexOf("->")).trim();
    }

    static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            BigDecimal d = number(n);
            return d == null ? null : d.signum() != 0;
        }
        if (value instanceof String s) {
            String l = s.trim().toLowerCase(Locale.ROOT);
            return l.equals("true") || l.equals("1") ? Boolean.TRUE
                    : l.equals("false") || l.equals("0") ? Boolean.FALSE : null;
        }
        return null;
    }

    static BigDecimal number(Object value) {
        if (value instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : BigDecimal.valueOf(d);
        }
        if (value instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? null : new BigDecimal(f.toString());
        }
        if (value instanceof Number n) {
            try {
                return new BigDecimal(n.toString());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (value instanceof String s && NUMBER.matcher(s.trim()).matches()) {
            return new BigDecimal(s.trim());
        }
        return null;
    }

    static String text(Object value) {
        if (value instanceof org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText t) {
            return t.getText() == null ? "" : t.getText();
        }
        return String.valueOf(value);
    }

    static String shown(Object value) {
        String s = value instanceof String ? "'" + value + "'" : text(value);
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
