package org.gatehouse.rest.internal.perimeter;

import static org.gatehouse.rest.internal.people.FaceResourceTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.rest.internal.InMemoryServices;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.TestServer;
import org.gatehouse.rest.internal.people.FaceResourceTest;
import org.gatehouse.rest.internal.people.FaceResourceTest.Res;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /perimeter/zones on the real server with the core's arming service on Derby: security, teachers and integrators
 * read, security (and admin) changes; bad input answers 400/404 and changes nothing.
 */
class PerimeterResourceTest {
    static Platform core;
    static TestServer server;

    @BeforeAll
    static void start() {
        core = TestDb.platform();
        TestDb.seedGate(core);
        core.sites.saveZone(new Zone("north", "s1", "North fence", ZoneKind.PERIMETER, true, List.of()), "t");
        core.sites.saveZone(new Zone("south", "s1", "South fence", ZoneKind.PERIMETER, false, List.of()), "t");
        core.sites.saveDevice(new Device("fence-n1", "s1", "north", "fence", "http", "Fence N1",
                DeviceStatus.UNKNOWN, Map.of()), "t");
        InMemoryServices mem = new InMemoryServices();
        server = TestServer.start(new Services(core.sites, core.events, mem.alarms, core.audit, mem.outbox,
                mem.health, mem.control, core.arming));
        FaceResourceTest.base = server.base;
        FaceResourceTest.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
        core.stop();
    }

