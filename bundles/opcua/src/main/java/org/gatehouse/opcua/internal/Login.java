package org.gatehouse.opcua.internal;

import java.util.Optional;

/** Checks a user name and password. */
@FunctionalInterface
public interface Login {
    /** @return the user with its roles, or empty if the credentials are wrong */
    Optional<UaUser> authenticate(String user, String password);
}
