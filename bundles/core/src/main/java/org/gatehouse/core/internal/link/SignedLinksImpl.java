package org.gatehouse.core.internal.link;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.service.SignedLinks;
import org.gatehouse.core.internal.store.Db;
import org.osgi.annotation.bundle.Capability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed links with HMAC-SHA256. The key is 32 random bytes created once and kept in table LINK_KEYS (so it survives
 * restarts and moves with the store). A token is {@code base64url(<expiry seconds>:<subject>).base64url(hmac)}.
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.service.SignedLinks")
public final class SignedLinksImpl implements SignedLinks {
    private static final Logger LOG = LoggerFactory.getLogger(SignedLinksImpl.class);
    private static final String HMAC = "HmacSHA256";
    private static final String KEY_ID = "links";
    private static final int MAX_TOKEN = 600;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

    private final Db db;
    private final Clock clock;
    private volatile byte[] key;

    public SignedLinksImpl(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String sign(String subject, Duration ttl) {
        if (subject == null || subject.isBlank() || subject.length() > 200) {
            throw GatehouseException.invalid("bad-subject", "a link subject is 1-200 characters");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw GatehouseException.invalid("bad-ttl", "a link must be valid for a positive time");
        }
        long expires = clock.instant().plus(ttl).getEpochSecond();
        byte[] payload = (expires + ":" + subject).getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload));
    }

    @Override
    public Optional<String> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] sig;
        try {
            payload = UNB64.decode(token.substring(0, dot));
            sig = UNB64.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(payload), sig)) {
            return Optional.empty();
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        long expires;
        try {
            expires = Long.parseLong(text.substring(0, Math.max(colon, 0)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (clock.instant().getEpochSecond() >= expires) {
            throw GatehouseException.invalid("link-expired", "this link has expired");
        }
        return Optional.of(text.substring(colon + 1));
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key(), HMAC));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The key: read from the store, created there on first use (a concurrent first use keeps the stored one). */
    private byte[] key() {
        byte[] k = key;
        if (k != null) {
            return k;
        }
        synchronized (this) {
            if (key == null) {
                key = db.tx(c -> {
                    Optional<String> stored = Db.one(c, "SELECT SECRET FROM LINK_KEYS WHERE ID = ?",
                            rs -> rs.getString(1), KEY_ID);
                    if (stored.isPresent()) {
                        return Base64.getDecoder().decode(stored.get());
                    }
                    byte[] fresh = new byte[32];
                    new SecureRandom().nextBytes(fresh);
                    Db.update(c, "INSERT INTO LINK_KEYS (ID, SECRET, CREATED_MS) VALUES (?, ?, ?)", KEY_ID,
                            Base64.getEncoder().encodeToString(fresh), clock.millis());
                    LOG.info("Created the signing key of the signed links");
                    return fresh;
                });
            }
            return key;
        }
    }
}
