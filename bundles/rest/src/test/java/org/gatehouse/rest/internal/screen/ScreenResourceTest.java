package org.gatehouse.rest.internal.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.access.AttendanceService;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.access.TerminalEvent;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.AttendanceFixture;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /screen on the real server with the core's services on Derby: terminal passages (one denied), an alarm, device
 * statuses; the roles; the parts whose service is absent left out without an error; the attendance judged by the
 * school calendar (the school of {@link AttendanceFixture}, at a fixed clock).
 */
class ScreenResourceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Platform core;
    static Services services;
    static TestServer server;
    static HttpClient http;

    @BeforeAll
    static void start() {
        core = TestDb.platform();
        TestDb.seedGate(core);
        core.sites.saveDevice(new Device("gate-2", "s1", "main-gate", "facegate", "http", "Gate 2 out",
                DeviceStatus.UNKNOWN, Map.of("direction", "out")), "t");
        core.sites.saveDevice(new Device("cam-1", "s1", null, "camera", "http", "Camera 1", DeviceStatus.UNKNOWN,
                Map.of()), "t");
        core.persons.savePerson(new Person("stu1", "Student 1", PersonRole.STUDENT, null, null, null, "3-2"), "t");
        core.persons.savePerson(new Person("stu2", "Student 2", PersonRole.STUDENT, null, null, null, "3-2"), "t");
        core.persons.savePerson(new Person("staff1", "Staff 1", PersonRole.STAFF, null, null, null, "security"), "t");
        core.persons.savePerson(new Person("visitor-1", "Visitor 1", PersonRole.VISITOR, null, null, null, null),
                "t");
        services = new Services(core.sites, core.events, core.alarms, core.audit, core.persons, core.passages,
                core.attendance, core.accounts);
        server = TestServer.start(services);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
        core.stop();
    }

    record Res(int status, JsonNode json, String body) {
    }

    static Res get(String user) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(server.base + "/screen")).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pw")
                        .getBytes(StandardCharsets.UTF_8))).GET().build();
        HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
        return new Res(res.statusCode(), res.body().isEmpty() ? null : JSON.readTree(res.body()), res.body());
    }

    static void pass(String gate, String key, String person, boolean matched, Instant at) {
        core.passages.record(new TerminalEvent(gate, key, person, matched, null, null, null, null, at));
    }

    @Test
    void theScreenShowsWhoIsInsideTheLatestPassagesAlarmsAndDevices() throws Exception {
        Instant now = Instant.now();
        pass("gate-1", "k1", "stu1", true, now.minusSeconds(50));
        pass("gate-1", "k2", "staff1", true, now.minusSeconds(40));
        pass("gate-2", "k3", "staff1", true, now.minusSeconds(30));
        pass("gate-1", "k4", "visitor-1", false, now.minusSeconds(20)); // the terminal refused the visitor
        pass("gate-1", "k5", null, false, now.minusSeconds(10));         // a stranger
        core.sites.updateDeviceStatus("gate-1", DeviceStatus.ONLINE, "t");
        core.sites.updateDeviceStatus("cam-1", DeviceStatus.OFFLINE, "t");
        core.alarms.raise(new SecurityEvent("fence-evt-1", now.minusSeconds(90), "s1", "cam-1", null,
                "camera.tamper", Severity.CRITICAL, Map.of(), null, null), "Camera 1 covered");

        Res r = get("guard");
        assertEquals(200, r.status(), r.body());
        JsonNode s = r.json();
        assertNotNull(s.get("generatedAt"));
        assertEquals(1, s.get("onCampus").get("STUDENT").asInt(), r.body());
        assertEquals(0, s.get("onCampus").get("STAFF").asInt(), "staff1 went out again");
        assertEquals(0, s.get("onCampus").get("VISITOR").asInt(), "a refused passage does not count");

        JsonNode passages = s.get("passages");
        assertEquals(5, passages.size(), r.body());
        JsonNode stranger = passages.get(0);
        assertTrue(stranger.get("stranger").asBoolean());
        assertFalse(stranger.has("name"));
        JsonNode denied = passages.get(1);
        assertEquals("visitor-1", denied.get("personId").asText());
        assertEquals("Visitor 1", denied.get("name").asText());
        assertEquals("VISITOR", denied.get("role").asText());
        assertFalse(denied.get("open").asBoolean(), r.body());
        assertEquals("terminal-denied", denied.get("reason").asText());
        JsonNode out = passages.get(2);
        assertEquals("out", out.get("direction").asText());
        assertEquals("Gate 2 out", out.get("deviceName").asText());
        assertEquals("STAFF", out.get("role").asText());
        assertTrue(out.get("open").asBoolean());
        assertFalse(out.get("snapshot").asBoolean(), "a terminal event without a picture has no snapshot");

        JsonNode alarms = s.get("alarms");
        assertEquals(1, alarms.size(), r.body());
        assertEquals("camera.tamper", alarms.get(0).get("type").asText());
        assertEquals("CRITICAL", alarms.get(0).get("severity").asText());
        assertEquals("RAISED", alarms.get(0).get("state").asText());
        assertEquals("Camera 1 covered", alarms.get(0).get("message").asText());
        assertEquals(1, alarms.get(0).get("count").asInt());

        JsonNode devices = s.get("devices");
        assertEquals(2, devices.get("online").asInt(), "gate-1 said so, gate-2 sent events: " + devices);
        assertEquals(1, devices.get("offline").asInt());
        assertEquals("cam-1", devices.get("items").get(0).get("id").asText(), "problems first");
        assertEquals(3, devices.get("items").size());

        // no calendar: every student is expected, one came in
        assertEquals(1, s.get("attendance").get("present").asInt(), r.body());
        assertEquals(2, s.get("attendance").get("expected").asInt());
        assertEquals(0.5, s.get("attendance").get("rate").asDouble(), 1e-9);

        assertFalse(s.has("visitors"), "no visit service yet: the part is left out, " + r.body());

        // an acknowledged alarm is still open; a resolved one leaves the screen
        long id = alarms.get(0).get("id").asLong();
        core.alarms.acknowledge(id, "guard", null);
        assertEquals("ACKNOWLEDGED", get("guard").json().get("alarms").get(0).get("state").asText());
        core.alarms.resolve(id, "guard", null);
        assertEquals(0, get("guard").json().get("alarms").size());

        // a student who comes in later is counted at the next read
        pass("gate-1", "k6", "stu2", true, Instant.now());
        assertEquals(2, get("admin").json().get("onCampus").get("STUDENT").asInt());
    }

    @Test
    void onlySecurityAndAdminSeeTheScreen() throws Exception {
        assertEquals(200, get("admin").status());
        assertEquals(200, get("guard").status());
        for (String user : List.of("teacher", "parent", "integ", "gate")) {
            Res r = get(user);
            assertEquals(403, r.status(), user + ": " + r.body());
            assertEquals("forbidden", r.json().get("error").asText());
        }
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(server.base + "/screen"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
    }

    @Test
    void aMissingServiceLeavesItsPartOutAndTheRestIsAnswered() throws Exception {
        services.put(PassageService.class, null);
        services.put(AlarmService.class, null);
        services.put(EventService.class, null);
        try {
            Res r = get("guard");
            assertEquals(200, r.status(), r.body());
            for (String part : List.of("onCampus", "passages", "alarms", "attendance", "visitors")) {
                assertFalse(r.json().has(part), part + " in " + r.body());
            }
            assertEquals(3, r.json().get("devices").get("items").size(), r.body());
        } finally {
            services.put(PassageService.class, core.passages);
            services.put(AlarmService.class, core.alarms);
            services.put(EventService.class, core.events);
        }
        // without the event service the passages are still shown, without their decision
        services.put(EventService.class, null);
        try {
            Res r = get("guard");
            assertEquals(200, r.status(), r.body());
            assertTrue(r.json().has("onCampus"), r.body());
            assertTrue(r.json().get("passages").isArray(), r.body());
        } finally {
            services.put(EventService.class, core.events);
        }
    }

    @Test
    void theSchoolCalendarJudgesTheAttendanceRate() {
        Platform school = TestDb.platform();
        try {
            AttendanceFixture.seed(school);
            Services s = new Services(school.sites, school.events, school.persons, school.passages,
                    school.attendance);
            // Monday 2026-09-07 at noon: stu1..stu4 came in (one late, two gone early), stu5 is absent
            Screen monday = new ScreenResource(s, AttendanceFixture.clock(LocalDateTime.of(2026, 9, 7, 12, 0)))
                    .screen();
            assertEquals(4, monday.attendance().present());
            assertEquals(5, monday.attendance().expected());
            assertEquals(0.8, monday.attendance().rate(), 1e-9);
            assertEquals(1, monday.onCampus().get("STUDENT"), "stu2 came in and never went out");
            // the National Day holiday expects nobody
            Screen holiday = new ScreenResource(s, AttendanceFixture.clock(LocalDateTime.of(2026, 10, 1, 12, 0)))
                    .screen();
            assertEquals(0, holiday.attendance().expected());
            assertNull(holiday.attendance().rate());
            // without the attendance service, every student is expected
            s.put(AttendanceService.class, null);
            Screen plain = new ScreenResource(s, AttendanceFixture.clock(LocalDateTime.of(2026, 9, 7, 12, 0)))
                    .screen();
            assertEquals(4, plain.attendance().present());
            assertEquals(5, plain.attendance().expected());
            assertEquals(LocalDate.of(2026, 9, 7), LocalDate.ofInstant(plain.generatedAt(), AttendanceFixture.SH));
        } finally {
            school.stop();
        }
    }
}
