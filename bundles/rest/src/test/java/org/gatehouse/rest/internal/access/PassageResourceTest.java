package org.gatehouse.rest.internal.access;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.cxf.Bus;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.access.GateSettings;
import org.gatehouse.core.internal.access.PassageServiceImpl;
import org.gatehouse.core.internal.access.roster.RosterServiceImpl;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.rest.internal.InMemoryServices;
import org.gatehouse.rest.internal.PrivateBus;
import org.gatehouse.rest.internal.RestConfig;
import org.gatehouse.rest.internal.RestServer;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.TestAuthenticator;
import org.gatehouse.rest.internal.auth.TokenService;
import org.gatehouse.rest.internal.people.FaceResourceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gate paths on the real server with the core's passage service on Derby (the gallery is the in-memory face
 * service of the REST tests): capture by raw body and multipart, roles, limits, query, snapshot with audit,
 * attendance.
 */
class PassageResourceTest {
    static Platform core;
    static RosterServiceImpl roster;
    static InMemoryServices mem;
    static RestServer server;
    static Bus bus;
    static Path dir = Path.of("target/test-snapshots/" + UUID.randomUUID()).toAbsolutePath();

    @BeforeAll
    static void start() throws Exception {
        core = TestDb.platform();
        TestDb.seedGate(core);
        core.sites.saveDevice(new Device("fence-1", "s1", null, "fence", "http", "Fence", DeviceStatus.UNKNOWN,
                Map.of()), "t");
        core.persons.savePerson(new Person("stu1", "Student 1", PersonRole.STUDENT, null, null, null, "3-2"), "t");
        // the test's teacher is the homeroom teacher of 3-2 (a teacher sees its class only)
        core.persons.savePerson(new Person("t-32", "Teacher 3-2", PersonRole.STAFF, null, null, null, "3-2"), "t");
        core.accounts.link("teacher", "t-32", "t");
        mem = new InMemoryServices();
        // a guardian's consent on the binding puts the student on the gates' rosters
        core.persons.savePerson(new Person("g1", "Guardian 1", PersonRole.GUARDIAN, "+8613800000001", null, null,
                null), "t");
        core.persons.bind(new GuardianBinding("g1", "stu1", "mother", "sms", true), "t");
        roster = new RosterServiceImpl(core.db, core.audit, core.sites, core.persons, mem.faces, core.faces);
        PassageServiceImpl passages = new PassageServiceImpl(core.db, core.audit, core.sites, mem.faces, core.events,
                core.persons, roster);
        passages.configure(new GateSettings(dir, 30, 37.3f, ZoneId.of("Asia/Shanghai")));
        Services services = new Services(core.sites, core.events, mem.alarms, core.audit, mem.outbox, mem.health,
                mem.control, core.persons, mem.faces, null, null, null, passages, core.accounts, roster);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        FaceResourceTest.base = "http://127.0.0.1:" + port + "/api";
        FaceResourceTest.http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        server = new RestServer(services, new TestAuthenticator(),
                new TokenService(new byte[32], Duration.ofMinutes(480), Clock.systemUTC()),
                new RestConfig(480, 10_000, 2_000_000));
        bus = PrivateBus.create();
        server.start(bus, FaceResourceTest.base);
    }

    @AfterAll
    static void stop() {
        server.close();
        bus.shutdown(true);
        core.stop();
    }

    static FaceResourceTest.Res send(String method, String path, String user, String type, byte[] body)
            throws Exception {
        return FaceResourceTest.send(method, path, user, type, body);
    }

    @Test
    void captureQuerySnapshotAndAttendance() throws Exception {
        mem.faces.enroll("stu1", new org.gatehouse.api.recognition.Frame(FaceResourceTest.png(90, 90, 0x808080),
                "png"), "admin");
        byte[] photo = FaceResourceTest.png(200, 150, 0x406080); // larger than the JSON body limit of 10 kB
        assertTrue(photo.length > 10_000, "size " + photo.length);
        Instant at = LocalDate.of(2026, 3, 2).atTime(7, 55).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
        FaceResourceTest.Res r = send("POST", "/gates/gate-1/captures?temperature=36.6&time=" + at, "gate",
                "image/jpeg", photo);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("open").asBoolean(), r.body());
        assertEquals("allowed", r.json().get("reason").asText());
        assertEquals("stu1", r.json().get("personId").asText());
        assertEquals("Student 1", r.json().get("person").get("name").asText());
        assertEquals("3-2", r.json().get("person").get("group").asText());
        assertEquals(0, r.json().get("flags").size());
        JsonNode passage = r.json().get("passage");
        assertEquals("in", passage.get("direction").asText());
        assertEquals(36.6, passage.get("temperature").asDouble(), 0.01);
        long id = passage.get("id").asLong();
        SecurityEvent e = core.events.get("passage-" + id).orElseThrow();
        assertEquals("gate.passage", e.type());

