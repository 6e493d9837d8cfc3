package org.gatehouse.notify.sms.http.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.gatehouse.support.json.Json;

/**
 * A text with <code>{{name}}</code> placeholders, parsed and checked once at activation. Known names are
 * {@link #NAMES} plus {@code data.<key>}; anything else is refused by {@link #parse}. Names are trimmed. A lone
 * brace is literal text, so JSON bodies need no escaping, and {@code ${...}} is literal text too.
 */
final class Template {

    /** How placeholder values are escaped where they are inserted. */
    enum Escape {
        /** Inserted as is (headers, unknown content types). */
        NONE,
        /** JSON string escaping, without the surrounding quotes (the template has them). */
        JSON,
        /** {@code application/x-www-form-urlencoded}: UTF-8 percent-encoding, space as {@code +}. */
        FORM,
        /** URL component: UTF-8 percent-encoding, space as {@code %20}. */
        URL,
        /** XML character escaping. */
        XML
    }

    /** Placeholder names other than {@code data.<key>}. */
    static final Set<String> NAMES = Set.of("recipient", "text", "subject", "id", "kind", "language", "token");

    /** Placeholder delimiters; Karaf's .cfg reader leaves them alone, unlike {@code ${...}}. */
    static final String OPEN = "{{";
    static final String CLOSE = "}}";

    private static final String DATA_PREFIX = "data.";
    private static final Pattern DATA_KEY = Pattern.compile("[A-Za-z0-9_.-]+");

    private final String source;
    /** Literal text (String) and placeholder names (Name), in order. */
    private final List<Object> parts;

    private record Name(String value) {
    }

    private Template(String source, List<Object> parts) {
        this.source = source;
        this.parts = parts;
    }

    /**
     * Parses a template.
     *
     * @param key configuration key, used in error messages
     * @throws IllegalArgumentException naming an unknown or unterminated placeholder
     */
    static Template parse(String key, String source) {
        String s = source == null ? "" : source;
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf(OPEN, i);
            if (open < 0) {
                parts.add(s.substring(i));
                break;
            }
            // In "{{{name}}" the first brace is literal text, as a JSON object opening before a placeholder.
            while (open + OPEN.length() < s.length() && s.charAt(open + OPEN.length()) == '{') {
                open++;
            }
            if (open > i) {
                parts.add(s.substring(i, open));
            }
            int close = s.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                throw new IllegalArgumentException(key + ": unterminated placeholder starting at '"
                        + abbreviate(s.substring(open)) + "'; close it with " + CLOSE);
            }
            String name = s.substring(open + OPEN.length(), close).trim();
            if (!isKnown(name)) {
                StringJoiner known = new StringJoiner(", ");
                for (String n : new TreeSet<>(NAMES)) {
                    known.add(OPEN + n + CLOSE);
                }
                throw new IllegalArgumentException(key + ": unknown placeholder " + OPEN + name + CLOSE
                        + "; known are " + known + " and " + OPEN + "data.<key>" + CLOSE);
            }
            parts.add(new Name(name));
            i = close + CLOSE.length();
        }
        return new Template(s, List.copyOf(parts));
    }

    private static boolean isKnown(String name) {
        if (NAMES.contains(name)) {
            return true;
        }
        return name.startsWith(DATA_PREFIX) && DATA_KEY.matcher(name.substring(DATA_PREFIX.length())).matches();
    }

    /** @return whether the template uses the placeholder {@code name} */
    boolean uses(String name) {
        return parts.contains(new Name(name));
    }

    /**
     * Renders the template.
     *
     * @param values placeholder name to value; {@code null} renders as an empty string
     */
    String render(UnaryOperator<String> values, Escape escape) {
        StringBuilder out = new StringBuilder(source.length() + 64);
        for (Object part : parts) {
            if (part instanceof Name name) {
                String value = values.apply(name.value());
                out.append(escape(value == null ? "" : value, escape));
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    static String escape(String value, Escape escape) {
        return switch (escape) {
            case NONE -> value;
            case JSON -> Json.quote(value);
            case FORM -> URLEncoder.encode(value, StandardCharsets.UTF_8);
            case URL -> URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
            case XML -> xml(value);
        };
    }

    private static String xml(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    @Override
    public String toString() {
        return source;
    }
}
