package org.gatehouse.core.internal;

import org.gatehouse.api.GatehouseException;

/** Shared input limits. */
public final class Limits {
    /** Largest page a query may ask for. */
    public static final int MAX_PAGE = 1000;

    private Limits() {
    }

    /**
     * @param what the thing with its article, as the message says it ("a site", "an event")
     * @return the body
     * @throws GatehouseException INVALID {@code missing-body} when it is null
     */
    public static <T> T body(T body, String what) {
        if (body == null) {
            throw GatehouseException.invalid("missing-body", what + " is required");
        }
        return body;
    }

    public static int pageSize(int limit) {
        if (limit <= 0) {
            return 50;
        }
        if (limit > MAX_PAGE) {
            throw GatehouseException.invalid("bad-limit", "limit must be between 1 and " + MAX_PAGE);
        }
        return limit;
    }

    public static int offset(int offset) {
        if (offset < 0) {
            throw GatehouseException.invalid("bad-offset", "offset must not be negative");
        }
        return offset;
    }

    /** Ids: 1..64 characters of letters, digits, '-', '_', '.', ':'. */
    public static String id(String field, String value) {
        if (value == null || value.isBlank()) {
            throw GatehouseException.invalid("missing-" + field, field + " is required");
        }
        if (value.length() > 64 || !value.matches("[A-Za-z0-9_.:-]+")) {
            throw GatehouseException.invalid("bad-" + field,
                    field + " must be 1-64 letters, digits, '-', '_', '.' or ':'");
        }
        return value;
    }

    public static String text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw GatehouseException.invalid("missing-" + field, field + " is required");
            }
            return null;
        }
        if (value.length() > max) {
            throw GatehouseException.invalid("bad-" + field, field + " is longer than " + max + " characters");
        }
        return value;
    }
}
