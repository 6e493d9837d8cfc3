package org.gatehouse.rest.internal.common;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;

/**
 * Refuses a request whose declared Content-Length exceeds the limit before anything is read. Chunked bodies are
 * counted while they are read ({@link Json#readBounded}). The image upload paths ({@link #UPLOAD_PATHS}) have their
 * own, larger limit, and so has the person import ({@link #IMPORT_PATH}).
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public final class BodyLimitFilter implements ContainerRequestFilter {
    /**
     * POST /persons/{id}/faces, /faces/identify, /gates/{id}/captures, /watchlist/{id}/faces, /watchlist/import,
     * /visits/{id}/photo and /visit-invitations/{token}, relative to the API root.
     */
    static final java.util.regex.Pattern UPLOAD_PATHS = java.util.regex.Pattern.compile(
            "/?(persons/[^/]+/faces|faces/identify|gates/[^/]+/captures|watchlist/[^/]+/faces|watchlist/import"
            + "|visits/[^/]+/photo|visit-invitations/[^/]+)/?");

    /** POST /persons/import, relative to the API root. */
    static final java.util.regex.Pattern IMPORT_PATH = java.util.regex.Pattern.compile("/?persons/import/?");

    private final long maxBytes;
    private final long maxUploadBytes;
    private final long maxImportBytes;

    public BodyLimitFilter(long maxBytes) {
        this(maxBytes, maxBytes, maxBytes);
    }

    public BodyLimitFilter(long maxBytes, long maxUploadBytes) {
        this(maxBytes, maxUploadBytes, maxBytes);
    }

    public BodyLimitFilter(long maxBytes, long maxUploadBytes, long maxImportBytes) {
        this.maxBytes = maxBytes;
        this.maxUploadBytes = maxUploadBytes;
        this.maxImportBytes = maxImportBytes;
    }

    /** @return the limit of a request path relative to the API root */
    long limitFor(String method, String path) {
        if (!"POST".equals(method) || path == null) {
            return maxBytes;
        }
        if (IMPORT_PATH.matcher(path).matches()) {
            return maxImportBytes;
        }
        return UPLOAD_PATHS.matcher(path).matches() ? maxUploadBytes : maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        String length = ctx.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return;
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            ctx.abortWith(ErrorMappers.reject(400, "invalid-content-length", "Content-Length is not a number"));
            return;
        }
        long limit = limitFor(ctx.getMethod(), ctx.getUriInfo().getPath());
        if (declared > limit) {
            ApiException e = ApiException.tooLarge(limit);
            ctx.abortWith(ErrorMappers.reject(e.status(), e.code(), e.getMessage()));
        }
    }
}
