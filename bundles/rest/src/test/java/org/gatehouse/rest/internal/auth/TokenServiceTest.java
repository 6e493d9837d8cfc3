package org.gatehouse.rest.internal.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenServiceTest {
    @TempDir
    Path dir;

    @Test
    void roundTripAndExpiry() {
        byte[] secret = SecretStore.random(32);
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        TokenService issuer = new TokenService(secret, Duration.ofMinutes(10), Clock.fixed(t0, ZoneOffset.UTC));
        TokenService.Issued issued = issuer.issue(new Identity("bob", Set.of("security", "device")));
        assertEquals(t0.plus(Duration.ofMinutes(10)), issued.expiresAt());
        Identity id = issuer.verify(issued.token()).orElseThrow();
        assertEquals("bob", id.user());
        assertEquals(Set.of("security", "device"), id.roles());
        TokenService later = new TokenService(secret, Duration.ofMinutes(10),
                Clock.fixed(t0.plus(Duration.ofMinutes(10)), ZoneOffset.UTC));
        assertTrue(later.verify(issued.token()).isEmpty());
        TokenService otherSecret = new TokenService(SecretStore.random(32), Duration.ofMinutes(10),
                Clock.fixed(t0, ZoneOffset.UTC));
        assertTrue(otherSecret.verify(issued.token()).isEmpty());
        assertTrue(issuer.verify("garbage").isEmpty());
        assertTrue(issuer.verify("gh1.!!.??").isEmpty());
    }

    @Test
    void revokingAUserRefusesItsEarlierTokensOnly() {
        byte[] secret = SecretStore.random(32);
        JaasAuthenticatorTest.MutableClock clock = new JaasAuthenticatorTest.MutableClock(
                Instant.parse("2024-01-01T00:00:00Z"));
        TokenService issuer = new TokenService(secret, Duration.ofMinutes(10), clock);
        String bob = issuer.issue(new Identity("bob", Set.of("teacher"))).token();
        String ann = issuer.issue(new Identity("ann", Set.of("teacher"))).token();
        clock.now = clock.now.plusSeconds(5);
        issuer.revoke("bob");
        assertTrue(issuer.verify(bob).isEmpty(), "issued before the revocation");
        assertTrue(issuer.verify(ann).isPresent(), "another user's token stays valid");
        clock.now = clock.now.plusMillis(2);
        String again = issuer.issue(new Identity("bob", Set.of("security"))).token();
        assertEquals(Set.of("security"), issuer.verify(again).orElseThrow().roles());
    }

    @Test
    void everyOtherSpellingOfTheSignatureIsRejected() {
        TokenService issuer = new TokenService(SecretStore.random(32), Duration.ofMinutes(10), Clock.systemUTC());
        String token = issuer.issue(new Identity("bob", Set.of("security"))).token();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        for (char c : alphabet.toCharArray()) {
            if (c != last) {
                // some of these decode to the same bytes (spare bits of the last character): still refused
                assertTrue(issuer.verify(token.substring(0, token.length() - 1) + c).isEmpty(), "last char " + c);
            }
        }
        assertTrue(issuer.verify(token).isPresent());
    }

    @Test
    void secretFileIsCreatedOncePrivately() throws Exception {
        byte[] first = SecretStore.tokenSecret(dir.toString());
        Path file = dir.resolve("gatehouse/token.secret");
        assertEquals(32, Files.size(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertArrayEquals(first, SecretStore.tokenSecret(dir.toString()));
        assertEquals(32, SecretStore.tokenSecret(null).length);
    }
}