        FaceResourceTest.Res mp = send("POST", "/gates/gate-1/captures?temperature=38.5", "admin",
                "multipart/form-data; boundary=QQ", FaceResourceTest.multipart("QQ", "file", "c.jpg", "image/jpeg",
                        photo));
        assertEquals(200, mp.status(), mp.body());
        assertEquals("fever", mp.json().get("flags").get(0).asText(), mp.body());
        assertEquals("WARNING", core.events.get(mp.json().get("passage").get("eventId").asText()).orElseThrow()
                .severity().name());

        FaceResourceTest.assertError(send("POST", "/gates/gate-1/captures", "teacher", "image/jpeg", photo), 403,
                "forbidden");
        FaceResourceTest.assertError(send("POST", "/gates/gate-9/captures", "gate", "image/jpeg", photo), 404,
                "unknown-device");
        FaceResourceTest.assertError(send("POST", "/gates/fence-1/captures", "gate", "image/jpeg", photo), 400,
                "not-a-facegate");
        FaceResourceTest.assertError(send("POST", "/gates/gate-1/captures?temperature=hot", "gate", "image/jpeg",
                photo), 400, "bad-temperature");
        FaceResourceTest.assertError(send("POST", "/gates/gate-1/captures", "gate", "image/jpeg",
                "not an image".getBytes()), 400, "image-undecodable");
        FaceResourceTest.assertError(send("POST", "/gates/gate-1/captures", "gate", "image/png",
                FaceResourceTest.png(50, 50, 0)), 422, "no-face");
        assertEquals(2, send("GET", "/passages", "guard", null, null).json().get("total").asInt(),
                "refused captures are not recorded");

        FaceResourceTest.Res list = send("GET", "/passages?person=stu1&device=gate-1&from=2026-03-01T00:00:00Z",
                "teacher", null, null);
        assertEquals(200, list.status(), list.body());
        assertEquals(2, list.json().get("items").size());
        assertEquals(1, send("GET", "/passages?to=2026-03-03T00:00:00Z", "guard", null, null).json()
                .get("total").asInt());
        assertEquals("stu1", send("GET", "/passages/" + id, "guard", null, null).json().get("personId").asText());
        FaceResourceTest.assertError(send("GET", "/passages/999999", "guard", null, null), 404, "unknown-passage");
        FaceResourceTest.assertError(send("GET", "/passages", "gate", null, null), 403, "forbidden");

        HttpResponse<byte[]> snap = FaceResourceTest.http.send(HttpRequest.newBuilder(URI.create(
                        FaceResourceTest.base + "/passages/" + id + "/snapshot"))
                .header("Authorization", FaceResourceTest.basic("teacher")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, snap.statusCode());
        assertEquals("image/jpeg", snap.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(photo, snap.body());
        assertEquals(1, core.audit.query("passage", Long.toString(id), null, 0, 10).items().stream()
                .filter(a -> a.action().equals("snapshot-read") && a.actor().equals("teacher")).count());

        FaceResourceTest.Res att = send("GET", "/attendance?date=2026-03-02&group=3-2", "teacher", null, null);
        assertEquals(200, att.status(), att.body());
        assertEquals(1, att.json().size());
        assertEquals("stu1", att.json().get(0).get("personId").asText());
        assertEquals(at.toString(), att.json().get(0).get("firstIn").asText());
        assertTrue(!att.json().get(0).has("lastOut") || att.json().get(0).get("lastOut").isNull(), att.body());
        assertEquals(false, att.json().get(0).get("absent").asBoolean());
        assertTrue(send("GET", "/attendance?date=2026-03-03", "teacher", null, null).json().get(0).get("absent")
                .asBoolean());
        FaceResourceTest.assertError(send("GET", "/attendance?date=yesterday", "teacher", null, null), 400,
                "invalid-parameter");

        // the passage's event names the snapshot, which GET /events/{id}/snapshot serves (audited as well)
        String eventId = send("GET", "/passages/" + id, "guard", null, null).json().get("eventId").asText();
        HttpResponse<byte[]> bySnapshotRef = FaceResourceTest.http.send(HttpRequest.newBuilder(URI.create(
                        FaceResourceTest.base + "/events/" + eventId + "/snapshot"))
                .header("Authorization", FaceResourceTest.basic("guard")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, bySnapshotRef.statusCode());
        assertArrayEquals(photo, bySnapshotRef.body());
        assertEquals(1, core.audit.query("passage", Long.toString(id), null, 0, 10).items().stream()
                .filter(a -> a.action().equals("snapshot-read") && a.actor().equals("guard")).count());
        FaceResourceTest.assertError(send("GET", "/events/" + eventId + "/snapshot", "teacher", null, null), 403,
                "forbidden");
        assertEquals(201, send("POST", "/events", "guard", "application/json", ("{\"id\":\"ev-no-snap\","
                + "\"deviceId\":\"fence-1\",\"type\":\"fence.test\",\"severity\":\"INFO\"}").getBytes()).status());
        FaceResourceTest.assertError(send("GET", "/events/ev-no-snap/snapshot", "guard", null, null), 404,
                "no-snapshot");
        FaceResourceTest.assertError(send("GET", "/events/nope/snapshot", "guard", null, null), 404,
                "event-not-found");
    }
}
