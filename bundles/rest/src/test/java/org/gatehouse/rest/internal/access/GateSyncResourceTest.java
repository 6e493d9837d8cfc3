package org.gatehouse.rest.internal.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.access.SyncState;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.core.testing.TestEngine;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.TestServer;
import org.gatehouse.rest.internal.people.FaceResourceTest;
import org.gatehouse.rest.internal.people.FaceResourceTest.Res;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gate list, roster sync and validity paths on the real server with the core's roster service on Derby (faces
 * enrolled through the test engine); a second server without the roster service answers 503 on those paths only.
 */
class GateSyncResourceTest {
    static Platform core;
    static TestServer server;
    static TestServer withoutRoster;

    @BeforeAll
    static void start() {
        core = TestDb.platform();
        TestDb.seedGate(core);
        core.faces.engineAdded("onnx", new TestEngine("onnx", "test-a", false));
        core.sites.saveDevice(new Device("t1", "s1", "main-gate", "facegate", "hikvision", "Terminal 1",
                DeviceStatus.ONLINE, Map.of("direction", "in")), "t");
        core.sites.saveDevice(new Device("fence-1", "s1", null, "fence", "http", "Fence", DeviceStatus.UNKNOWN,
                Map.of()), "t");
        core.persons.savePerson(new Person("g1", "Guardian", PersonRole.GUARDIAN, "+8613800000001", null, null,
                null), "t");
        core.persons.savePerson(new Person("stu1", "Student 1", PersonRole.STUDENT, null, null, null, "3-2"), "t");
        core.persons.bind(new GuardianBinding("g1", "stu1", "mother", "sms", false), "t");
        core.faces.recordConsent("stu1", "g1", true, "t");
        core.faces.enroll("stu1", new Frame(TestEngine.png(TestEngine.face(1, 0)), "png"), "t");
        server = TestServer.start(new Services(core.sites, core.persons, core.audit, core.faces, core.passages,
                core.roster));
        withoutRoster = TestServer.start(new Services(core.sites, core.persons, core.audit, core.faces,
                core.passages));
        FaceResourceTest.http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
        withoutRoster.close();
        core.stop();
    }

