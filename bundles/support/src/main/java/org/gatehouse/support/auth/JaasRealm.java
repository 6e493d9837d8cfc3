package org.gatehouse.support.auth;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A login against a JAAS realm (Karaf's {@code karaf} realm in the container) without importing Karaf's classes: the
 * names of the Subject's {@code RolePrincipal}s are the user's Gatehouse roles (Karaf adds the roles of the user's
 * groups too). Used by the REST API and the OPC UA server, so that both map users to roles the same way.
 */
public final class JaasRealm {
    private static final Logger LOG = LoggerFactory.getLogger(JaasRealm.class);

    private JaasRealm() {
    }

    /**
     * @param realm       the JAAS realm
     * @param classLoader the thread context class loader during the login (the calling bundle's)
     * @return the user's roles, or empty if the credentials are wrong (or the realm refuses)
     */
    public static Optional<Set<String>> login(String realm, ClassLoader classLoader, String user, String password) {
        if (user == null || user.isEmpty() || password == null) {
            return Optional.empty();
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            Subject subject = new Subject();
            LoginContext context = new LoginContext(realm, subject, callbacks -> {
                for (Callback cb : callbacks) {
                    if (cb instanceof NameCallback name) {
                        name.setName(user);
                    } else if (cb instanceof PasswordCallback pw) {
                        pw.setPassword(password.toCharArray());
                    } else {
                        throw new UnsupportedCallbackException(cb);
                    }
                }
            });
            context.login();
            Set<String> roles = new TreeSet<>();
            for (Principal p : subject.getPrincipals()) {
                if ("RolePrincipal".equals(p.getClass().getSimpleName()) && p.getName() != null) {
                    roles.add(p.getName());
                }
            }
            try {
                context.logout();
            } catch (LoginException e) {
                LOG.debug("JAAS logout of {} failed: {}", user, e.getMessage());
            }
            return Optional.of(roles);
        } catch (LoginException e) {
            LOG.debug("JAAS login of {} in realm {} failed: {}", user, realm, e.getMessage());
            return Optional.empty();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
