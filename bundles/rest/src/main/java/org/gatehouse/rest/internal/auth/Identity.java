package org.gatehouse.rest.internal.auth;

import java.security.Principal;
import java.util.Set;

/**
 * An authenticated caller.
 *
 * @param user  user name
 * @param roles Karaf JAAS role names
 */
public record Identity(String user, Set<String> roles) implements Principal {
    public Identity {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return user;
    }
}
