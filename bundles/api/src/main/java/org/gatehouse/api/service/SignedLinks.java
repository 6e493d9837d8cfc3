package org.gatehouse.api.service;

import java.time.Duration;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Signed, expiring links that need no login (the snapshot link of a guardian message): a token names a subject (for
 * example {@code passage:42}) and an expiry, signed with a key only the platform holds (HMAC-SHA256), so nobody can
 * forge a token for another subject or stretch its expiry. The token is URL-safe (Base64url without padding).
 *
 * @since 1.5
 */
@ProviderType
public interface SignedLinks {
    /**
     * Signs a subject for a time.
     *
     * @param subject what the link opens, e.g. {@code passage:42} (1..200 characters)
     * @param ttl     how long the link is valid, positive
     * @return the token
     * @throws org.gatehouse.api.GatehouseException INVALID {@code bad-subject}, {@code bad-ttl}
     */
    String sign(String subject, Duration ttl);

    /**
     * Checks a token.
     *
     * @return the subject it was signed for; empty for a token that is malformed or was not signed with this
     *         platform's key
     * @throws org.gatehouse.api.GatehouseException INVALID {@code link-expired} for a genuine token whose time is over
     *                                              (REST answers it with 410 Gone)
     */
    Optional<String> verify(String token);
}
