package org.gatehouse.core.internal.template;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.gatehouse.api.GatehouseException;

/** {@code {{variable}}} templates: parsing with syntax errors that point at the place, and rendering. */
public final class TemplateText {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");

    private TemplateText() {
    }

    /**
     * @return the variable names used, in order of first use
     * @throws GatehouseException INVALID {@code template-syntax}
     */
    static Set<String> variables(String field, String text) {
        Set<String> out = new LinkedHashSet<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            int stray = text.indexOf("}}", i);
            if (stray >= 0 && (open < 0 || stray < open)) {
                throw syntax(field, text, stray, "'}}' without '{{'");
            }
            if (open < 0) {
                break;
            }
            int close = text.indexOf("}}", open + 2);
            int nested = text.indexOf("{{", open + 2);
            if (close < 0 || (nested >= 0 && nested < close)) {
                throw syntax(field, text, open, "'{{' is not closed by '}}'");
            }
            String name = text.substring(open + 2, close).strip();
            if (!NAME.matcher(name).matches()) {
                throw syntax(field, text, open, "'" + name + "' is not a variable name");
            }
            out.add(name);
            i = close + 2;
        }
        return out;
    }

    private static GatehouseException syntax(String field, String text, int at, String what) {
        int line = 1;
        for (int k = 0; k < at; k++) {
            if (text.charAt(k) == '\n') {
                line++;
            }
        }
        return GatehouseException.invalid("template-syntax", field + " line " + line + ": " + what);
    }

    /** Replaces each placeholder by its value (missing values render empty). The text must have parsed. */
    public static String render(String text, Map<String, String> values) {
        StringBuilder sb = new StringBuilder(text.length() + 64);
        int i = 0;
        while (true) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                sb.append(text, i, text.length());
                return sb.toString();
            }
            int close = text.indexOf("}}", open + 2);
            sb.append(text, i, open);
            String v = values.get(text.substring(open + 2, close).strip());
            if (v != null) {
                sb.append(v);
            }
            i = close + 2;
        }
    }
}
