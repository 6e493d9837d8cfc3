package org.gatehouse.support.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body (RFC 7578) split into its parts, in memory (the caller bounds the body's size
 * first). One small parser for the REST API's uploads and the face terminals' pushes (some firmware ends lines with a
 * bare LF), instead of CXF's attachment support (no activation/mime imports in OSGi).
 */
public final class Multipart {
    /** The most parts a body may have. */
    public static final int MAX_PARTS = 32;
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern NAME = Pattern.compile("(?i)\\bname=(\"([^\"]*)\"|([^;\\s]+))");
    private static final Pattern FILENAME = Pattern.compile("(?i)\\bfilename=(\"([^\"]*)\"|([^;\\s]+))");

    /**
     * One part.
     *
     * @param name        its form field name, empty if none
     * @param filename    its file name, empty if none
     * @param contentType its content type in lower case, empty if none
     * @param body        its bytes
     */
    public record Part(String name, String filename, String contentType, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Multipart() {
    }

    /** @return the boundary of a multipart content type, null if it has none */
    public static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    /**
     * @return the parts of the body
     * @throws IllegalArgumentException when the body is not multipart with that boundary
     */
    public static List<Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw new IllegalArgumentException("multipart body without its boundary");
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            int pos = at + delimiter.length;
            if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
                return parts; // closing delimiter
            }
            pos = skipLine(body, pos);
            if (pos < 0) {
                throw new IllegalArgumentException("multipart part cut short");
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            int sep = 4;
            if (headersEnd < 0) {
                headersEnd = indexOf(body, "\n\n".getBytes(StandardCharsets.ISO_8859_1), pos);
                sep = 2;
            }
            if (headersEnd < 0) {
                throw new IllegalArgumentException("multipart part without headers");
            }
            String headers = new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8);
            int start = headersEnd + sep;
            int next = indexOf(body, delimiter, start);
            if (next < 0) {
                throw new IllegalArgumentException("multipart body without its closing boundary");
            }
            int end = next;
            if (end >= 2 && body[end - 2] == '\r' && body[end - 1] == '\n') {
                end -= 2;
            } else if (end >= 1 && body[end - 1] == '\n') {
                end -= 1;
            }
            if (end < start) {
                end = start;
            }
            if (parts.size() == MAX_PARTS) {
                throw new IllegalArgumentException("more than " + MAX_PARTS + " multipart parts");
            }
            parts.add(new Part(header(headers, "content-disposition", NAME),
                    header(headers, "content-disposition", FILENAME), header(headers, "content-type", null),
                    Arrays.copyOfRange(body, start, end)));
            at = next;
        }
    }

    private static String header(String headers, String name, Pattern param) {
        for (String line : headers.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                String value = line.substring(colon + 1).trim();
                if (param == null) {
                    return value.toLowerCase(Locale.ROOT);
                }
                Matcher m = param.matcher(value);
                return m.find() ? (m.group(2) != null ? m.group(2) : m.group(3)) : "";
            }
        }
        return "";
    }

    private static int skipLine(byte[] b, int pos) {
        for (int i = pos; i < b.length; i++) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
