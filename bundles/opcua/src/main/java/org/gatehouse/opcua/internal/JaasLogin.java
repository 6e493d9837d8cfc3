package org.gatehouse.opcua.internal;

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
 * Logs in against a JAAS realm (Karaf's {@code karaf} realm by default), as the REST API does: the names of the
 * Subject's {@code RolePrincipal}s are the Gatehouse roles (Karaf adds the roles of the user's groups too). Karaf's
 * classes are not imported.
 */
public final class JaasLogin implements Login {
    private static final Logger LOG = LoggerFactory.getLogger(JaasLogin.class);
    private final String realm;
    private final ClassLoader classLoader;

    public JaasLogin(String realm, ClassLoader classLoader) {
        this.realm = realm;
        this.classLoader = classLoader;
    }

    @Override
    public Optional<UaUser> authenticate(String user, String password) {
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
            return Optional.of(new UaUser(user, roles));
        } catch (LoginException e) {
            LOG.debug("JAAS login of {} in realm {} failed: {}", user, realm, e.getMessage());
            return Optional.empty();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
