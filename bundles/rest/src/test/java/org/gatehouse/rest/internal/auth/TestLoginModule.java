package org.gatehouse.rest.internal.auth;

import java.security.Principal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/**
 * A tiny JAAS login module like Karaf's: user "alice" with password "secret" gets a UserPrincipal, a GroupPrincipal
 * and RolePrincipals "security" and "teacher".
 */
public class TestLoginModule implements LoginModule {
    static final AtomicInteger LOGINS = new AtomicInteger();

    private Subject subject;
    private CallbackHandler handler;
    private final Set<Principal> principals = new HashSet<>();

    /** Named like Karaf's principal classes; the authenticator matches the simple name. */
    public record RolePrincipal(String getName) implements Principal {
    }

    public record UserPrincipal(String getName) implements Principal {
    }

    public record GroupPrincipal(String getName) implements Principal {
    }

    @Override
    public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState,
                           Map<String, ?> options) {
        this.subject = subject;
        this.handler = handler;
    }

    @Override
    public boolean login() throws LoginException {
        LOGINS.incrementAndGet();
        NameCallback name = new NameCallback("user");
        PasswordCallback pw = new PasswordCallback("password", false);
        try {
            handler.handle(new Callback[] {name, pw});
        } catch (Exception e) {
            throw new LoginException(e.toString());
        }
        if (!"alice".equals(name.getName()) || !"secret".equals(new String(pw.getPassword()))) {
            throw new FailedLoginException("bad password");
        }
        principals.add(new UserPrincipal("alice"));
        principals.add(new GroupPrincipal("guards"));
        principals.add(new RolePrincipal("security"));
        principals.add(new RolePrincipal("teacher"));
        return true;
    }

    @Override
    public boolean commit() {
        subject.getPrincipals().addAll(principals);
        return true;
    }

    @Override
    public boolean abort() {
        principals.clear();
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        return true;
    }
}
