package org.gatehouse.device.camel.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.jayway.jsonpath.JsonPath;

/**
 * A rule's predicate ({@code map.<n>.when}, {@code map.<n>.restore}).
 * <ul>
 * <li>format text: a Java regular expression, found anywhere in the line ({@code ^...$} to match all of it); its
 * groups are then {@code %{1}} or {@code %{name}} in the rule's values.</li>
 * <li>format json: comparisons joined by {@code &&}: {@code <operand> <op> <literal>} or a bare operand (present and
 * not null, false or ""). Operands: a JSONPath ({@code $.state}), {@code header.<Name>}, {@code topic.<n>}.
 * Operators: {@code == != > >= < <=} and {@code =~} (regex found in the value). Literals: {@code 'text'},
 * {@code "text"}, numbers, {@code true}, {@code false}, {@code null}. A path that selects several values matches
 * when one of them does.</li>
 * </ul>
 */
final class Condition {
    private static final String[] OPERATORS = {"==", "!=", ">=", "<=", "=~", ">", "<"};

    private final String source;
    private final Pattern regex;
    private final List<Comparison> all;

    private record Comparison(Function<Message, Object> operand, String op, Object literal, Pattern pattern) {
    }

    private Condition(String source, Pattern regex, List<Comparison> all) {
        this.source = source;
        this.regex = regex;
        this.all = all;
    }

    /** @throws IllegalArgumentException naming the key for a malformed predicate */
    static Condition parse(String key, String source, boolean json) {
        if (!json) {
            try {
                return new Condition(source, Pattern.compile(source), List.of());
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(key + ": regex '" + source + "' is malformed: "
                        + e.getDescription());
            }
        }
        List<Comparison> all = new ArrayList<>();
        for (String part : split(source, "&&")) {
            all.add(comparison(key, part.trim()));
        }
        return new Condition(source, null, List.copyOf(all));
    }

    private static Comparison comparison(String key, String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(key + ": empty comparison in '" + text + "'");
        }
        int[] at = operator(text);
        if (at == null) {
            return new Comparison(operand(key, text), null, null, null);
        }
        String op = OPERATORS[at[1]];
        String left = text.substring(0, at[0]).trim();
        String right = text.substring(at[0] + op.length()).trim();
        Object literal = literal(key, right);
        Pattern pattern = null;
        if (op.equals("=~")) {
            if (!(literal instanceof String s)) {
                throw new IllegalArgumentException(key + ": =~ needs a quoted regex, not " + right);
            }
            try {
                pattern = Pattern.compile(s);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(key + ": regex '" + s + "' is malformed: " + e.getDescription());
            }
        }
        if ((op.startsWith(">") || op.startsWith("<")) && !(literal instanceof BigDecimal)) {
            throw new IllegalArgumentException(key + ": " + op + " needs a number, not " + right);
        }
        return new Comparison(operand(key, left), op, literal, pattern);
    }

    private static Function<Message, Object> operand(String key, String text) {
        if (text.startsWith("$")) {
            JsonPath path = Template.path(key, text);
            return m -> m.path(path);
        }
        if (text.startsWith("header.") && text.length() > 7) {
            String name = text.substring(7);
            return m -> m.header(name);
        }
        if (text.matches("topic\\.[0-9]{1,2}")) {
            int n = Integer.parseInt(text.substring(6));
            return m -> m.topic(n);
        }
        throw new IllegalArgumentException(key + ": '" + text + "' is not a JSONPath ($.x), header.<Name> or"
                + " topic.<n>");
    }

    private static Object literal(String key, String text) {
        if (text.length() >= 2 && (text.startsWith("'") && text.endsWith("'")
                || text.startsWith("\"") && text.endsWith("\""))) {
            return text.substring(1, text.length() - 1);
        }
        switch (text) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return null;
            default:
                try {
                    return new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(key + ": '" + text + "' is not a literal (quote text: '"
                            + text + "')");
                }
        }
    }

    /** @return {index, operator number} of the first operator outside quotes and brackets, or null */
    private static int[] operator(String text) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
            } else if (depth == 0) {
                for (int o = 0; o < OPERATORS.length; o++) {
                    if (text.startsWith(OPERATORS[o], i)) {
                        return new int[] {i, o};
                    }
                }
            }
        }
        return null;
    }

    /** Splits at a separator outside quotes and brackets. */
    private static List<String> split(String text, String separator) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
            } else if (depth == 0 && text.startsWith(separator, i)) {
                out.add(text.substring(from, i));
                from = i + separator.length();
                i = from - 1;
            }
        }
        out.add(text.substring(from));
        return out;
    }

    /**
     * @return whether the message matches; for a text rule the message then holds the regex groups
     */
    boolean matches(Message message) {
        if (regex != null) {
            Matcher m = regex.matcher(message.text);
            if (m.find()) {
                message.groups = m;
                return true;
            }
            return false;
        }
        for (Comparison c : all) {
            if (!holds(c, c.operand().apply(message))) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Comparison c, Object value) {
        if (value instanceof List<?> list && c.op() != null && !(c.op().equals("==") && c.literal() == null)) {
            for (Object v : list) {
                if (holds(c, v)) {
                    return true;
                }
            }
            return false;
        }
        if (c.op() == null) {
            return value != null && !Boolean.FALSE.equals(value) && !"".equals(value)
                    && !(value instanceof List<?> l && l.isEmpty());
        }
        switch (c.op()) {
            case "==":
                return equal(value, c.literal());
            case "!=":
                return !equal(value, c.literal());
            case "=~":
                return value != null && c.pattern().matcher(Message.asText(value)).find();
            default:
                BigDecimal n = number(value);
                if (n == null) {
                    return false;
                }
                int cmp = n.compareTo((BigDecimal) c.literal());
                return switch (c.op()) {
                    case ">" -> cmp > 0;
                    case ">=" -> cmp >= 0;
                    case "<" -> cmp < 0;
                    default -> cmp <= 0;
                };
        }
    }

    private static boolean equal(Object value, Object literal) {
        if (literal == null) {
            return value == null;
        }
        if (value == null) {
            return false;
        }
        if (literal instanceof BigDecimal d) {
            BigDecimal n = number(value);
            return n != null && n.compareTo(d) == 0;
        }
        if (literal instanceof Boolean b) {
            return b.equals(value) || b.toString().equals(value);
        }
        return Objects.equals(literal, Message.asText(value));
    }

    private static BigDecimal number(Object value) {
        if (value instanceof Number || value instanceof String) {
            try {
                return new BigDecimal(value.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return source;
    }
}
