package org.gatehouse.rest.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;


import org.gatehouse.support.auth.JaasRealm;

/**
 * Authenticates against a JAAS realm (Karaf's {@code karaf} realm by default) and takes the names of the Subject's
 * {@code RolePrincipal}s as roles, without importing Karaf classes. Karaf adds a RolePrincipal for each role of the
 * user's groups too. Successful logins are cached for a short time, keyed by a SHA-256 of user and password.
 */
public final class JaasAuthenticator implements Authenticator {
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
        return JaasRealm.login(realm, classLoader, user, password).map(roles -> new Identity(user, roles));
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
