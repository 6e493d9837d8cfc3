package org.gatehouse.rest.internal.auth;

import java.util.Optional;

/** Checks a user name and password. */
public interface Authenticator {
    /** @return the identity with its roles, or empty if the credentials are wrong */
    Optional<Identity> authenticate(String user, String password);

    /** Forgets what is cached about a user (its password or roles changed); the next call asks the realm again. */
    default void forget(String user) {
    }
}
