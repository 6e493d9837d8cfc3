package org.gatehouse.rest.internal.danger;

import static org.gatehouse.rest.internal.people.FaceResourceTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
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
 * /danger-zones on the real server with the core's danger-zone service on Derby: security and teachers read,
 * security and admin write; rules round-trip with their defaults; bad rules answer 400/404 and change nothing.
 */
class DangerZoneResourceTest {
    static Platform core;
    static TestServer server;

    @BeforeAll
    static void start() {
        core = TestDb.platform();
        TestDb.seedGate(core);
        core.sites.saveZone(new Zone("pond", "s1", "Pond", ZoneKind.DANGER, false, List.of("staff-wang")), "t");
        core.sites.saveZone(new Zone("chem-store", "s1", "Chemical store", ZoneKind.DANGER, false, List.of()), "t");
        core.sites.saveDevice(new Device("cam-pond", "s1", "pond", "camera", "http", "Pond camera",
                DeviceStatus.UNKNOWN, Map.of()), "t");
        core.persons.savePerson(new Person("staff-li", "Li", PersonRole.STAFF, null, null, null, "teachers"), "t");
        InMemoryServices mem = new InMemoryServices();
        server = TestServer.start(new Services(core.sites, core.events, mem.alarms, core.audit, mem.outbox,
                mem.health, mem.control, core.persons, core.dangerZones));
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
    void rulesRoundTripSecurityWritesTeachersRead() throws Exception {
        Res pond = send("PUT", "/danger-zones/pond", "guard", "{\"kind\":\"water\",\"cameraIds\":[\"cam-pond\"]}");
        assertEquals(200, pond.status(), pond.body());
        assertEquals("pond", pond.json().get("zoneId").asText());
        assertEquals("WATER", pond.json().get("kind").asText());
        assertEquals(0, pond.json().get("allowed").size(), "never allowed");
        assertEquals("cam-pond", pond.json().get("cameraIds").get(0).asText());
        assertEquals("MAJOR", pond.json().get("severity").asText());
        assertEquals(10, pond.json().get("foldMinutes").asInt());
        assertTrue(pond.json().get("enabled").asBoolean());
        Res chem = send("PUT", "/danger-zones/chem-store", "admin", "{\"zoneId\":\"chem-store\","
                + "\"kind\":\"CHEMICAL_STORE\",\"allowed\":[{\"days\":\"school\",\"from\":\"08:00\",\"to\":\"17:00\"}],"
                + "\"allowedPersons\":[\"staff-li\"],\"severity\":\"critical\",\"foldMinutes\":30,\"enabled\":false}");
        assertEquals(200, chem.status(), chem.body());
        assertEquals("school", chem.json().get("allowed").get(0).get("days").asText());
        assertEquals("08:00", chem.json().get("allowed").get(0).get("from").asText());
        assertEquals("17:00", chem.json().get("allowed").get(0).get("to").asText());
        assertEquals("staff-li", chem.json().get("allowedPersons").get(0).asText());
        assertEquals("CRITICAL", chem.json().get("severity").asText());

        for (String user : List.of("guard", "teacher", "admin")) {
            Res list = send("GET", "/danger-zones", user, null);
            assertEquals(200, list.status(), list.body());
            assertEquals(2, list.json().size(), list.body());
            Res one = send("GET", "/danger-zones/chem-store", user, null);
            assertEquals(200, one.status(), one.body());
            assertEquals(30, one.json().get("foldMinutes").asInt());
            assertTrue(!one.json().get("enabled").asBoolean());
        }
        for (String user : List.of("parent", "integ")) {
            assertError(send("GET", "/danger-zones", user, null), 403, "forbidden");
            assertError(send("GET", "/danger-zones/pond", user, null), 403, "forbidden");
        }
        for (String user : List.of("teacher", "parent", "integ")) {
            assertError(send("PUT", "/danger-zones/pond", user, "{\"kind\":\"WATER\"}"), 403, "forbidden");
            assertError(send("DELETE", "/danger-zones/pond", user, null), 403, "forbidden");
        }
        assertEquals(204, send("DELETE", "/danger-zones/chem-store", "guard", null).status());
        assertError(send("DELETE", "/danger-zones/chem-store", "guard", null), 404, "no-rule");
        assertError(send("GET", "/danger-zones/chem-store", "teacher", null), 404, "no-rule");
        assertError(send("GET", "/danger-zones/nowhere", "teacher", null), 404, "unknown-zone");
        assertEquals("danger-zone-delete", core.audit.query("danger-zone", "chem-store", null, 0, 1).items().get(0)
                .action());
    }

    @Test
    void badRulesAreRefusedAndChangeNothing() throws Exception {
        String w = "{\"kind\":\"LAB\",";
        assertError(send("PUT", "/danger-zones/nowhere", "guard", "{\"kind\":\"WATER\"}"), 404, "unknown-zone");
        assertError(send("PUT", "/danger-zones/main-gate", "guard", "{\"kind\":\"WATER\"}"), 400, "not-danger-zone");
        assertError(send("PUT", "/danger-zones/chem-store", "guard", w + "\"allowedPersons\":[\"ghost\"]}"), 404,
                "unknown-person");
        assertError(send("PUT", "/danger-zones/chem-store", "guard", w + "\"cameraIds\":[\"cam-x\"]}"), 404,
                "unknown-device");
        assertError(send("PUT", "/danger-zones/chem-store", "guard", w + "\"allowed\":[{\"days\":\"weekdays\","
                + "\"from\":\"08:00\",\"to\":\"17:00\"}]}"), 400, "bad-window");
        assertError(send("PUT", "/danger-zones/chem-store", "guard", w + "\"allowed\":[{\"days\":\"all\","
                + "\"from\":\"8am\",\"to\":\"17:00\"}]}"), 400, "bad-window");
        assertError(send("PUT", "/danger-zones/chem-store", "guard", w + "\"allowed\":[{\"days\":\"all\"}]}"), 400,
                "bad-window");
        assertError(send("PUT", "/danger-zones/chem-store", "guard", w + "\"foldMinutes\":0}"), 400, "bad-fold");
        assertError(send("PUT", "/danger-zones/chem-store", "guard", w + "\"foldMinutes\":2000}"), 400, "bad-fold");
        assertError(send("PUT", "/danger-zones/chem-store", "guard", w + "\"severity\":\"LOUD\"}"), 400,
                "invalid-parameter");
        assertError(send("PUT", "/danger-zones/chem-store", "guard", "{\"kind\":\"VOLCANO\"}"), 400,
                "invalid-parameter");
        assertError(send("PUT", "/danger-zones/chem-store", "guard", "{}"), 400, "bad-kind");
        assertError(send("PUT", "/danger-zones/chem-store", "guard", w + "\"zoneId\":\"pond\"}"), 400,
                "id-mismatch");
        assertError(send("PUT", "/danger-zones/chem-store", "guard", "not json"), 400, "malformed-json");
        assertTrue(core.dangerZones.rule("chem-store").isEmpty(), "nothing saved");
    }
}
