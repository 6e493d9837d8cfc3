package org.gatehouse.rest.internal.account;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A small HTTP client of one test server: Basic or bearer calls, JSON answers. */
public final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(String base) {
        this.base = base;
    }

    /** An answer: status, body as text and bytes, JSON when it is JSON. */
    public record Res(int status, byte[] bytes, String type) {
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return bytes.length == 0 ? null : JSON.readTree(bytes);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + body(), e);
            }
        }

        public Res expect(int expected) {
            assertEquals(expected, status, body());
            return this;
        }

        public Res error(int expected, String code) {
            assertEquals(expected, status, body());
            assertEquals(code, json().get("error").asText(), body());
            return this;
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A call as a TestAuthenticator user (password: name + "-pw"). */
    public Res as(String user, String method, String path, String json) throws Exception {
        return call(basic(user, user + "-pw"), method, path, json);
    }

    /** A call as a TestAuthenticator user with a body of any type. */
    public Res send(String user, String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", basic(user, user + "-pw")).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> a = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
        return new Res(a.statusCode(), a.body(), a.headers().firstValue("Content-Type").orElse(""));
    }

    /** A call with any Authorization header (null: none). */
    public Res call(String authorization, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Res(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }
}
