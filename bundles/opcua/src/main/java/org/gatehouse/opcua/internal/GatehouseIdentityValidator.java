package org.gatehouse.opcua.internal;

import java.util.Optional;

import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.identity.AbstractUsernameIdentityValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anonymous (read-only, when allowed) and user name/password sessions; the session's identity object is the
 * {@link UaUser} with its Gatehouse roles. A refused login gives the client Bad_UserAccessDenied.
 */
public final class GatehouseIdentityValidator extends AbstractUsernameIdentityValidator<UaUser> {
    private static final Logger LOG = LoggerFactory.getLogger(GatehouseIdentityValidator.class);
    private final boolean anonymous;
    private final Login login;

    public GatehouseIdentityValidator(boolean anonymous, Login login) {
        this.anonymous = anonymous;
        this.login = login;
    }

    @Override
    protected UaUser authenticateAnonymous(Session session) {
        return anonymous ? new UaUser(UaUser.ANONYMOUS, java.util.Set.of()) : null;
    }

    @Override
    protected UaUser authenticateUsernamePassword(Session session, String username, String password) {
        Optional<UaUser> user = login.authenticate(username, password);
        if (user.isEmpty()) {
            LOG.info("OPC UA login refused for user {} ({})", username, session.getClientDescription() == null ? "?"
                    : session.getClientDescription().getApplicationUri());
        }
        return user.orElse(null);
    }

    /** @return the Gatehouse user of a session; anonymous for a session not activated yet */
    public static UaUser userOf(Session session) {
        return session != null && session.getIdentityObject() instanceof UaUser u ? u
                : new UaUser(UaUser.ANONYMOUS, java.util.Set.of());
    }
}
