package org.gatehouse.rest.internal.stranger;

import static org.gatehouse.rest.internal.people.FaceResourceTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.access.GateSettings;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.core.testing.TestEngine;
import org.gatehouse.rest.internal.InMemoryServices;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.TestServer;
import org.gatehouse.rest.internal.people.FaceResourceTest;
import org.gatehouse.rest.internal.people.FaceResourceTest.Res;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /stranger-rules and /stranger-alerts on the real server with the core's stranger service on Derby: security and
 * admin only, rules round-trip with their defaults, bad rules answer 400/404 and change nothing, and a night capture
 * of an unknown face through the core's gate decision is listed as an alert.
 */
class StrangerResourceTest {
    static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    static Platform core;
    static TestServer server;

    @BeforeAll
    static void start() {
        core = TestDb.platform();
        TestDb.seedGate(core);
        core.sites.saveZone(new Zone("dorm", "s1", "Dormitory", ZoneKind.BUILDING, false, List.of()), "t");
        core.sites.saveDevice(new Device("dorm-door", "s1", "dorm", "facegate", "http", "Dorm door",
                DeviceStatus.UNKNOWN, Map.of("direction", "in")), "t");
        core.passages.configure(new GateSettings(Path.of("target/test-snapshots/" + UUID.randomUUID())
                .toAbsolutePath(), 30, 37.3f, SH));
        core.faces.engineAdded("onnx", new TestEngine("onnx", "test-a", false));
        InMemoryServices mem = new InMemoryServices();
        server = TestServer.start(new Services(core.sites, core.events, mem.alarms, core.audit, mem.outbox,
                mem.health, mem.control, core.persons, core.faces, core.passages, core.strangers));
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
    void rulesRoundTripForSecurityOnly() throws Exception {
        Res saved = send("PUT", "/stranger-rules/dorm-night", "guard",
                "{\"name\":\"宿舍夜间\",\"zoneId\":\"dorm\",\"days\":\"all\",\"from\":\"22:00\",\"to\":\"06:00\"}");
        assertEquals(200, saved.status(), saved.body());
        assertEquals("22:00", saved.json().get("from").asText());
        assertEquals("06:00", saved.json().get("to").asText());
        assertEquals("MAJOR", saved.json().get("severity").asText());
        assertEquals(30, saved.json().get("foldMinutes").asInt());
        assertTrue(saved.json().get("enabled").asBoolean());
        Res campus = send("PUT", "/stranger-rules/weekend", "admin", "{\"id\":\"weekend\",\"zoneId\":\"*\","
                + "\"days\":\"sat,sun\",\"from\":\"00:00\",\"to\":\"00:00\",\"severity\":\"warning\","
                + "\"foldMinutes\":60,\"enabled\":false}");
        assertEquals(200, campus.status(), campus.body());
        assertTrue(campus.json().path("zoneId").isMissingNode() || campus.json().path("zoneId").isNull(), "every zone");
        assertEquals("SAT,SUN", campus.json().get("days").asText());

        Res list = send("GET", "/stranger-rules", "guard", null);
        assertEquals(200, list.status(), list.body());
        assertEquals("宿舍夜间", rule(list, "dorm-night").get("name").asText());
        assertEquals("WARNING", rule(list, "weekend").get("severity").asText());

        for (String user : List.of("teacher", "parent", "integ")) {
            assertError(send("GET", "/stranger-rules", user, null), 403, "forbidden");
            assertError(send("GET", "/stranger-alerts", user, null), 403, "forbidden");
            assertError(send("PUT", "/stranger-rules/x", user, "{\"days\":\"all\",\"from\":\"22:00\",\"to\":\"06:00\"}"),
                    403, "forbidden");
            assertError(send("DELETE", "/stranger-rules/weekend", user, null), 403, "forbidden");
        }
        assertEquals(204, send("DELETE", "/stranger-rules/weekend", "guard", null).status());
        assertError(send("DELETE", "/stranger-rules/weekend", "guard", null), 404, "unknown-rule");
        assertEquals(null, rule(send("GET", "/stranger-rules", "guard", null), "weekend"));
    }

    private static com.fasterxml.jackson.databind.JsonNode rule(Res list, String id) {
        for (com.fasterxml.jackson.databind.JsonNode r : list.json()) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        return null;
    }

    @Test
    void badRulesAreRefused() throws Exception {
        String ok = "\"days\":\"all\",\"from\":\"22:00\",\"to\":\"06:00\"";
        assertError(send("PUT", "/stranger-rules/r1", "guard", "{\"days\":\"weekdays\",\"from\":\"22:00\","
                + "\"to\":\"06:00\"}"), 400, "bad-days");
        assertError(send("PUT", "/stranger-rules/r1", "guard", "{\"days\":\"all\",\"from\":\"25:00\","
                + "\"to\":\"06:00\"}"), 400, "bad-window");
        assertError(send("PUT", "/stranger-rules/r1", "guard", "{\"days\":\"all\",\"from\":\"22:00\"}"), 400,
                "bad-window");
        assertError(send("PUT", "/stranger-rules/r1", "guard", "{\"zoneId\":\"nowhere\"," + ok + "}"), 404,
                "unknown-zone");
        assertError(send("PUT", "/stranger-rules/r1", "guard", "{\"foldMinutes\":0," + ok + "}"), 400, "bad-fold");
        assertError(send("PUT", "/stranger-rules/r1", "guard", "{\"foldMinutes\":2000," + ok + "}"), 400,
                "bad-fold");
        assertError(send("PUT", "/stranger-rules/r1", "guard", "{\"severity\":\"LOUD\"," + ok + "}"), 400,
                "invalid-parameter");
        assertError(send("PUT", "/stranger-rules/r1", "guard", "{\"id\":\"r2\"," + ok + "}"), 400, "id-mismatch");
        assertError(send("PUT", "/stranger-rules/a%20b", "guard", "{" + ok + "}"), 400, "bad-rule-id");
        assertError(send("PUT", "/stranger-rules/r1", "guard", "not json"), 400, "malformed-json");
        assertTrue(core.strangers.rule("r1").isEmpty(), "nothing saved");
        assertError(send("GET", "/stranger-alerts?limit=5000", "guard", null), 400, "invalid-parameter");
    }

    @Test
    void aNightCaptureOfAnUnknownFaceIsListed() throws Exception {
        core.strangers.save(new org.gatehouse.api.stranger.StrangerRule("alerts-test", null, "dorm", "all",
                java.time.LocalTime.of(22, 0), java.time.LocalTime.of(6, 0), null, 0, true), "t");
        core.passages.decide("dorm-door", new Frame(TestEngine.png(TestEngine.face(9, 1)), "png"), null,
                LocalDateTime.of(2026, 3, 2, 23, 0).atZone(SH).toInstant());
        Res page = send("GET", "/stranger-alerts?offset=0&limit=10", "guard", null);
        assertEquals(200, page.status(), page.body());
        assertEquals(1, page.json().get("total").asInt(), page.body());
        assertEquals("alerts-test", page.json().get("items").get(0).get("ruleId").asText());
        assertEquals(1, page.json().get("items").get(0).get("count").asInt());
        assertEquals("2026-03-02T15:00:00Z", page.json().get("items").get(0).get("firstAt").asText());
        assertEquals(10, page.json().get("limit").asInt());
    }
}
