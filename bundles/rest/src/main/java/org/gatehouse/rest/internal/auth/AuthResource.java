package org.gatehouse.rest.internal.auth;

import java.time.Instant;
import java.util.List;

import org.apache.cxf.phase.PhaseInterceptorChain;
import org.gatehouse.api.service.AuditService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.RequestLog;
import java.util.TreeSet;

import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Roles;

/** POST /auth/token: exchanges HTTP Basic credentials for a signed bearer token. */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    private final TokenService tokens;
    private final Services services;

    /** @param services where the sign-in is audited (skipped while the audit service is absent) */
    public AuthResource(TokenService tokens, Services services) {
        this.tokens = tokens;
        this.services = services;
    }

    /**
     * The answer of POST /auth/token.
     *
     * @param token     bearer token
     * @param expiresAt when it expires
     * @param user      user name
     * @param roles     roles carried in the token
     */
    public record TokenResponse(String token, Instant expiresAt, String user, List<String> roles) {
    }

    @POST
    @Path("/token")
    @Roles(Roles.ANY)
    public TokenResponse token(@Context SecurityContext sc) {
        if (sc == null || !(sc.getUserPrincipal() instanceof Identity id)
                || !AuthFilter.BASIC.equals(sc.getAuthenticationScheme())) {
            throw new ApiException(400, "basic-required", "a token is issued for HTTP Basic credentials only");
        }
        TokenService.Issued issued = tokens.issue(id);
        if (services.available(AuditService.class)) {
            services.get(AuditService.class).record(id.user(), "login", "user", id.user(), "from "
                    + RequestLog.remote(PhaseInterceptorChain.getCurrentMessage()));
        }
        return new TokenResponse(issued.token(), issued.expiresAt(), id.user(), List.copyOf(new TreeSet<>(id.roles())));
    }
}
