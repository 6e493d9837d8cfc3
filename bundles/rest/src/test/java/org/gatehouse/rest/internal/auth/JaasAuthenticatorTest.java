package org.gatehouse.rest.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the real JAAS code path against a programmatic Configuration and {@link TestLoginModule}. */
class JaasAuthenticatorTest {
    private Configuration previous;

    @BeforeEach
    void install() {
        try {
            previous = Configuration.getConfiguration();
        } catch (SecurityException e) {
            previous = null;
        }
        Configuration.setConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                if (!"testrealm".equals(name)) {
                    return null;
                }
                return new AppConfigurationEntry[] {new AppConfigurationEntry(TestLoginModule.class.getName(),
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())};
            }
        });
        TestLoginModule.LOGINS.set(0);
    }

    @AfterEach
    void restore() {
        Configuration.setConfiguration(previous);
    }

    @Test
    void rolesComeFromRolePrincipalsAndLoginsAreCached() {
        MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
        JaasAuthenticator auth = new JaasAuthenticator("testrealm", getClass().getClassLoader(),
                Duration.ofSeconds(60), clock);
        Optional<Identity> id = auth.authenticate("alice", "secret");
        assertTrue(id.isPresent());
        assertEquals("alice", id.get().user());
        assertEquals(Set.of("security", "teacher"), id.get().roles());
        assertEquals(1, TestLoginModule.LOGINS.get());

        auth.authenticate("alice", "secret");
        assertEquals(1, TestLoginModule.LOGINS.get(), "second login within 60 s is cached");
        clock.now = clock.now.plusSeconds(61);
        auth.authenticate("alice", "secret");
        assertEquals(2, TestLoginModule.LOGINS.get(), "cache entry expired");

        assertTrue(auth.authenticate("alice", "wrong").isEmpty());
        assertTrue(auth.authenticate("bob", "secret").isEmpty());
        assertEquals(4, TestLoginModule.LOGINS.get(), "failures are not cached");
        assertTrue(new JaasAuthenticator("no-such-realm", getClass().getClassLoader(), Duration.ofSeconds(60), clock)
                .authenticate("alice", "secret").isEmpty());
    }

    @Test
    void forgettingAUserAsksTheRealmAgain() {
        JaasAuthenticator auth = new JaasAuthenticator("testrealm", getClass().getClassLoader(),
                Duration.ofSeconds(60), Clock.systemUTC());
        auth.authenticate("alice", "secret");
        auth.authenticate("alice", "secret");
        assertEquals(1, TestLoginModule.LOGINS.get(), "cached");
        auth.forget("bob");
        auth.authenticate("alice", "secret");
        assertEquals(1, TestLoginModule.LOGINS.get(), "another user's entry is kept");
        auth.forget("alice");
        auth.authenticate("alice", "secret");
        assertEquals(2, TestLoginModule.LOGINS.get(), "asked again");
    }

    @Test
    void tcclIsRestored() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        new JaasAuthenticator("testrealm", new ClassLoader(getClass().getClassLoader()) { }, Duration.ofSeconds(1),
                Clock.systemUTC()).authenticate("alice", "secret");
        assertEquals(before, Thread.currentThread().getContextClassLoader());
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
