package org.gatehouse.rest.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

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
 * Authenticates against a JAAS realm (Karaf's {@code karaf} realm by default) and takes the names of the Subject's
 * {@code RolePrincipal}s as roles, without importing Karaf classes. Karaf adds a RolePrincipal for each role of the
 * user's groups too. Successful logins are cached for a short time, keyed by a SHA-256 of user and password.
 */
public final class JaasAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(JaasAuthenticator.class);
    private static final int MAX_CACHE = 10_000;

    private final String realm;
    private final ClassLoader classLoader;
    private final Duration cacheTtl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Identity identity, Instant until) {
    }

    public JaasAuthenticator(String realm, ClassLoader classLoader, Duration cacheTtl, Clock clock) {
        this.realm = realm;
        this.classLoader = classLoader;
        this.cacheTtl = cacheTtl;
        this.clock = clock;
    }

    @Override
    public Optional<Identity> authenticate(String user, String password) {
        if (user == null || user.isEmpty() || password == null) {
            return Optional.empty();
        }
        String key = sha256(user + ":" + password);
        Instant now = clock.instant();
        Cached hit = cache.get(key);
        if (hit != null && now.isBefore(hit.until())) {
            return Optional.of(hit.identity());
        }
        Optional<Identity> result = login(user, password);
        result.ifPresent(id -> {
            if (cache.size() >= MAX_CACHE) {
                cache.values().removeIf(c -> !now.isBefore(c.until()));
                if (cache.size() >= MAX_CACHE) {
                    cache.clear();
                }
            }
            cache.put(key, new Cached(id, now.plus(cacheTtl)));
        });
        return result;
    }

    @Override
    public void forget(String user) {
        cache.values().removeIf(c -> c.identity().user().equals(user));
    }

    private Optional<Identity> login(String user, String password) {
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
            return Optional.of(new Identity(user, roles));
        } catch (LoginException e) {
            LOG.debug("JAAS login of {} in realm {} failed: {}", user, realm, e.getMessage());
            return Optional.empty();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
