package org.gatehouse.rest.internal.common;

/** An expected error of a request, answered with {@link ErrorBody} and logged as one line. */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    public static ApiException tooLarge(long max) {
        return new ApiException(413, "payload-too-large", "request body is larger than " + max + " bytes");
    }
}
