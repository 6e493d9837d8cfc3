package org.gatehouse.rest.internal.common;

import java.util.List;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.gatehouse.api.GatehouseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Exception mappers giving every error the {@link ErrorBody} shape. */
public final class ErrorMappers {
    static final Logger LOG = LoggerFactory.getLogger("org.gatehouse.rest");
    /** The code of a 503 answer of a path whose api service is not running. */
    public static final String SERVICE_UNAVAILABLE = "service-unavailable";

    private ErrorMappers() {
    }

    /** @return every mapper, to register as providers */
    public static List<Object> all() {
        return List.of(new ApiExceptionMapper(), new GatehouseExceptionMapper(), new WebApplicationExceptionMapper(),
                new InternalErrorMapper());
    }

    /**
     * @return a JSON error response, logged as one line (a warning for a failure; a missing service is logged once
     * by the service tracking, so its 503 answers are ordinary rejections)
     */
    public static Response reject(int status, String code, String message) {
        if (status >= 500 && !SERVICE_UNAVAILABLE.equals(code)) {
            LOG.warn("Failed {}: {}: {}", RequestLog.describe(), code, message);
        } else {
            LOG.info("Rejected {}: {}: {}", RequestLog.describe(), code, message);
        }
        return response(status, code, message);
    }

    /** @return a JSON error response */
    public static Response response(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(code, message, status)).build();
    }

    /** Maps {@link ApiException}. */
    public static final class ApiExceptionMapper implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return reject(e.status(), e.code(), e.getMessage());
        }
    }

    /** Maps the services' {@link GatehouseException} by kind. */
    public static final class GatehouseExceptionMapper implements ExceptionMapper<GatehouseException> {
        @Override
        public Response toResponse(GatehouseException e) {
            int status = switch (e.kind()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case UNAVAILABLE -> 503;
            };
            String code = e.code() == null ? defaultCode(status) : e.code();
            return reject(status, code, e.getMessage() == null ? code : e.getMessage());
        }
    }

    /** Maps JAX-RS exceptions, including CXF's own 404, 405, 406 and 415, keeping their headers. */
    public static final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original == null ? 500 : original.getStatus();
            if (status >= 500) {
                LOG.error("Failed {}", RequestLog.describe(), e);
            }
            String message = status >= 500 ? "internal error" : messageFor(status, e);
            Response.ResponseBuilder b = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody(defaultCode(status), message, status));
            if (original != null) {
                original.getHeaders().forEach((name, values) -> {
                    if (!"Content-Type".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                        values.forEach(v -> b.header(name, v));
                    }
                });
            }
            if (status < 500) {
                LOG.info("Rejected {}: {}: {}", RequestLog.describe(), defaultCode(status), message);
            }
            return b.build();
        }

        private static String messageFor(int status, WebApplicationException e) {
            return switch (status) {
                case 404 -> "no such resource";
                case 405 -> "method not allowed";
                case 406 -> "only application/json can be produced";
                case 415 -> "unsupported media type";
                default -> e.getMessage() == null ? "request refused" : e.getMessage();
            };
        }
    }

    /** Maps everything else to 500, logging the stack trace. */
    public static final class InternalErrorMapper implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            LOG.error("Failed {}", RequestLog.describe(), e);
            return response(500, "internal", "internal error");
        }
    }

    /** @return the error code for a status */
    public static String defaultCode(int status) {
        return switch (status) {
            case 400 -> "invalid";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "error";
        };
    }
}
