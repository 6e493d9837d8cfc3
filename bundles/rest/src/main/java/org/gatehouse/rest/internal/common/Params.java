package org.gatehouse.rest.internal.common;

import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

import javax.ws.rs.core.SecurityContext;

/** Parsing of query parameters; bad values give 400 instead of JAX-RS's 404. */
public final class Params {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;
    /** Times of day in bodies: {@code HH:mm}. */
    public static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private Params() {
    }

    /** @return the offset, 0 when absent */
    public static int offset(String value) {
        if (blank(value)) {
            return 0;
        }
        int n = integer("offset", value);
        if (n < 0) {
            throw ApiException.badRequest("invalid-parameter", "offset must be 0 or more");
        }
        return n;
    }

    /** @return the page size, 50 when absent, 1..1000 */
    public static int limit(String value) {
        if (blank(value)) {
            return DEFAULT_LIMIT;
        }
        int n = integer("limit", value);
        if (n < 1 || n > MAX_LIMIT) {
            throw ApiException.badRequest("invalid-parameter", "limit must be between 1 and " + MAX_LIMIT);
        }
        return n;
    }

    /** @return an ISO-8601 instant ({@code 2024-05-01T08:00:00Z} or with an offset), or null when absent */
    public static Instant instant(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value.trim()).toInstant();
            } catch (DateTimeParseException e2) {
                throw ApiException.badRequest("invalid-parameter", name + " must be an ISO-8601 instant");
            }
        }
    }

    /**
     * @return the enum constant named by the value (any case, trimmed), or null when absent
     * @throws ApiException 400 {@code invalid-parameter} naming the value and the constants
     */
    public static <E extends Enum<E>> E constant(String name, String value, Class<E> type) {
        if (blank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-parameter", name + " '" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** @return a long path id */
    public static long id(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.notFound(name + "-not-found", name + " '" + value + "' does not exist");
        }
    }

    /** @return the value, or null when empty */
    public static String text(String value) {
        return blank(value) ? null : value.trim();
    }

    /**
     * @param name the end of a daily window ({@code from}, {@code to})
     * @return the time HH:mm
     * @throws ApiException 400 {@code bad-window} when it is missing or not HH:mm
     */
    public static LocalTime windowTime(String name, String value) {
        String v = text(value);
        if (v == null) {
            throw ApiException.badRequest("bad-window", name + " (HH:mm) is required; from equal to to is the"
                    + " whole day");
        }
        try {
            return LocalTime.parse(v, HH_MM);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("bad-window", name + " must be a time HH:mm, not '"
                    + (v.length() > 20 ? v.substring(0, 20) + "..." : v) + "'");
        }
    }

    /** @return the authenticated user name */
    public static String user(SecurityContext sc) {
        if (sc == null || sc.getUserPrincipal() == null) {
            throw new IllegalStateException("no authenticated user");
        }
        return sc.getUserPrincipal().getName();
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid-parameter", name + " must be an integer");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
