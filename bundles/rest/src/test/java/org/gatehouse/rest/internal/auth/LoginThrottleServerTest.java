package org.gatehouse.rest.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.gatehouse.api.AuditEntry;
import org.gatehouse.rest.internal.InMemoryServices;
import org.gatehouse.rest.internal.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Wrong passwords on the real server: refused, then slowed down per user and address, and audited with the address. */
class LoginThrottleServerTest {
    static InMemoryServices mem;
    static TestServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        mem = new InMemoryServices();
        server = TestServer.start(mem.services());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> send(String method, String path, String user, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.base + path)).header("Authorization", "Basic " + basic)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void repeatedWrongPasswordsAreSlowedDownAndAuditedWithTheAddress() throws Exception {
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = send("GET", "/sites", "guard", "guess-" + i);
            assertEquals(401, r.statusCode(), r.body());
            assertTrue(r.body().contains("invalid-credentials"), r.body());
        }
        // the fourth failure asks for a second's wait: even the right password is refused before it is checked
        HttpResponse<String> throttled = send("GET", "/sites", "guard", "guard-pw");
        assertEquals(429, throttled.statusCode(), throttled.body());
        assertTrue(throttled.body().contains("\"error\":\"login-throttled\""), throttled.body());
        assertEquals("1", throttled.headers().firstValue("Retry-After").orElse(""));

        List<AuditEntry> failed = mem.audit.query("user", "guard", null, 0, 100).items().stream()
                .filter(e -> e.action().equals("login-failed")).toList();
        assertEquals(4, failed.size());
        assertTrue(failed.get(0).detail().startsWith("from 127.0.0.1, failure 4 in a row, next attempt in 1 s"),
                failed.get(0).detail());

        // other users are not slowed down by guard's failures
        assertEquals(200, send("GET", "/sites", "admin", "admin-pw").statusCode());

        // once the delay has passed the right password works and starts afresh
        long until = System.currentTimeMillis() + 10_000;
        HttpResponse<String> r;
        do {
            Thread.sleep(200);
            r = send("GET", "/sites", "guard", "guard-pw");
        } while (r.statusCode() == 429 && System.currentTimeMillis() < until);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(401, send("GET", "/sites", "guard", "again-wrong").statusCode(), "the count starts afresh");
    }

    @Test
    void aSignInIsAuditedWithTheAddress() throws Exception {
        HttpResponse<String> r = send("POST", "/auth/token", "teacher", "teacher-pw");
        assertEquals(200, r.statusCode(), r.body());
        List<AuditEntry> logins = mem.audit.query("user", "teacher", null, 0, 100).items().stream()
                .filter(e -> e.action().equals("login")).toList();
        assertEquals(1, logins.size());
        assertEquals("from 127.0.0.1", logins.get(0).detail());
    }
}
