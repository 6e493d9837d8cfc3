package org.gatehouse.rest.internal.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestEngine;
import org.gatehouse.rest.internal.RestConfig;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /visits and the public /visit-invitations/{token} on the real server with the core's visit, person, face (the
 * deterministic test engine) and account services on Derby; teacher is linked to STAFF t1, teacher2 to a guardian.
 */
class VisitResourceTest {
    static Platform core;
    static TestServer server;
    static Http http;
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final byte[] FACE = TestEngine.png(TestEngine.face(1, 0));
    static final byte[] NO_FACE = TestEngine.png();

    @BeforeAll
    static void start() {
        core = MeResourceTest.school();
        core.faces.engineAdded("onnx", new TestEngine("onnx", "test-a", false));
        core.persons.savePerson(new Person("t2", "Mr Zhao", PersonRole.STAFF, null, null, "zh-CN", "4-1"), "t");
        Services services = new Services(core.sites, core.events, core.audit, core.persons, core.faces, core.roster,
                core.accounts, core.visits);
        server = TestServer.start(services, new byte[32], new RestConfig(60, 1_048_576, 20_000, 1_048_576,
                "https://school.example/"));
        http = new Http(server.base);
    }

    @AfterAll
    static void stop() {
        server.close();
        core.stop();
    }