    private static Res send(TestServer s, String method, String path, String user, String json) throws Exception {
        FaceResourceTest.base = s.base;
        return FaceResourceTest.send(method, path, user, json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    /** The API leaves null fields out. */
    private static boolean absent(com.fasterxml.jackson.databind.JsonNode n, String field) {
        return !n.hasNonNull(field);
    }

    @Test
    void gatesSyncProgressPersonsAndRetry() throws Exception {
        Res gates = send(server, "GET", "/gates", "guard", null);
        assertEquals(200, gates.status(), gates.body());
        assertEquals(2, gates.json().size(), gates.body());
        assertEquals("gate-1", gates.json().get(0).get("device").get("id").asText());
        assertEquals("server", gates.json().get(0).get("mode").asText());
        assertTrue(absent(gates.json().get(0), "sync"));
        assertEquals("t1", gates.json().get(1).get("device").get("id").asText());
        assertEquals("hikvision", gates.json().get(1).get("vendor").asText());
        assertEquals("terminal", gates.json().get(1).get("mode").asText());
        assertEquals(1, gates.json().get(1).get("sync").get("desired").asInt());
        assertEquals(1, gates.json().get(1).get("sync").get("pending").asInt());
        FaceResourceTest.assertError(send(server, "GET", "/gates", "teacher", null), 403, "forbidden");

        String hash = core.roster.roster("t1").get(0).faceHash();
        core.roster.report("t1", "stu1", SyncState.FAILED, hash, "faceQualityTooLow");
        core.roster.reportRun("t1", null);
        Res sync = send(server, "GET", "/gates/t1/sync", "guard", null);
        assertEquals(200, sync.status(), sync.body());
        assertEquals(1, sync.json().get("failed").asInt());
        assertEquals(0, sync.json().get("pending").asInt());
        assertTrue(sync.json().hasNonNull("lastRun"), sync.body());

        Res failed = send(server, "GET", "/gates/t1/sync/persons?state=failed", "guard", null);
        assertEquals(200, failed.status(), failed.body());
        assertEquals(1, failed.json().get("total").asInt());
        assertEquals("Student 1", failed.json().get("items").get(0).get("name").asText());
        assertEquals("faceQualityTooLow", failed.json().get("items").get(0).get("error").asText());
        assertEquals(0, send(server, "GET", "/gates/t1/sync/persons?state=SYNCED", "guard", null).json()
                .get("total").asInt());
        FaceResourceTest.assertError(send(server, "GET", "/gates/t1/sync/persons?state=bogus", "guard", null), 400,
                "invalid-parameter");
        FaceResourceTest.assertError(send(server, "GET", "/gates/nope/sync", "guard", null), 404, "unknown-device");
        FaceResourceTest.assertError(send(server, "GET", "/gates/fence-1/sync", "guard", null), 400,
                "not-a-facegate");

        FaceResourceTest.assertError(send(server, "POST", "/gates/t1/sync/retry", "guard", null), 403, "forbidden");
        long v = core.roster.version();
        Res retry = send(server, "POST", "/gates/t1/sync/retry", "admin", null);
        assertEquals(202, retry.status(), retry.body());
        assertTrue(retry.json().get("retried").asBoolean());
        assertTrue(core.roster.version() > v);
        assertEquals(1, send(server, "GET", "/gates/t1/sync", "guard", null).json().get("pending").asInt());
    }

    @Test
    void validityIsReadAndSetAndBadOnesRefused() throws Exception {
        Res none = send(server, "GET", "/persons/stu1/validity", "guard", null);
        assertEquals(200, none.status(), none.body());
        assertTrue(absent(none.json(), "from") && absent(none.json(), "to"), none.body());

        Res set = send(server, "PUT", "/persons/stu1/validity", "admin",
                "{\"from\":null,\"to\":\"2020-01-01T00:00:00Z\"}");
        assertEquals(200, set.status(), set.body());
        assertEquals("2020-01-01T00:00:00Z", send(server, "GET", "/persons/stu1/validity", "guard", null).json()
                .get("to").asText());
        assertEquals(0, core.roster.roster("t1").size(), "an ended validity leaves the roster");

        FaceResourceTest.assertError(send(server, "PUT", "/persons/stu1/validity", "admin",
                "{\"from\":\"2030-01-01T00:00:00Z\",\"to\":\"2020-01-01T00:00:00Z\"}"), 400, "bad-validity");
        FaceResourceTest.assertError(send(server, "PUT", "/persons/nobody/validity", "admin", "{\"to\":null}"), 404,
                "unknown-person");
        FaceResourceTest.assertError(send(server, "GET", "/persons/nobody/validity", "guard", null), 404,
                "unknown-person");
        Res badDate = send(server, "PUT", "/persons/stu1/validity", "admin", "{\"to\":\"next week\"}");
        assertEquals(400, badDate.status(), badDate.body());
        FaceResourceTest.assertError(send(server, "PUT", "/persons/stu1/validity", "guard", "{}"), 403,
                "forbidden");
        assertEquals("2020-01-01T00:00:00Z", core.roster.validity("stu1").orElseThrow()[1].toString(),
                "a refused change loses nothing");
        assertEquals(200, send(server, "PUT", "/persons/stu1/validity", "admin", "{}").status());
        assertEquals(1, core.roster.roster("t1").size());
        assertEquals("Student 1", send(server, "GET", "/persons/stu1", "guard", null).json().get("name").asText(),
                "the person paths are untouched");
    }

    @Test
    void withoutTheRosterServiceOnlyItsPathsAre503() throws Exception {
        Res gates = send(withoutRoster, "GET", "/gates", "guard", null);
        assertEquals(200, gates.status(), gates.body());
        assertTrue(absent(gates.json().get(1), "sync"));
        FaceResourceTest.assertError(send(withoutRoster, "GET", "/gates/t1/sync", "guard", null), 503,
                "service-unavailable");
        FaceResourceTest.assertError(send(withoutRoster, "POST", "/gates/t1/sync/retry", "admin", null), 503,
                "service-unavailable");
        FaceResourceTest.assertError(send(withoutRoster, "GET", "/persons/stu1/validity", "guard", null), 503,
                "service-unavailable");
        assertEquals(200, send(withoutRoster, "GET", "/persons/stu1", "guard", null).status());
    }
}
