package org.gatehouse.opcua.internal;

import java.util.Set;

/**
 * The Gatehouse user of an OPC UA session, kept as the session's identity object.
 *
 * @param user  the user name, or {@code anonymous}
 * @param roles the Gatehouse roles (admin, integrator, security, teacher, ...); none for anonymous
 */
public record UaUser(String user, Set<String> roles) {
    public static final String ANONYMOUS = "anonymous";
    public static final String ADMIN = "admin";

    public UaUser {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** @return whether the user has the role, or is an admin */
    public boolean may(String role) {
        return roles.contains(ADMIN) || roles.contains(role);
    }

    /** @return the audit actor, {@code opcua:<user>} */
    public String actor() {
        return "opcua:" + user;
    }
}
