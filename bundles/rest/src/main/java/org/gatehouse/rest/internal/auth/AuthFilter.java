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
    public static final String CHALLENGE = "Basic realm=\"gatehouse\"";

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
        Check check = authenticate(ctx.getHeaderString(HttpHeaders.AUTHORIZATION),
                RequestLog.remote(PhaseInterceptorChain.getCurrentMessage()));
        if (check.identity() == null) {
            ctx.abortWith(check.status() == 429
                    ? Response.fromResponse(ErrorMappers.reject(429, check.code(), check.message()))
                            .header(HttpHeaders.RETRY_AFTER, check.retryAfterSeconds()).build()
                    : unauthorized(ctx, check.code(), check.message()));
            return;
        }
        String scheme = check.scheme();
        Identity id = check.identity();
        if (roles == null || !allowed(roles, id)) {
            ctx.abortWith(ErrorMappers.reject(403, "forbidden",
                    "user '" + id.user() + "' may not " + ctx.getMethod() + " " + ctx.getUriInfo().getPath()));
            return;
        }
        boolean secure = ctx.getSecurityContext() != null && ctx.getSecurityContext().isSecure();
        ctx.setSecurityContext(new IdentityContext(id, scheme, secure));
    }

    /**
     * The outcome of checking an {@code Authorization} header: an identity, or the refusal to send.
     *
     * @param identity          the caller, null when refused
     * @param scheme            {@code BASIC} or {@code Bearer}
     * @param status            401 or 429 when refused
     * @param code              error code when refused
     * @param message           error message when refused
     * @param retryAfterSeconds for a 429, when to try again
     */
    public record Check(Identity identity, String scheme, int status, String code, String message,
                        long retryAfterSeconds) {
        static Check refused(String scheme, int status, String code, String message) {
            return new Check(null, scheme, status, code, message, 0);
        }
    }

    /**
     * Checks an {@code Authorization} header (Basic with the login throttle and the audit of failures, or Bearer):
     * the one check of credentials, used by this filter and by the live stream.
     *
     * @param header  the header, may be null
     * @param address the client address, for the throttle and the audit trail
     */
    public Check authenticate(String header, String address) {
        if (header == null || header.isBlank()) {
            return Check.refused(null, 401, "missing-credentials", "authentication required (Basic or Bearer)");
        }
        if (startsWithIgnoreCase(header, "Bearer ")) {
            Optional<Identity> identity = tokens.verify(header.substring(7).trim());
            return identity.map(i -> new Check(i, BEARER, 200, null, null, 0)).orElseGet(() ->
                    Check.refused(BEARER, 401, "invalid-token", "bearer token is invalid or expired"));
        }
        if (!startsWithIgnoreCase(header, "Basic ")) {
            return Check.refused(null, 401, "missing-credentials", "unsupported authorization scheme");
        }
        String[] credentials = basicCredentials(header.substring(6).trim());
        Optional<Identity> identity;
        if (credentials == null) {
            identity = Optional.empty();
        } else {
            Optional<java.time.Duration> wait = throttle.waitFor(credentials[0], address);
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                return new Check(null, BASIC, 429, "login-throttled", "too many wrong passwords for '"
                        + credentials[0] + "' from " + address + "; try again in " + seconds + " s", seconds);
            }
            identity = authenticator.authenticate(credentials[0], credentials[1]);
            if (identity.isEmpty()) {
                loginFailed(credentials[0], address);
            } else {
                throttle.succeeded(credentials[0], address);
            }
        }
        return identity.map(i -> new Check(i, BASIC, 200, null, null, 0)).orElseGet(() ->
                Check.refused(BASIC, 401, "invalid-credentials", "wrong user name or password"));
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
