package org.gatehouse.rest.internal;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;

/**
 * Refuses a request whose declared Content-Length exceeds the limit before anything is read. Chunked bodies are
 * counted while they are read ({@link Json#readBounded}).
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public final class BodyLimitFilter implements ContainerRequestFilter {
    private final long maxBytes;

    public BodyLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
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
        if (declared > maxBytes) {
            ApiException e = ApiException.tooLarge(maxBytes);
            ctx.abortWith(ErrorMappers.reject(e.status(), e.code(), e.getMessage()));
        }
    }
}
