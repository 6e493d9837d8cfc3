package org.gatehouse.core.internal.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import javax.sql.DataSource;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.Test;

/** Signed links on a real Derby store: round trip, forgery, expiry, and a key that survives a restart. */
class SignedLinksTest {
    private final DataSource ds = TestDb.newDataSource();
    private final Platform p = TestDb.platform(ds, new TestDb.Channels());

    private SignedLinksImpl at(Instant now) {
        return new SignedLinksImpl(p.db, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenOpensItsSubjectUntilItExpires() {
        Instant t0 = Instant.parse("2026-03-02T00:00:00Z");
        String token = at(t0).sign("passage:42", Duration.ofHours(72));
        assertTrue(token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), "URL-safe: " + token);
        assertEquals(Optional.of("passage:42"), at(t0.plus(Duration.ofHours(71))).verify(token));
        GatehouseException expired = assertThrows(GatehouseException.class,
                () -> at(t0.plus(Duration.ofHours(72))).verify(token));
        assertEquals("link-expired", expired.code());
        assertEquals(GatehouseException.Kind.INVALID, expired.kind());
    }

    @Test
    void forgedOrMalformedTokensOpenNothing() {
        SignedLinksImpl links = at(Instant.parse("2026-03-02T00:00:00Z"));
        String token = links.sign("passage:42", Duration.ofHours(1));
        String payload = token.substring(0, token.indexOf('.'));
        String sig = token.substring(token.indexOf('.') + 1);
        String other = links.sign("passage:43", Duration.ofHours(1));
        String otherPayload = other.substring(0, other.indexOf('.'));
        assertEquals(Optional.empty(), links.verify(otherPayload + "." + sig), "another subject with this signature");
        assertEquals(Optional.empty(), links.verify(payload + "." + sig.substring(1)));
        assertEquals(Optional.empty(), links.verify("garbage"));
        assertEquals(Optional.empty(), links.verify("a.b.c"));
        assertEquals(Optional.empty(), links.verify("!!!.###"));
        assertEquals(Optional.empty(), links.verify(""));
        assertEquals(Optional.empty(), links.verify(null));
        assertEquals(Optional.empty(), links.verify("x".repeat(1000)));
    }

    @Test
    void theKeyIsCreatedOnceAndKeptInTheStore() {
        Instant t0 = Instant.parse("2026-03-02T00:00:00Z");
        String token = at(t0).sign("passage:7", Duration.ofHours(1));
        SignedLinksImpl afterRestart = new SignedLinksImpl(TestDb.platform(ds, new TestDb.Channels()).db,
                Clock.fixed(t0, ZoneOffset.UTC));
        assertEquals(Optional.of("passage:7"), afterRestart.verify(token));
        SignedLinksImpl elsewhere = new SignedLinksImpl(TestDb.platform().db, Clock.fixed(t0, ZoneOffset.UTC));
        assertEquals(Optional.empty(), elsewhere.verify(token), "another installation has another key");
        assertNotEquals(token, elsewhere.sign("passage:7", Duration.ofHours(1)));
    }

    @Test
    void badArgumentsAreRefused() {
        SignedLinksImpl links = at(Instant.now());
        assertEquals("bad-subject", assertThrows(GatehouseException.class, () -> links.sign(" ", Duration.ofHours(1)))
                .code());
        assertEquals("bad-ttl", assertThrows(GatehouseException.class, () -> links.sign("x", Duration.ZERO)).code());
        assertEquals("bad-ttl", assertThrows(GatehouseException.class, () -> links.sign("x", null)).code());
    }
}
