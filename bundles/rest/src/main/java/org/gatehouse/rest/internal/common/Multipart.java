package org.gatehouse.rest.internal.common;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one file part of a {@code multipart/form-data} body (RFC 7578) that is already in memory and bounded. A
 * small parser of our own instead of CXF's attachment support: no activation/mime imports in OSGi, and the size limit
 * applies before anything is parsed.
 */
public final class Multipart {
    private Multipart() {
    }

    /** A part: its form field name, file name, content type and bytes. */
    public record Part(String name, String filename, String contentType, byte[] data) {
    }

    /** @return the boundary parameter of a multipart content type, or null */
    public static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring(9).trim();
                if (b.length() > 1 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() ? null : b;
            }
        }
        return null;
    }

    /**
     * @return the part named {@code field}, or else the first part with a file name
     * @throws ApiException 400 {@code bad-multipart} when the body is not well-formed or holds no such part
     */
    public static Part file(byte[] body, String boundary, String field) {
        if (boundary == null) {
            throw ApiException.badRequest("bad-multipart", "multipart/form-data without a boundary");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(body, delimiter, 0);
        Part fallback = null;
        while (pos >= 0) {
            int after = pos + delimiter.length;
            if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
                break; // closing delimiter
            }
            int headersStart = skipLine(body, after);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersStart < 0 || headersEnd < 0) {
                break;
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int dataStart = headersEnd + 4;
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int dataEnd = indexOf(body, next, dataStart);
            if (dataEnd < 0) {
                break;
            }
            String name = null;
            String filename = null;
            String type = null;
            for (String line : headers.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-disposition:")) {
                    name = param(line, "name");
                    filename = param(line, "filename");
                } else if (lower.startsWith("content-type:")) {
                    type = line.substring(13).trim();
                }
            }
            byte[] data = java.util.Arrays.copyOfRange(body, dataStart, dataEnd);
            Part part = new Part(name, filename, type, data);
            if (field.equals(name)) {
                return part;
            }
            if (fallback == null && filename != null) {
                fallback = part;
            }
            pos = dataEnd + 2;
        }
        if (fallback != null) {
            return fallback;
        }
        throw ApiException.badRequest("bad-multipart", "multipart body has no '" + field + "' part");
    }

    private static String param(String header, String key) {
        for (String p : header.split(";")) {
            String t = p.trim();
            if (t.toLowerCase(Locale.ROOT).startsWith(key + "=")) {
                String v = t.substring(key.length() + 1).trim();
                if (v.length() > 1 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    private static int skipLine(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i + 2;
            }
        }
        return -1;
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        if (from < 0) {
            return -1;
        }
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
