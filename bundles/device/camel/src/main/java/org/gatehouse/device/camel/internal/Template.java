package org.gatehouse.device.camel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;

/**
 * A configured value: constant text with {@code %{...}} placeholders, each one of
 * <ul>
 * <li>{@code %{jsonpath:$.a.b}}: a JSONPath into the JSON payload (format json);</li>
 * <li>{@code %{1}}, {@code %{name}}: a group of the regex that matched (format text);</li>
 * <li>{@code %{header.CamelMqttTopic}}: a Camel message header;</li>
 * <li>{@code %{topic.1}}: a segment of the MQTT topic, from 0 ({@code fence/north/state}: 1 is {@code north});</li>
 * <li>{@code %{body}}: the whole payload.</li>
 * </ul>
 * A placeholder whose value is absent makes the whole value absent (null), so that a missing zone takes the
 * device's zone and a missing attribute is left out. Not {@code ${...}}: Karaf replaces those in its .cfg files with
 * system properties (an unknown one with nothing) before the configuration arrives here.
 */
final class Template {
    private static final Pattern GROUP = Pattern.compile("[0-9]{1,2}|[A-Za-z][A-Za-z0-9]*");

    private final String source;
    private final List<Function<Message, String>> parts;

    private Template(String source, List<Function<Message, String>> parts) {
        this.source = source;
        this.parts = parts;
    }

    /**
     * @param key    the configuration key, for the error message
     * @param json   whether the payload is JSON (jsonpath allowed) or text (regex groups allowed)
     * @throws IllegalArgumentException naming the key, for an unknown or malformed placeholder
     */
    static Template parse(String key, String source, boolean json) {
        if (source.contains("${")) {
            throw new IllegalArgumentException(key + " '" + source + "': write placeholders as %{...}, not ${...}"
                    + " (Karaf replaces ${...} in .cfg files)");
        }
        List<Function<Message, String>> parts = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            int start = source.indexOf("%{", i);
            if (start < 0) {
                String rest = source.substring(i);
                parts.add(m -> rest);
                break;
            }
            if (start > i) {
                String literal = source.substring(i, start);
                parts.add(m -> literal);
            }
            int end = source.indexOf('}', start);
            if (end < 0) {
                throw new IllegalArgumentException(key + " '" + source + "': '%{' without '}'");
            }
            parts.add(reference(key, source.substring(start + 2, end).trim(), json));
            i = end + 1;
        }
        return new Template(source, List.copyOf(parts));
    }

    private static Function<Message, String> reference(String key, String ref, boolean json) {
        if (ref.startsWith("jsonpath:")) {
            if (!json) {
                throw new IllegalArgumentException(key + ": %{" + ref + "} needs format=json");
            }
            JsonPath path = path(key, ref.substring("jsonpath:".length()).trim());
            return m -> Message.asText(m.path(path));
        }
        if (ref.startsWith("header.") && ref.length() > "header.".length()) {
            String name = ref.substring("header.".length());
            return m -> Message.asText(m.header(name));
        }
        if (ref.startsWith("topic.")) {
            String n = ref.substring("topic.".length());
            if (!n.matches("[0-9]{1,2}")) {
                throw new IllegalArgumentException(key + ": %{" + ref + "} needs a segment number (%{topic.1})");
            }
            int index = Integer.parseInt(n);
            return m -> m.topic(index);
        }
        if (ref.equals("body")) {
            return m -> m.text;
        }
        if (GROUP.matcher(ref).matches()) {
            if (json) {
                throw new IllegalArgumentException(key + ": %{" + ref + "} is a regex group, which needs format=text"
                        + " (for JSON write %{jsonpath:$." + ref + "})");
            }
            return m -> m.group(ref);
        }
        throw new IllegalArgumentException(key + ": unknown placeholder %{" + ref + "} (use %{jsonpath:$.x},"
                + " %{1}, %{header.Name}, %{topic.1} or %{body})");
    }

    /** @throws IllegalArgumentException naming the key for a malformed JSONPath */
    static JsonPath path(String key, String path) {
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException(key + ": JSONPath '" + path + "' must start with $");
        }
        try {
            return JsonPath.compile(path);
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": JSONPath '" + path + "' is malformed: " + e.getMessage());
        }
    }

    /** @return the value for a message, null when a placeholder has no value */
    String apply(Message message) {
        if (parts.size() == 1) {
            return parts.get(0).apply(message);
        }
        StringBuilder out = new StringBuilder();
        for (Function<Message, String> p : parts) {
            String v = p.apply(message);
            if (v == null) {
                return null;
            }
            out.append(v);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
