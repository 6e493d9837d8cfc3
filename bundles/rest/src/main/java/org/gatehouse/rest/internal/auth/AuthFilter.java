package org.gatehouse.rest.internal.auth;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.gatehouse.rest.internal.common.ErrorMappers;
import org.gatehouse.rest.internal.common.Public;
import org.gatehouse.rest.internal.common.Roles;

/**
 * Authenticates each call (HTTP Basic through the {@link Authenticator}, or a bearer token) and checks the
 * {@link Roles} of the matched resource method. Methods marked {@link Public} need neither; methods with neither
 * annotation are refused.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthFilter implements ContainerRequestFilter {
    static final String BASIC = SecurityContext.BASIC_AUTH;
    static final String BEARER = "Bearer";
    static final String CHALLENGE = "Basic realm=\"gatehouse\"";

    private final Authenticator authenticator;
    private final TokenService tokens;

    @Context
    private ResourceInfo resourceInfo;

    public AuthFilter(Authenticator authenticator, TokenService tokens) {
        this.authenticator = authenticator;
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        if (method != null && method.isAnnotationPresent(Public.class)) {
            return;
        }
        Roles roles = method == null ? null : method.getAnnotation(Roles.class);
        String header = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            ctx.abortWith(unauthorized("missing-credentials", "authentication required (Basic or Bearer)"));
            return;
        }
        Optional<Identity> identity;
        String scheme;
        if (startsWithIgnoreCase(header, "Basic ")) {
            scheme = BASIC;
            identity = basic(header.substring(6).trim());
        } else if (startsWithIgnoreCase(header, "Bearer ")) {
            scheme = BEARER;
            identity = tokens.verify(header.substring(7).trim());
        } else {
            ctx.abortWith(unauthorized("missing-credentials", "unsupported authorization scheme"));
            return;
        }
        if (identity.isEmpty()) {
            ctx.abortWith(BEARER.equals(scheme)
                    ? unauthorized("invalid-token", "bearer token is invalid or expired")
                    : unauthorized("invalid-credentials", "wrong user name or password"));
            return;
        }
        Identity id = identity.get();
        if (roles == null || !allowed(roles, id)) {
            ctx.abortWith(ErrorMappers.reject(403, "forbidden",
                    "user '" + id.user() + "' may not " + ctx.getMethod() + " " + ctx.getUriInfo().getPath()));
            return;
        }
        boolean secure = ctx.getSecurityContext() != null && ctx.getSecurityContext().isSecure();
        ctx.setSecurityContext(new IdentityContext(id, scheme, secure));
    }

    static boolean allowed(Roles roles, Identity id) {
        if (id.roles().contains(Roles.ADMIN)) {
            return true;
        }
        for (String r : roles.value()) {
            if (Roles.ANY.equals(r) || id.roles().contains(r)) {
                return true;
            }
        }
        return false;
    }

    private Optional<Identity> basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return authenticator.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static Response unauthorized(String code, String message) {
        Response r = ErrorMappers.reject(401, code, message);
        return Response.fromResponse(r).header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** The security context of an authenticated call; resources read the user from it. */
    public record IdentityContext(Identity identity, String scheme, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return identity;
        }

        @Override
        public boolean isUserInRole(String role) {
            return identity.roles().contains(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return scheme;
        }
    }
}