    private static String window(int startHours, int endHours) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return "\"from\":\"" + now.plus(startHours, ChronoUnit.HOURS) + "\",\"to\":\"" + now.plus(endHours,
                ChronoUnit.HOURS) + "\"";
    }

    private static String visit(String name, String phone, String host, String window) {
        return visit(name, phone, null, host, window);
    }

    private static String visit(String name, String phone, String idNumber, String host, String window) {
        return "{\"visitor\":{\"name\":\"" + name + "\",\"phone\":\"" + phone + "\""
                + (idNumber == null ? "" : ",\"idNumber\":\"" + idNumber + "\"") + "},"
                + "\"hostId\":\"" + host + "\",\"purpose\":\"meeting\"," + window + "}";
    }

    /** A binary POST (raw image or multipart), authenticated as a test user or anonymous. */
    private static Http.Res post(String user, String path, String type, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (user != null) {
            b.header("Authorization", Http.basic(user, user + "-pw"));
        }
        HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Http.Res(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }

    private static final String BOUNDARY = "visit-boundary-1";

    private static byte[] form(String name, String phone, byte[] photo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder s = new StringBuilder();
        if (name != null) {
            s.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n")
                    .append(name).append("\r\n");
        }
        if (phone != null) {
            s.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"phone\"\r\n\r\n")
                    .append(phone).append("\r\n");
        }
        s.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"photo\";"
                + " filename=\"selfie.png\"\r\nContent-Type: image/png\r\n\r\n");
        out.writeBytes(s.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(photo);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    @Test
    void theGuardRoomRegistersAWalkInWithAPhotoAndTheHostDecides() throws Exception {
        JsonNode v = http.as("guard", "POST", "/visits", visit("张三", "138 0013 8001", "11010519491231002X", "t1",
                window(0, 2))).expect(201).json();
        long id = v.get("id").asLong();
        assertEquals("PENDING", v.get("state").asText());
        assertEquals("walk-in", v.get("source").asText());
        assertEquals("1101**********002X", v.get("idNumber").asText());
        assertEquals("Ms Li", v.get("hostName").asText());
        assertEquals("visitor-" + id, v.get("personId").asText());

        post("guard", "/visits/" + id + "/photo", "image/png", NO_FACE).error(422, "no-face");
        post("guard", "/visits/" + id + "/photo", "image/png", TestEngine.png(TestEngine.face(1, 0),
                TestEngine.face(2, 0))).error(422, "several-faces");
        JsonNode withPhoto = post("guard", "/visits/" + id + "/photo", "image/png", FACE).expect(200).json();
        assertTrue(withPhoto.get("photo").asBoolean());
        Http.Res photo = http.as("guard", "GET", "/visits/" + id + "/photo", null).expect(200);
        assertArrayEquals(FACE, photo.bytes());
        assertTrue(core.audit.query("visit", Long.toString(id), null, 0, 20).items().stream()
                .anyMatch(a -> a.action().equals("visit-photo-read") && a.actor().equals("guard")));

        // the host is the teacher linked to t1; another teacher or a parent may not decide
        http.as("teacher2", "POST", "/visits/" + id + "/approve", null).error(403, "no-person");
        http.as("parent", "POST", "/visits/" + id + "/approve", null).error(403, "forbidden");
        JsonNode approved = http.as("teacher", "POST", "/visits/" + id + "/approve", "{\"note\":\"ok\"}").expect(200)
                .json();
        assertEquals("APPROVED", approved.get("state").asText());
        assertEquals("teacher", approved.get("decidedBy").asText());
        http.as("teacher", "POST", "/visits/" + id + "/reject", null).error(409, "bad-state");
        http.as("guard", "POST", "/visits/" + id + "/leave", null).error(409, "bad-state");
        JsonNode cancelled = http.as("guard", "POST", "/visits/" + id + "/cancel", "{\"note\":\"host ill\"}")
                .expect(200).json();
        assertEquals("CANCELLED", cancelled.get("state").asText());
        assertEquals("host ill", cancelled.get("note").asText());
        assertEquals(0, http.as("guard", "GET", "/visits/" + id + "/trail", null).expect(200).json().size());
    }

    @Test
    void aTeacherActsOnlyAsTheHostOfItsOwnVisits() throws Exception {
        JsonNode own = http.as("teacher", "POST", "/visits", visit("Li Si", "13900000011", "t1", window(1, 2)))
                .expect(201).json();
        assertEquals("staff", own.get("source").asText());
        http.as("teacher", "POST", "/visits", visit("Wang Wu", "13900000012", "t2", window(1, 2)))
                .error(403, "not-your-visit");
        long other = http.as("guard", "POST", "/visits", visit("Zhao Liu", "13900000013", "t2", window(1, 2)))
                .expect(201).json().get("id").asLong();
        http.as("teacher", "GET", "/visits/" + other, null).error(403, "not-your-visit");
        http.as("teacher", "POST", "/visits/" + other + "/reject", null).error(403, "not-your-visit");
        JsonNode mine = http.as("teacher", "GET", "/visits", null).expect(200).json();
        assertTrue(mine.get("total").asInt() >= 1);
        mine.get("items").forEach(i -> assertEquals("t1", i.get("hostId").asText()));
        // the day the windows start on (in the site's zone: an hour from now may be tomorrow there)
        java.time.LocalDate day = Instant.now().plus(90, ChronoUnit.MINUTES).atZone(
                java.time.ZoneId.of("Asia/Shanghai")).toLocalDate();
        JsonNode all = http.as("guard", "GET", "/visits?state=pending&date=" + day, null).expect(200).json();
        assertTrue(all.get("total").asInt() >= 2, all.toString());
        http.as("teacher2", "GET", "/visits", null).error(403, "no-person");
        http.as("parent", "GET", "/visits", null).error(403, "forbidden");
    }

    @Test
    void badRegistrationsAreClearErrors() throws Exception {
        http.as("guard", "POST", "/visits", visit("A", "13900000021", "t1", window(2, 1))).error(400, "bad-window");
        http.as("guard", "POST", "/visits", visit("A", "13900000021", "t1", window(-5, -3))).error(400,
                "bad-window");
        http.as("guard", "POST", "/visits", visit("", "13900000021", "t1", window(0, 1))).error(400, "missing-name");
        http.as("guard", "POST", "/visits", visit("A", "phone", "t1", window(0, 1))).error(400, "bad-phone");
        http.as("guard", "POST", "/visits", visit("A", "13900000021", "110105194912310021", "t1", window(0, 1)))
                .error(400, "bad-id-number");
        http.as("guard", "POST", "/visits", visit("A", "13900000021", "ghost", window(0, 1))).error(404,
                "unknown-host");
        http.as("guard", "POST", "/visits", visit("A", "13900000021", "stu1", window(0, 1))).error(404,
                "unknown-host");
        http.as("guard", "POST", "/visits", "{\"visitor\":{\"name\":\"A\"},\"hostId\":\"t1\",\"from\":\"soon\","
                + "\"to\":null}").error(400, "invalid-parameter");
        http.as("guard", "POST", "/visits", visit("B", "13900000022", "t1", window(3, 4))).expect(201);
        http.as("guard", "POST", "/visits", visit("B", "13900000022", "t1", window(3, 5))).error(409,
                "duplicate-visit");
        http.as("guard", "GET", "/visits/999999", null).error(404, "unknown-visit");
        http.as("guard", "GET", "/visits?date=today", null).error(400, "invalid-parameter");
        http.as("guard", "GET", "/visits?state=LOST", null).error(400, "invalid-parameter");
    }

    @Test
    void aVisitorAnswersAnInvitationOnceWithoutLogin() throws Exception {
        JsonNode inv = http.as("teacher", "POST", "/visits/invitations", "{\"purpose\":\"interview\"," + window(1, 3)
                + "}").expect(201).json();
        String token = inv.get("token").asText();
        assertEquals("t1", inv.get("hostId").asText());
        assertEquals("https://school.example/gatehouse/visit/" + token, inv.get("url").asText());
        http.as("teacher", "POST", "/visits/invitations", "{\"hostId\":\"t2\"," + window(1, 3) + "}")
                .error(403, "not-your-visit");
        http.as("guard", "POST", "/visits/invitations", "{" + window(1, 3) + "}").error(400, "missing-hostId");

        JsonNode page = http.call(null, "GET", "/visit-invitations/" + token, null).expect(200).json();
        assertEquals("open", page.get("state").asText());
        assertEquals("Ms Li", page.get("hostName").asText());
        assertEquals("interview", page.get("purpose").asText());
        assertFalse(page.has("hostId"));
        http.call(null, "GET", "/visit-invitations/nope", null).error(404, "unknown-invitation");

        post(null, "/visit-invitations/" + token, MULTIPART, form("Franck", "+33612345678", NO_FACE))
                .error(422, "no-face");
        post(null, "/visit-invitations/" + token, MULTIPART, form(null, null, FACE)).error(400, "missing-name");
        post(null, "/visit-invitations/" + token, "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                .error(415, "unsupported-media-type");
        post(null, "/visit-invitations/" + token, MULTIPART, form("Franck", null, new byte[30_000]))
                .error(413, "payload-too-large");
        assertEquals("open", http.call(null, "GET", "/visit-invitations/" + token, null).expect(200).json()
                .get("state").asText(), "a refused answer keeps the link usable");

        JsonNode done = post(null, "/visit-invitations/" + token, MULTIPART, form("Franck", "+33612345678", FACE))
                .expect(201).json();
        assertEquals("PENDING", done.get("state").asText());
        long id = done.get("visitId").asLong();
        JsonNode v = http.as("teacher", "GET", "/visits/" + id, null).expect(200).json();
        assertEquals("invitation", v.get("source").asText());
        assertTrue(v.get("photo").asBoolean());
        assertEquals("used", http.call(null, "GET", "/visit-invitations/" + token, null).expect(200).json()
                .get("state").asText());
        post(null, "/visit-invitations/" + token, MULTIPART, form("Other", "13911112222", FACE))
                .error(410, "invitation-used");
    }
}
