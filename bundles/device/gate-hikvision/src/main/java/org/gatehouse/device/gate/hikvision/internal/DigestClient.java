package org.gatehouse.device.gate.hikvision.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP with Digest authentication (RFC 7616, RFC 2617; MD5 and MD5-sess, qop {@code auth} or none) on the JDK's
 * HttpClient, as the terminals ask for it. The first request goes out without credentials; the 401's
 * {@code WWW-Authenticate: Digest} challenge is answered and kept, and later requests reuse its nonce with the nonce
 * count incremented. A new challenge (stale nonce, terminal restarted) is answered once per request.
 */
final class DigestClient {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient http;
    private final String username;
    private final String password;
    private final Duration timeout;
    private Challenge challenge; // guarded by this
    private long nonceCount; // guarded by this

    /** The parts of a Digest challenge that the answer uses. */
    record Challenge(String realm, String nonce, String opaque, String algorithm, boolean qopAuth) {
    }

    DigestClient(String username, String password, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.username = username;
        this.password = password == null ? "" : password;
        this.timeout = timeout;
    }

    /**
     * Sends one request, answering the Digest challenge.
     *
     * @param contentType null when there is no body
     * @return the response (any status but a 401 answered twice)
     * @throws IOException when the terminal cannot be reached or keeps refusing the credentials
     */
    HttpResponse<byte[]> send(String method, URI uri, String contentType, byte[] body) throws IOException {
        Challenge known;
        synchronized (this) {
            known = challenge;
        }
        HttpResponse<byte[]> response = exchange(method, uri, contentType, body, known);
        if (response.statusCode() != 401) {
            return response;
        }
        Challenge fresh = parse(response.headers().allValues("WWW-Authenticate"));
        if (fresh == null) {
            throw new IOException("terminal answered 401 without a Digest challenge");
        }
        synchronized (this) {
            if (challenge == null || !challenge.nonce().equals(fresh.nonce())) {
                nonceCount = 0; // a new nonce counts from 1; the same one (answered by another thread) goes on
            }
            challenge = fresh;
        }
        response = exchange(method, uri, contentType, body, fresh);
        if (response.statusCode() == 401) {
            throw new IOException("terminal refused the user name or password (401)");
        }
        return response;
    }

    private HttpResponse<byte[]> exchange(String method, URI uri, String contentType, byte[] body, Challenge c)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (c != null) {
            request.header("Authorization", authorization(method, uri, c));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        } catch (IOException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) { // the JDK's connect failures say nothing
                throw new IOException(e.getClass().getSimpleName() + " to " + uri.getHost() + ":" + uri.getPort(), e);
            }
            throw e;
        }
    }

    /** @return the Authorization header answering the challenge for this request */
    String authorization(String method, URI uri, Challenge c) {
        long nc;
        synchronized (this) {
            nc = ++nonceCount;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String digestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        String cnonce = HexFormat.of().formatHex(random);
        String ncHex = String.format("%08x", nc);
        return answer(c, username, password, method, digestUri, cnonce, ncHex);
    }

    /** @return the Authorization header for the given values (RFC 7616 section 3.4) */
    static String answer(Challenge c, String username, String password, String method, String digestUri,
                         String cnonce, String ncHex) {
        String algorithm = c.algorithm() == null ? "MD5" : c.algorithm();
        String ha1 = md5(username + ":" + c.realm() + ":" + password);
        if (algorithm.equalsIgnoreCase("MD5-sess")) {
            ha1 = md5(ha1 + ":" + c.nonce() + ":" + cnonce);
        }
        String ha2 = md5(method + ":" + digestUri);
        StringBuilder h = new StringBuilder("Digest username=\"").append(username).append("\", realm=\"")
                .append(c.realm()).append("\", nonce=\"").append(c.nonce()).append("\", uri=\"").append(digestUri)
                .append("\", algorithm=").append(algorithm);
        if (c.qopAuth()) {
            String response = md5(ha1 + ":" + c.nonce() + ":" + ncHex + ":" + cnonce + ":auth:" + ha2);
            h.append(", qop=auth, nc=").append(ncHex).append(", cnonce=\"").append(cnonce).append("\", response=\"")
                    .append(response).append('"');
        } else {
            h.append(", response=\"").append(md5(ha1 + ":" + c.nonce() + ":" + ha2)).append('"');
        }
        if (c.opaque() != null) {
            h.append(", opaque=\"").append(c.opaque()).append('"');
        }
        return h.toString();
    }

    /** @return the Digest challenge among the WWW-Authenticate values, null if none has one with MD5 */
    static Challenge parse(Iterable<String> headers) {
        for (String header : headers) {
            if (!header.regionMatches(true, 0, "Digest ", 0, 7)) {
                continue;
            }
            Map<String, String> p = params(header.substring(7));
            String algorithm = p.get("algorithm");
            if (p.get("nonce") == null || algorithm != null && !algorithm.equalsIgnoreCase("MD5")
                    && !algorithm.equalsIgnoreCase("MD5-sess")) {
                continue;
            }
            String qop = p.get("qop");
            boolean auth = qop != null && java.util.Arrays.stream(qop.split(","))
                    .anyMatch(q -> q.trim().equalsIgnoreCase("auth"));
            return new Challenge(p.getOrDefault("realm", ""), p.get("nonce"), p.get("opaque"), algorithm, auth);
        }
        return null;
    }

    /** @return the {@code key=value} and {@code key="quoted, value"} pairs of an auth header, keys in lower case */
    static Map<String, String> params(String s) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(s.charAt(i++));
                }
                i++;
            } else {
                while (i < n && s.charAt(i) != ',') {
                    value.append(s.charAt(i++));
                }
            }
            out.put(key, value.toString().trim());
        }
        return out;
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
