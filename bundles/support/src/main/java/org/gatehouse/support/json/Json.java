package org.gatehouse.support.json;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON of the plugins, through Jackson. Strings are escaped as JSON requires and, beyond that, U+2028 and U+2029 (they
 * end a JavaScript string literal) are escaped too; control characters without a short form are written as
 * backslash-u escapes with lower-case hex digits. The output is compact, in the order of the maps given.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper(
            new JsonFactoryBuilder().characterEscapes(new Escapes()).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /**
     * @param value maps (written in their iteration order), lists, strings, numbers, booleans, nulls
     * @return the JSON text
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** @return the text as the inside of a JSON string, escaped, without the quotes (for templates that have them) */
    public static String quote(String text) {
        String quoted = write(text);
        return quoted.substring(1, quoted.length() - 1);
    }

    /**
     * Checks that a text is one well-formed JSON value (RFC 8259), white space around it allowed.
     *
     * @throws IllegalArgumentException saying what is wrong and at which character offset
     */
    public static void check(String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            // one line, without Jackson's advice to enable a parser feature (not an option the operator has)
            String what = e.getOriginalMessage().lines().findFirst().orElse("invalid JSON")
                    .replaceFirst(": enable `[A-Za-z_.]+` to allow.*$", "");
            throw new IllegalArgumentException(at == null ? what : what + " at offset " + at.getCharOffset());
        }
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("no JSON value at offset 0");
        }
    }

    /** Jackson's standard escapes, plus the two line separators of JavaScript and lower-case hex digits. */
    private static final class Escapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private static final int[] ASCII = ascii();

        private static int[] ascii() {
            int[] codes = standardAsciiEscapesForJSON();
            for (int c = 0; c < 0x20; c++) {
                if (codes[c] == ESCAPE_STANDARD) {
                    codes[c] = ESCAPE_CUSTOM;
                }
            }
            return codes;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch < 0x20 || ch == '\u2028' || ch == '\u2029') {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
