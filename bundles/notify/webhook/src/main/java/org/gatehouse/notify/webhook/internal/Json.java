package org.gatehouse.notify.webhook.internal;

import java.util.Map;

/** A minimal JSON writer for strings, nulls and nested maps with string keys. */
final class Json {

    private Json() {
    }

    /**
     * Writes a map as a JSON object, in the map's iteration order.
     *
     * @param map values are {@code null}, {@link CharSequence}, {@link Number}, {@link Boolean} or nested maps; any
     *            other value is written as its {@code toString()}
     */
    static String object(Map<String, ?> map) {
        StringBuilder out = new StringBuilder(256);
        writeObject(out, map);
        return out.toString();
    }

    private static void writeObject(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, String.valueOf(e.getKey()));
            out.append(':');
            writeValue(out, e.getValue());
        }
        out.append('}');
    }

    private static void writeValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> m) {
            writeObject(out, m);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else {
            writeString(out, value.toString());
        }
    }

    static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
