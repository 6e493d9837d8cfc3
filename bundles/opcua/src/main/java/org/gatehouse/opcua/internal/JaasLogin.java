package org.gatehouse.opcua.internal;

import java.util.Optional;

import org.gatehouse.support.auth.JaasRealm;

/**
 * Logs in against a JAAS realm (Karaf's {@code karaf} realm by default) exactly as the REST API does
 * ({@link JaasRealm}): the names of the role principals are the Gatehouse roles.
 */
public final class JaasLogin implements Login {
    private final String realm;
    private final ClassLoader classLoader;

    public JaasLogin(String realm, ClassLoader classLoader) {
        this.realm = realm;
        this.classLoader = classLoader;
    }

    @Override
    public Optional<UaUser> authenticate(String user, String password) {
        return JaasRealm.login(realm, classLoader, user, password).map(roles -> new UaUser(user, roles));
    }
}
