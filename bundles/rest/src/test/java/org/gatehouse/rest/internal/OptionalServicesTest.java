package org.gatehouse.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.apache.cxf.endpoint.Server;
import org.gatehouse.api.Site;
import org.gatehouse.api.service.DeviceControl;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.rest.internal.RestServerTest.Res;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real server (CXF + Jetty on loopback) with only some services: a missing one answers 503
 * {@code service-unavailable} on its paths only, and one that is registered later is used without a restart.
 */
class OptionalServicesTest {
    static InMemoryServices mem;
    static Services services;
    static TestServer server;
    static String base;
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        mem = new InMemoryServices();
        services = new Services(mem.alarms, mem.audit, mem.health);
        server = TestServer.start(services);
        base = server.base;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void withoutSites() {
        services.put(SiteService.class, null);
    }

    static Res send(String path, String user, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (user != null) {
            b.header("Authorization", RestServerTest.basic(user));
        }
        if (body != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Res(r.statusCode(), r.body().isEmpty() ? null : RestServerTest.JSON.readTree(r.body()), r);
    }

    static Res get(String path) throws Exception {
        return send(path, "admin", null);
    }

    static void assertUnavailable(Res r, String service) {
        RestServerTest.assertError(r, 503, "service-unavailable");
        assertTrue(r.json().get("message").asText().contains(service), r.json().toString());
    }

    @Test
    void aMissingServiceGives503OnItsPathsOnly() throws Exception {
        for (String path : List.of("/sites", "/sites/north", "/zones", "/devices", "/devices/gate-1")) {
            assertUnavailable(get(path), "SiteService");
        }
        assertUnavailable(send("/devices/gate-1/commands", "admin", "{\"name\":\"open\"}"), "DeviceControl");
        assertUnavailable(get("/events"), "EventService");
        assertUnavailable(get("/persons"), "PersonService");
        assertUnavailable(get("/faces/status"), "FaceService");
        assertUnavailable(get("/passages"), "PassageService");
        assertUnavailable(get("/attendance"), "PassageService");
        assertUnavailable(get("/outbox"), "OutboxService");
        assertUnavailable(get("/templates"), "TemplateService");
        assertUnavailable(get("/notices"), "NoticeService");
        assertUnavailable(get("/duty"), "DutyService");

        assertEquals(200, get("/alarms").status());
        assertEquals(200, get("/audit").status());
        assertEquals(200, get("/plugins").status());
        assertEquals(200, send("/health", null, null).status());
        assertEquals(200, send("/openapi.json", null, null).status());
        assertEquals(200, send("/auth/token", "guard", "").status());
        RestServerTest.assertError(send("/sites", null, null), 401, "missing-credentials");
    }

    @Test
    void aServiceRegisteredLaterIsUsedWithoutARestart() throws Exception {
        Server before = server.server.server();
        assertUnavailable(get("/sites"), "SiteService");

        mem.sites.sites.put("north", new Site("north", "North campus", "Asia/Shanghai", null));
        services.put(SiteService.class, mem.sites);
        Res sites = get("/sites");
        assertEquals(200, sites.status(), sites.raw().body());
        assertEquals("north", sites.json().get(0).get("id").asText());

        InMemoryServices other = new InMemoryServices();
        other.sites.sites.put("south", new Site("south", "South campus", "UTC", null));
        services.put(SiteService.class, other.sites);
        assertEquals("south", get("/sites").json().get(0).get("id").asText(), "a replacement is used at once");

        services.put(DeviceControl.class, other.control);
        other.sites.devices.put("drv-gate", new org.gatehouse.api.Device("drv-gate", "south", null, "facegate",
                "sim", "G", null, null));
        Res command = send("/devices/drv-gate/commands", "admin", "{\"name\":\"open\"}");
        assertEquals(200, command.status(), command.raw().body());
        services.put(DeviceControl.class, null);

        services.put(SiteService.class, null);
        assertUnavailable(get("/sites"), "SiteService");
        assertSame(before, server.server.server(), "the server was not restarted");
    }
}