    static Res send(String method, String path, String user, String json) throws Exception {
        return FaceResourceTest.send(method, path, user, json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readByThreeRolesChangedBySecurity() throws Exception {
        for (String user : List.of("guard", "teacher", "integ", "admin")) {
            Res list = send("GET", "/perimeter/zones", user, null);
            assertEquals(200, list.status(), list.body());
            assertEquals(2, list.json().size(), list.body());
        }
        Res north = send("GET", "/perimeter/zones/north", "teacher", null);
        assertEquals(200, north.status(), north.body());
        assertTrue(north.json().get("armed").asBoolean());
        assertTrue(north.json().get("alarming").asBoolean());
        assertEquals("fixed", north.json().get("source").asText());
        assertEquals("North fence", north.json().get("name").asText());

        for (String user : List.of("parent", "gate")) {
            assertError(send("GET", "/perimeter/zones", user, null), 403, "forbidden");
        }
        for (String user : List.of("teacher", "integ", "parent")) {
            assertError(send("POST", "/perimeter/zones/north/disarm", user, "{\"reason\":\"x\"}"), 403, "forbidden");
            assertError(send("POST", "/perimeter/zones/north/arm", user, null), 403, "forbidden");
            assertError(send("PUT", "/perimeter/zones/north/schedule", user, "{\"windows\":[]}"), 403, "forbidden");
            assertError(send("DELETE", "/perimeter/zones/north/bypass", user, null), 403, "forbidden");
        }

        String until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        Res off = send("POST", "/perimeter/zones/north/disarm", "guard", "{\"reason\":\"fence repair\",\"until\":\""
                + until + "\"}");
        assertEquals(200, off.status(), off.body());
        assertFalse(off.json().get("armed").asBoolean());
        assertEquals("manual", off.json().get("source").asText());
        assertEquals("guard", off.json().get("by").asText());
        assertEquals(until, off.json().get("manualUntil").asText());

        Res on = send("POST", "/perimeter/zones/north/arm", "admin", null);
        assertEquals(200, on.status(), on.body());
        assertTrue(on.json().get("armed").asBoolean());

        Res bypass = send("POST", "/perimeter/zones/north/bypass", "guard", "{\"reason\":\"gardener\",\"until\":\""
                + until + "\"}");
        assertEquals(200, bypass.status(), bypass.body());
        assertTrue(bypass.json().get("armed").asBoolean());
        assertFalse(bypass.json().get("alarming").asBoolean());
        assertEquals("gardener", bypass.json().get("bypass").get("reason").asText());
        Res ended = send("DELETE", "/perimeter/zones/north/bypass", "guard", null);
        assertEquals(200, ended.status(), ended.body());
        assertTrue(ended.json().path("bypass").isMissingNode(), ended.body());

        Res schedule = send("PUT", "/perimeter/zones/south/schedule", "guard", "{\"windows\":[{\"days\":\"school\","
                + "\"from\":\"18:30\",\"to\":\"06:30\"},{\"days\":\"holiday\",\"from\":\"00:00\",\"to\":\"00:00\"}]}");
        assertEquals(200, schedule.status(), schedule.body());
        assertEquals("schedule", schedule.json().get("source").asText());
        assertEquals("18:30", schedule.json().get("schedule").get("windows").get(0).get("from").asText());
        assertEquals("holiday", schedule.json().get("schedule").get("windows").get(1).get("days").asText());
        assertTrue(schedule.json().get("armed").asBoolean(), "no school term: every day is without school");
        assertTrue(schedule.json().path("nextChange").isMissingNode(), "so it never changes: " + schedule.body());
        Res none = send("PUT", "/perimeter/zones/south/schedule", "guard", "{\"windows\":[]}");
        assertEquals("fixed", none.json().get("source").asText(), none.body());
        assertEquals(List.of("zone-disarm", "zone-arm", "zone-bypass", "zone-bypass-end"), core.audit.query("zone",
                "north", null, 0, 50).items().stream().map(e -> e.action()).filter(a -> !a.equals("zone-add"))
                .sorted(java.util.Comparator.comparing(List.of("zone-disarm", "zone-arm", "zone-bypass",
                        "zone-bypass-end")::indexOf)).toList());
    }

    @Test
    void badInputIsRefused() throws Exception {
        assertError(send("GET", "/perimeter/zones/nowhere", "guard", null), 404, "unknown-zone");
        assertError(send("GET", "/perimeter/zones/main-gate", "guard", null), 400, "not-perimeter");
        assertError(send("POST", "/perimeter/zones/south/disarm", "guard", "{}"), 400, "reason-required");
        assertError(send("POST", "/perimeter/zones/south/disarm", "guard", null), 400, "reason-required");
        assertError(send("POST", "/perimeter/zones/south/disarm", "guard", "{\"reason\":\"r\",\"until\":\"tomorrow\"}"),
                400, "bad-until");
        assertError(send("POST", "/perimeter/zones/south/arm", "guard", "{\"until\":\"2020-01-01T00:00:00Z\"}"), 400,
                "bad-until");
        assertError(send("POST", "/perimeter/zones/south/bypass", "guard", "{\"reason\":\"r\"}"), 400, "bad-until");
        assertError(send("POST", "/perimeter/zones/south/bypass", "guard", "{\"until\":\""
                + Instant.now().plusSeconds(600) + "\"}"), 400, "reason-required");
        assertError(send("POST", "/perimeter/zones/south/bypass", "guard", "{\"reason\":\"r\",\"until\":\""
                + Instant.now().plus(73, ChronoUnit.HOURS) + "\"}"), 400, "bad-until");
        assertError(send("POST", "/perimeter/zones/main-gate/arm", "guard", null), 400, "not-perimeter");
        assertError(send("PUT", "/perimeter/zones/south/schedule", "guard", "{\"windows\":[{\"days\":\"weekdays\","
                + "\"from\":\"18:30\",\"to\":\"06:30\"}]}"), 400, "bad-days");
        assertError(send("PUT", "/perimeter/zones/south/schedule", "guard", "{\"windows\":[{\"days\":\"all\","
                + "\"from\":\"25:00\",\"to\":\"06:30\"}]}"), 400, "bad-window");
        assertError(send("PUT", "/perimeter/zones/south/schedule", "guard", "{\"windows\":[{\"days\":\"all\"}]}"),
                400, "bad-window");
        assertError(send("PUT", "/perimeter/zones/south/schedule", "guard", "{}"), 400, "bad-schedule");
        assertError(send("PUT", "/perimeter/zones/south/schedule", "guard", "not json"), 400, "malformed-json");
        assertError(send("PUT", "/perimeter/zones/nowhere/schedule", "guard", "{\"windows\":[]}"), 404,
                "unknown-zone");
        Res south = send("GET", "/perimeter/zones/south", "guard", null);
        assertEquals("fixed", south.json().get("source").asText(), "nothing changed: " + south.body());
        assertFalse(south.json().get("armed").asBoolean());
        assertTrue(south.json().path("bypass").isMissingNode());
    }
}
