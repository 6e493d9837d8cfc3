package org.gatehouse.rest.internal.auth;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;

import org.apache.cxf.phase.PhaseInterceptorChain;
import org.gatehouse.api.service.AuditService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.RequestLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger("org.gatehouse.rest");

    private final Authenticator authenticator;
    private final TokenService tokens;
    private final LoginThrottle throttle;
    private final Services services;

    @Context
    private ResourceInfo resourceInfo;

    public AuthFilter(Authenticator authenticator, TokenService tokens, LoginThrottle throttle, Services services) {
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.throttle = throttle;
        this.services = services;
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
            ctx.abortWith(unauthorized(ctx, "missing-credentials", "authentication required (Basic or Bearer)"));
            return;
        }
        Optional<Identity> identity;
        String scheme;
        if (startsWithIgnoreCase(header, "Basic ")) {
            scheme = BASIC;
            String[] credentials = basicCredentials(header.substring(6).trim());
            if (credentials == null) {
                identity = Optional.empty();
            } else {
                String address = RequestLog.remote(PhaseInterceptorChain.getCurrentMessage());
                Optional<java.time.Duration> wait = throttle.waitFor(credentials[0], address);
                if (wait.isPresent()) {
                    long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                    ctx.abortWith(Response.fromResponse(ErrorMappers.reject(429, "login-throttled",
                            "too many wrong passwords for '" + credentials[0] + "' from " + address + "; try again in "
                                    + seconds + " s")).header(HttpHeaders.RETRY_AFTER, seconds).build());
                    return;
                }
                identity = authenticator.authenticate(credentials[0], credentials[1]);
                if (identity.isEmpty()) {
                    loginFailed(credentials[0], address);
                } else {
                    throttle.succeeded(credentials[0], address);
                }
            }
        } else if (startsWithIgnoreCase(header, "Bearer ")) {
            scheme = BEARER;
            identity = tokens.verify(header.substring(7).trim());
        } else {
            ctx.abortWith(unauthorized(ctx, "missing-credentials", "unsupported authorization scheme"));
            return;
        }
        if (identity.isEmpty()) {
            ctx.abortWith(BEARER.equals(scheme)
                    ? unauthorized(ctx, "invalid-token", "bearer token is invalid or expired")
                    : unauthorized(ctx, "invalid-credentials", "wrong user name or password"));
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

    /** @return user and password of a Basic header, or null when it is not one */
    private static String[] basicCredentials(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    /** Counts the failure, writes it to the audit trail with the address, and logs it in one line. */
    private void loginFailed(String user, String address) {
        LoginThrottle.Failure f = throttle.failed(user, address);
        String detail = "from " + address + ", failure " + f.failures() + " in a row"
                + (f.locked() ? ", locked for " + f.delay().toMinutes() + " min"
                : f.delay().isZero() ? "" : ", next attempt in " + f.delay().toSeconds() + " s");
        if (f.locked()) {
            LOG.warn("Logins of '{}' from {} locked for {} min after {} wrong passwords in a row", user, address,
                    f.delay().toMinutes(), f.failures());
        }
        if (services != null && services.available(AuditService.class)) {
            try {
                services.get(AuditService.class).record(user, "login-failed", "user", user, detail);
            } catch (RuntimeException e) {
                LOG.warn("Failed login of '{}' not audited: {}", user, e.getMessage());
            }
        }
    }

    /**
     * A 401 with the Basic challenge, except for script clients that say so with {@code X-Requested-With} (the web
     * console): a challenge would make the browser show its own password dialog over the console's sign-in page.
     */
    private static Response unauthorized(ContainerRequestContext ctx, String code, String message) {
        Response r = ErrorMappers.reject(401, code, message);
        if (ctx.getHeaderString("X-Requested-With") != null) {
            return r;
        }
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
