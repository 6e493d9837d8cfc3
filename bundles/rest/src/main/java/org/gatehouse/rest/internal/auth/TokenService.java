package org.gatehouse.rest.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Stateless bearer tokens: {@code gh1.<base64url payload>.<base64url HMAC-SHA256>}, where the payload is
 * {@code {"sub":user,"roles":[...],"exp":epochSeconds,"iatMs":epochMillis}}. Nothing is stored on the server but the
 * time of each user's last {@link #revoke}: tokens issued before it are refused (held in memory, so a restart forgets
 * it; the tokens then live until they expire). Changing the secret invalidates every token.
 */
public final class TokenService {
    private static final String PREFIX = "gh1";
    private static final String ALG = "HmacSHA256";
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final java.util.Map<String, Long> revokedBefore = new java.util.concurrent.ConcurrentHashMap<>();

    public TokenService(byte[] secret, Duration ttl, Clock clock) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("token secret too short");
        }
        this.key = new SecretKeySpec(secret.clone(), ALG);
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * A signed token.
     *
     * @param token     the token text
     * @param expiresAt when it stops being accepted
     */
    public record Issued(String token, Instant expiresAt) {
    }

    /** @return a token for the identity, valid for the configured lifetime */
    public Issued issue(Identity identity) {
        Instant now = clock.instant();
        Instant exp = now.plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ObjectNode payload = mapper.createObjectNode();
        payload.put("sub", identity.user());
        ArrayNode roles = payload.putArray("roles");
        new TreeSet<>(identity.roles()).forEach(roles::add);
        payload.put("exp", exp.getEpochSecond());
        payload.put("iatMs", now.toEpochMilli());
        String body;
        try {
            body = ENC.encodeToString(mapper.writeValueAsBytes(payload));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        String signed = PREFIX + "." + body;
        return new Issued(signed + "." + ENC.encodeToString(sign(signed)), exp);
    }

    /** @return the identity of a token whose signature is right and which has not expired */
    public Optional<Identity> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.trim().split("\\.", -1);
        if (parts.length != 3 || !PREFIX.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            // compare the canonical encoding: base64url ignores spare bits of the last character, so comparing decoded
            // bytes would accept several spellings of one signature
            byte[] given = parts[2].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] expected = ENC.encodeToString(sign(parts[0] + "." + parts[1]))
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(given, expected)) {
                return Optional.empty();
            }
            JsonNode payload = mapper.readTree(DEC.decode(parts[1]));
            JsonNode sub = payload.get("sub");
            JsonNode exp = payload.get("exp");
            if (sub == null || !sub.isTextual() || exp == null || !exp.canConvertToLong()) {
                return Optional.empty();
            }
            if (!clock.instant().isBefore(Instant.ofEpochSecond(exp.asLong()))) {
                return Optional.empty();
            }
            Long revoked = revokedBefore.get(sub.asText());
            if (revoked != null) {
                JsonNode iat = payload.get("iatMs");
                long issued = iat != null && iat.canConvertToLong() ? iat.asLong()
                        : Instant.ofEpochSecond(exp.asLong()).minus(ttl).toEpochMilli();
                if (issued < revoked) {
                    return Optional.empty();
                }
            }
            List<String> roles = new ArrayList<>();
            JsonNode r = payload.get("roles");
            if (r != null && r.isArray()) {
                r.forEach(n -> roles.add(n.asText()));
            }
            return Optional.of(new Identity(sub.asText(), new TreeSet<>(roles)));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** Refuses every token of the user issued until now (its roles or password changed, or it was deleted). */
    public void revoke(String user) {
        revokedBefore.put(user, clock.instant().toEpochMilli() + 1);
    }

    private byte[] sign(String text) {
        try {
            Mac mac = Mac.getInstance(ALG);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
