package org.gatehouse.rest.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gatehouse.rest.internal.auth.Authenticator;
import org.gatehouse.rest.internal.auth.Identity;

/** Fixed users: each user's password is its name followed by "-pw". */
public final class TestAuthenticator implements Authenticator {
    static final Map<String, Set<String>> USERS = Map.of(
            "admin", Set.of("admin", "manager"),
            "integ", Set.of("integrator"),
            "guard", Set.of("security"),
            "teacher", Set.of("teacher"),
            "gate", Set.of("device"),
            "teacher2", Set.of("teacher"),
            "parent", Set.of("guardian"),
            "parent2", Set.of("guardian"));

    @Override
    public Optional<Identity> authenticate(String user, String password) {
        Set<String> roles = USERS.get(user);
        if (roles == null || !(user + "-pw").equals(password)) {
            return Optional.empty();
        }
        return Optional.of(new Identity(user, roles));
    }
}
