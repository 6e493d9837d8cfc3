package org.gatehouse.api;

/**
 * Base of the errors the services report for expected bad input. {@link #code()} is a stable machine-readable reason
 * (for example {@code unknown-device}); the message is for people. Callers map the kind to a status (REST: 400, 404,
 * 409, 422), never to a stack trace.
 */
public class GatehouseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of error this is. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT, UNAVAILABLE }

    private final Kind kind;
    private final String code;

    public GatehouseException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public GatehouseException(Kind kind, String code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
    }

    /** @return the kind of error */
    public Kind kind() { return kind; }

    /** @return a stable reason code in lower-kebab case */
    public String code() { return code; }

    public static GatehouseException invalid(String code, String message) {
        return new GatehouseException(Kind.INVALID, code, message);
    }

    public static GatehouseException notFound(String code, String message) {
        return new GatehouseException(Kind.NOT_FOUND, code, message);
    }

    public static GatehouseException conflict(String code, String message) {
        return new GatehouseException(Kind.CONFLICT, code, message);
    }

    public static GatehouseException unavailable(String code, String message, Throwable cause) {
        return new GatehouseException(Kind.UNAVAILABLE, code, message, cause);
    }
}
