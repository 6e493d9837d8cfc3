package org.gatehouse.rest.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final JaasAuthenticatorTest.MutableClock clock =
            new JaasAuthenticatorTest.MutableClock(Instant.parse("2026-12-02T08:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void theDelayGrowsAfterThreeFreeFailuresThenThePairIsLocked() {
        for (int i = 1; i <= 3; i++) {
            LoginThrottle.Failure f = throttle.failed("guard", "10.0.0.7");
            assertEquals(Duration.ZERO, f.delay(), "failure " + i + " is free");
            assertEquals(Optional.empty(), throttle.waitFor("guard", "10.0.0.7"));
        }
        assertEquals(Duration.ofSeconds(1), throttle.failed("guard", "10.0.0.7").delay());
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.waitFor("guard", "10.0.0.7"));
        clock.now = clock.now.plusSeconds(1);
        assertEquals(Optional.empty(), throttle.waitFor("guard", "10.0.0.7"), "the delay has passed");
        assertEquals(Duration.ofSeconds(2), throttle.failed("guard", "10.0.0.7").delay());
        assertEquals(Duration.ofSeconds(4), throttle.failed("guard", "10.0.0.7").delay());
        assertEquals(Duration.ofSeconds(8), throttle.failed("guard", "10.0.0.7").delay());
        assertEquals(Duration.ofSeconds(16), throttle.failed("guard", "10.0.0.7").delay());
        LoginThrottle.Failure ninth = throttle.failed("guard", "10.0.0.7");
        assertEquals(Duration.ofSeconds(30), ninth.delay(), "at most 30 s");
        assertFalse(ninth.locked());
        LoginThrottle.Failure tenth = throttle.failed("guard", "10.0.0.7");
        assertTrue(tenth.locked());
        assertEquals(Duration.ofMinutes(15), tenth.delay());
        assertEquals(Optional.of(Duration.ofMinutes(15)), throttle.waitFor("guard", "10.0.0.7"));
        // the same user from another address, and another user from the same address, are not slowed down
        assertEquals(Optional.empty(), throttle.waitFor("guard", "10.0.0.8"));
        assertEquals(Optional.empty(), throttle.waitFor("admin", "10.0.0.7"));
    }

    @Test
    void aCorrectPasswordOrALongQuietStartsThePairAfresh() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("guard", "10.0.0.7");
        }
        throttle.succeeded("guard", "10.0.0.7");
        assertEquals(Optional.empty(), throttle.waitFor("guard", "10.0.0.7"));
        assertEquals(1, throttle.failed("guard", "10.0.0.7").failures());

        for (int i = 0; i < 9; i++) {
            throttle.failed("teacher", "10.0.0.9");
        }
        assertTrue(throttle.failed("teacher", "10.0.0.9").locked());
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertEquals(Optional.empty(), throttle.waitFor("teacher", "10.0.0.9"), "the lock has passed");
        LoginThrottle.Failure f = throttle.failed("teacher", "10.0.0.9");
        assertEquals(1, f.failures(), "a pair quiet for longer than a lock starts afresh");
        assertEquals(Duration.ZERO, f.delay());
    }
}
