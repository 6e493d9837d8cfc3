package org.gatehouse.notify.mqtt.internal;

import java.util.Map;

/** Writes JSON objects whose values are strings, nulls or nested maps; enough for the notification payload. */
final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /**
     * @param map written in its iteration order; values are {@code null}, maps, or anything else as its
     *            {@code toString()} in a JSON string
     * @return the JSON text of the map
     */
    static String object(Map<String, ?> map) {
        StringBuilder out = new StringBuilder(256);
        appendObject(out, map);
        return out.toString();
    }

    private static void appendObject(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        String separator = "";
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.append(separator);
            separator = ",";
            appendString(out, String.valueOf(entry.getKey()));
            out.append(':');
            Object value = entry.getValue();
            if (value == null) {
                out.append("null");
            } else if (value instanceof Map<?, ?> nested) {
                appendObject(out, nested);
            } else {
                appendString(out, value.toString());
            }
        }
        out.append('}');
    }

    static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                // control characters, and the two separators that break JavaScript string literals
                out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                        .append(HEX[c & 0xf]);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
