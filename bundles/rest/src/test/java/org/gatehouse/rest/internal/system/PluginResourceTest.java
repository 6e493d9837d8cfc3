package org.gatehouse.rest.internal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gatehouse.rest.internal.InMemoryServices;
import org.gatehouse.rest.internal.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plugin management paths on the real server: roles, answers, errors, masking and 503 without a container. */
class PluginResourceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final MemoryPlatform PLATFORM = new MemoryPlatform();
    static TestServer server;
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        server = TestServer.start(new InMemoryServices().services());
        server.server.pluginPlatform(PLATFORM);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void featuresAreListedInstalledAndUninstalled() throws Exception {
        HttpResponse<String> list = call("GET", "/plugins/features", "integ", null);
        assertEquals(200, list.statusCode());
        JsonNode features = JSON.readTree(list.body());
        assertEquals("gatehouse", features.get(0).get("name").asText());
        assertTrue(features.get(0).get("required").asBoolean());
        assertEquals(5, features.size(), "only the Gatehouse features");
        assertEquals(403, call("GET", "/plugins/features", "guard", null).statusCode());
        HttpResponse<String> installed = call("POST", "/plugins/features/gatehouse-notify-mqtt", "integ", null);
        assertEquals(200, installed.statusCode(), installed.body());
        assertTrue(JSON.readTree(installed.body()).get("installed").asBoolean());
        assertError(call("DELETE", "/plugins/features/gatehouse-core", "integ", null), 409, "required-feature");
        assertError(call("POST", "/plugins/features/gatehouse-nothing", "integ", null), 404, "unknown-feature");
        HttpResponse<String> removed = call("DELETE", "/plugins/features/gatehouse-notify-mqtt", "admin", null);
        assertFalse(JSON.readTree(removed.body()).get("installed").asBoolean());
    }

    @Test
    void instancesAreCreatedFromTheFormEditedAndDeleted() throws Exception {
        JsonNode factories = JSON.readTree(call("GET", "/plugins/factories", "integ", null).body());
        assertEquals(MemoryPlatform.SMS, factories.get(0).get("factoryPid").asText());
        assertEquals("password", factories.get(0).get("attributes").get(2).get("type").asText());
        assertError(call("POST", "/plugins/instances", "integ", "{\"factoryPid\":\"" + MemoryPlatform.SMS
                + "\",\"alias\":\"bad\",\"properties\":{\"timeout.ms\":\"x\"}}"), 400, "invalid-config");
        HttpResponse<String> created = call("POST", "/plugins/instances", "integ", "{\"factoryPid\":\""
                + MemoryPlatform.SMS + "\",\"alias\":\"school-sms\",\"properties\":{\"url\":\"https://sms.example\","
                + "\"api.key\":\"k-9\",\"timeout.ms\":2000}}");
        assertEquals(201, created.statusCode(), created.body());
        String pid = JSON.readTree(created.body()).get("pid").asText();
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/plugins/instances/" + pid));
        assertError(call("POST", "/plugins/instances", "integ", "{\"factoryPid\":\"" + MemoryPlatform.SMS
                + "\",\"alias\":\"school-sms\",\"properties\":{\"url\":\"https://b\"}}"), 409, "instance-exists");
        JsonNode listed = JSON.readTree(call("GET", "/plugins/instances", "integ", null).body()).get(0);
        assertEquals("school-sms", listed.get("alias").asText());
        assertEquals(PluginAdmin.MASK, listed.get("properties").get("api.key").asText());
        assertEquals("active", listed.get("status").asText());
        assertFalse(call("GET", "/plugins/instances", "integ", null).body().contains("k-9"));
        HttpResponse<String> updated = call("PUT", "/plugins/instances/" + pid, "integ",
                "{\"properties\":{\"url\":\"https://c.example\",\"api.key\":\"********\"}}");
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals("k-9", PLATFORM.instances.get(pid).properties().get("api.key"));
        assertEquals(204, call("DELETE", "/plugins/instances/" + pid, "integ", null).statusCode());
        assertError(call("DELETE", "/plugins/instances/" + pid, "integ", null), 404, "unknown-instance");
        assertError(call("POST", "/plugins/instances", "integ", "{\"factoryPid\":\"x\",\"nope\":1}"), 400,
                "unknown-field");
    }

    @Test
    void withoutAContainerThePathsAnswer503() throws Exception {
        try (TestServer bare = TestServer.start(new InMemoryServices().services())) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(bare.base + "/plugins/instances"))
                    .header("Authorization", basic("integ")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertError(r, 503, "service-unavailable");
        }
    }

    static HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base + path))
                .header("Authorization", basic(user));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pw")
                .getBytes(StandardCharsets.UTF_8));
    }

    static void assertError(HttpResponse<String> r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(code, JSON.readTree(r.body()).get("error").asText(), r.body());
    }
}
