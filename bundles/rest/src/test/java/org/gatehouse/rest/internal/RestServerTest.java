package org.gatehouse.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gatehouse.api.AlarmState;
import org.gatehouse.api.Device;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Site;
import org.gatehouse.api.service.HealthService;
import org.gatehouse.rest.internal.auth.Identity;
import org.gatehouse.rest.internal.auth.TokenService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the real server (CXF + Jetty on loopback) with java.net.http. */
class RestServerTest {
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final ObjectMapper JSON = new ObjectMapper();

    static InMemoryServices mem;
    static TestServer server;
    static String base;
    static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        mem = new InMemoryServices();
        server = TestServer.start(mem.services(), SECRET, RestConfig.defaults());
        base = server.base;
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void seed() {
        mem.sites.sites.put("north", new Site("north", "North campus", "Asia/Shanghai", null));
        mem.sites.devices.put("gate-1", new Device("gate-1", "north", null, "facegate", "http", "Gate 1", null, null));
        mem.health.status = HealthService.Status.UP;
        mem.health.broken = false;
    }

    @Test
    void deviceCommandsGoToTheDriver() throws Exception {
        mem.sites.devices.put("drv-gate", new Device("drv-gate", "north", null, "facegate", "sim", "G", null, null));
        Res ok = post("/devices/drv-gate/commands", basic("guard"), "{\"name\":\"open\"}");
        assertEquals(200, ok.status());
        assertTrue(ok.json().get("ok").asBoolean());
        assertEquals("guard:drv-gate:open", mem.control.executed.get(mem.control.executed.size() - 1));
        Res unsupported = post("/devices/drv-gate/commands", basic("guard"), "{\"name\":\"fly\"}");
        assertEquals(200, unsupported.status());
        assertFalse(unsupported.json().get("ok").asBoolean());
        assertError(post("/devices/gate-1/commands", basic("guard"), "{\"name\":\"open\"}"), 503, "no-driver");
        assertError(post("/devices/nope/commands", basic("guard"), "{\"name\":\"open\"}"), 404, "unknown-device");
        assertError(post("/devices/drv-gate/commands", basic("guard"), "{\"name\":"), 400, "malformed-json");
        assertError(post("/devices/drv-gate/commands", basic("teacher"), "{\"name\":\"open\"}"), 403, "forbidden");
        mem.sites.devices.remove("drv-gate");
    }

    @Test
    void sampleMessagesAreMappedWithoutStoring() throws Exception {
        mem.sites.devices.put("drv-map-1", new Device("drv-map-1", "north", null, "fence", "camel", "M", null, null));
        mem.sites.devices.put("drv-gate", new Device("drv-gate", "north", null, "facegate", "sim", "G", null, null));
        Res ok = post("/devices/drv-map-1/test", basic("integ"), "{\"payload\":\"alarm\"}");
        assertEquals(200, ok.status(), ok.raw().body());
        assertTrue(ok.json().get("matched").asBoolean());
        assertEquals("map.1: $.a", ok.json().get("rule").asText());
        assertEquals("fence.intrusion", ok.json().get("events").get(0).get("type").asText());
        Res none = post("/devices/drv-map-1/test", basic("admin"), "{\"payload\":\"quiet\"}");
        assertFalse(none.json().get("matched").asBoolean());
        assertEquals("no rule matched", none.json().get("error").asText());
        assertError(post("/devices/drv-map-1/test", basic("integ"), "{}"), 400, "missing-payload");
        assertError(post("/devices/drv-map-1/test", basic("integ"), "{\"payload\":"), 400, "malformed-json");
        assertError(post("/devices/drv-map-1/test", basic("integ"), "{\"payload\":\"" + "x".repeat(64 * 1024 + 1)
                + "\"}"), 413, "payload-too-large");
        assertEquals(200, post("/devices/drv-map-1/test", basic("integ"), "{\"payload\":\"" + "x".repeat(64 * 1024)
                + "\"}").status(), "64 KiB is allowed");
        assertError(post("/devices/drv-gate/test", basic("integ"), "{\"payload\":\"alarm\"}"), 400, "no-mapping");
        assertError(post("/devices/gate-1/test", basic("integ"), "{\"payload\":\"alarm\"}"), 503, "no-driver");
        assertError(post("/devices/nope/test", basic("integ"), "{\"payload\":\"alarm\"}"), 404, "unknown-device");
        assertError(post("/devices/drv-map-1/test", basic("guard"), "{\"payload\":\"alarm\"}"), 403, "forbidden");

        Res stats = get("/devices/drv-map-1/mapping", basic("guard"));
        assertEquals(200, stats.status());
        assertEquals(2, stats.json().get("received").asLong());
        assertEquals("'x': no rule matched", stats.json().get("lastUnmatched").asText());
        assertError(get("/devices/drv-gate/mapping", basic("integ")), 400, "no-mapping");
        assertError(get("/devices/drv-map-1/mapping", basic("teacher")), 403, "forbidden");
        mem.sites.devices.remove("drv-map-1");
        mem.sites.devices.remove("drv-gate");
    }

    @Test
    void personsAreAdminWrittenAndReadsAreAudited() throws Exception {
        Res created = post("/persons", basic("admin"),
                "{\"id\":\"stu-1\",\"name\":\"张小明\",\"role\":\"STUDENT\",\"group\":\"3-2\"}");
        assertEquals(201, created.status(), created.raw().body());
        post("/persons", basic("admin"), "{\"id\":\"g-1\",\"name\":\"Father\",\"role\":\"GUARDIAN\",\"phone\":\"+8613800000001\"}");
        assertError(post("/persons", basic("admin"), "{\"id\":\"stu-1\",\"name\":\"x\",\"role\":\"STUDENT\"}"), 409,
                "person-exists");
        assertError(post("/persons", basic("integ"), "{\"id\":\"x\",\"name\":\"x\",\"role\":\"STAFF\"}"), 403,
                "forbidden");
        assertError(post("/persons", basic("admin"), "{\"id\":\"y\",\"name\":\"y\"}"), 400, "missing-role");

        // a security user reads any person (a teacher only its class: MeResourceTest)
        Res read = get("/persons/stu-1", basic("guard"));
        assertEquals(200, read.status());
        assertEquals("张小明", read.json().get("name").asText());
        assertTrue(mem.people.reads.contains("guard:stu-1"), "the reader is recorded");
        // without the account service the class of a teacher is unknown: refused, never everything
        Res teacher = get("/persons/stu-1", basic("teacher"));
        assertError(teacher, 503, "service-unavailable");
        assertTrue(teacher.raw().body().contains("AccountService"), teacher.raw().body());
        assertTrue(!mem.people.reads.contains("teacher:stu-1"), "nothing was read for the teacher");
        assertEquals(1, get("/persons?role=student", basic("guard")).json().get("total").asInt());
        assertError(get("/persons?role=alien", basic("guard")), 400, "invalid-parameter");
        assertError(get("/persons", basic("integ")), 403, "forbidden");

        Res bound = put("/persons/stu-1/guardians/g-1", basic("admin"),
                "{\"relation\":\"father\",\"preferredChannel\":\"sms\",\"consent\":true}");
        assertEquals(200, bound.status(), bound.raw().body());
        assertEquals("g-1", get("/persons/stu-1/guardians", basic("guard")).json().get(0).get("guardianId").asText());
        assertEquals("stu-1", get("/persons/g-1/children", basic("guard")).json().get(0).get("studentId").asText());
        assertEquals(204, send(req("/persons/stu-1/guardians/g-1", basic("admin")).DELETE()).status());
        assertEquals(204, send(req("/persons/stu-1", basic("admin")).DELETE()).status());
        assertError(get("/persons/stu-1", basic("admin")), 404, "unknown-person");
        mem.people.persons.clear();
    }

    // ---- helpers

    record Res(int status, JsonNode json, HttpResponse<String> raw) {
        String error() {
            return json == null || json.get("error") == null ? null : json.get("error").asText();
        }
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8));
    }

    static Res send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        if (!r.body().isEmpty()) {
            json = JSON.readTree(r.body());
        }
        return new Res(r.statusCode(), json, r);
    }

    static HttpRequest.Builder req(String path, String auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return b;
    }

    static Res get(String path, String auth) throws Exception {
        return send(req(path, auth).GET());
    }

    static Res post(String path, String auth, String body) throws Exception {
        return send(req(path, auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Res put(String path, String auth, String body) throws Exception {
        return send(req(path, auth).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    static void assertError(Res r, int status, String code) {
        assertEquals(status, r.status(), () -> r.raw().body());
        assertNotNull(r.json(), "JSON error body");
        assertEquals(code, r.error(), () -> r.raw().body());
        assertEquals(status, r.json().get("status").asInt());
        assertTrue(r.json().hasNonNull("message"));
        assertTrue(r.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    // ---- tests

    @Test
    void healthNeedsNoAuthAnd503WhenDown() throws Exception {
        Res up = get("/health", null);
        assertEquals(200, up.status());
        assertEquals("UP", up.json().get("status").asText());
        mem.health.status = HealthService.Status.DEGRADED;
        assertEquals(200, get("/health", null).status());
        mem.health.status = HealthService.Status.DOWN;
        Res down = get("/health", null);
        assertEquals(503, down.status());
        assertEquals("DOWN", down.json().get("status").asText());
    }

    @Test
    void missingOrWrongCredentialsGive401WithChallenge() throws Exception {
        Res none = get("/sites", null);
        assertError(none, 401, "missing-credentials");
        assertEquals("Basic realm=\"gatehouse\"", none.raw().headers().firstValue("WWW-Authenticate").orElse(null));
        Res wrong = get("/sites", "Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes()));
        assertError(wrong, 401, "invalid-credentials");
        assertTrue(wrong.raw().headers().firstValue("WWW-Authenticate").isPresent());
        assertError(get("/sites", "Basic !!!"), 401, "invalid-credentials");
    }

    @Test
    void theConsoleGets401WithoutAChallengeSoTheBrowserShowsNoPasswordDialog() throws Exception {
        Res none = send(req("/sites", null).header("X-Requested-With", "gatehouse-console").GET());
        assertError(none, 401, "missing-credentials");
        assertTrue(none.raw().headers().firstValue("WWW-Authenticate").isEmpty());
        Res wrong = send(req("/auth/token", "Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes()))
                .header("X-Requested-With", "gatehouse-console").POST(HttpRequest.BodyPublishers.noBody()));
        assertError(wrong, 401, "invalid-credentials");
        assertTrue(wrong.raw().headers().firstValue("WWW-Authenticate").isEmpty());
    }

    @Test
    void rolesAreEnforced() throws Exception {
        String site = "{\"id\":\"south\",\"name\":\"South\",\"timezone\":\"UTC\"}";
        assertError(post("/sites", basic("teacher"), site), 403, "forbidden");
        assertEquals(200, get("/sites", basic("teacher")).status());
        assertEquals(200, get("/alarms", basic("teacher")).status());
        assertError(get("/events", basic("teacher")), 403, "forbidden");
        assertError(get("/devices", basic("teacher")), 403, "forbidden");
        assertError(get("/sites", basic("gate")), 403, "forbidden");
        assertError(post("/alarms/1/ack", basic("integ"), ""), 403, "forbidden");
        assertError(get("/audit", basic("teacher")), 403, "forbidden");
        assertEquals(200, get("/plugins", basic("integ")).status());
        assertEquals(200, get("/outbox", basic("guard")).status());
        assertFalse(mem.sites.sites.containsKey("south"));
    }

    @Test
    void tokenIssueUseExpiryAndTampering() throws Exception {
        Res t = post("/auth/token", basic("guard"), "");
        assertEquals(200, t.status(), t.raw().body());
        String token = t.json().get("token").asText();
        assertEquals("guard", t.json().get("user").asText());
        assertEquals("security", t.json().get("roles").get(0).asText());
        Instant exp = Instant.parse(t.json().get("expiresAt").asText());
        assertTrue(exp.isAfter(Instant.now().plus(Duration.ofMinutes(470))));

        assertEquals(200, get("/events", "Bearer " + token).status());
        assertError(post("/auth/token", "Bearer " + token, ""), 400, "basic-required");

        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertError(get("/events", "Bearer " + tampered), 401, "invalid-token");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"guard\",\"roles\":[\"admin\"],\"exp\":9999999999}".getBytes()) + "." + parts[2];
        assertError(get("/events", "Bearer " + forged), 401, "invalid-token");

        TokenService old = new TokenService(SECRET, Duration.ofMinutes(480),
                Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC));
        String expired = old.issue(new Identity("guard", java.util.Set.of("security"))).token();
        Res r = get("/events", "Bearer " + expired);
        assertError(r, 401, "invalid-token");
        assertTrue(r.raw().headers().firstValue("WWW-Authenticate").isPresent());
    }

    @Test
    void eventHappyPathAndDuplicate() throws Exception {
        String body = "{\"id\":\"e-happy\",\"deviceId\":\"gate-1\",\"type\":\"gate.passage\",\"severity\":\"INFO\","
                + "\"time\":\"2024-05-01T08:00:00Z\",\"attributes\":{\"card\":\"42\"}}";
        Res r = post("/events", basic("gate"), body);
        assertEquals(201, r.status(), r.raw().body());
        assertEquals("e-happy", r.json().get("id").asText());
        assertEquals("north", r.json().get("siteId").asText());
        assertEquals("2024-05-01T08:00:00Z", r.json().get("time").asText());
        assertFalse(r.json().has("duplicate"));
        assertFalse(r.json().has("snapshotRef"), "nulls are left out");
        assertTrue(r.raw().headers().firstValue("Location").orElse("").endsWith("/api/events/e-happy"));

        Res dup = post("/events", basic("gate"), body);
        assertEquals(200, dup.status());
        assertTrue(dup.json().get("duplicate").asBoolean());

        Res read = get("/events/e-happy", basic("guard"));
        assertEquals(200, read.status());
        assertEquals("42", read.json().get("attributes").get("card").asText());
        assertError(get("/events/nope", basic("guard")), 404, "event-not-found");
    }

    @Test
    void badEventsAreRejectedAndNothingIsStored() throws Exception {
        int before = mem.events.order.size();
        assertError(post("/events", basic("gate"), "{\"deviceId\":\"gate-1\",\"type\":"), 400, "malformed-json");
        assertError(post("/events", basic("gate"), "{\"deviceId\":\"gate-1\"}"), 400, "missing-type");
        assertError(post("/events", basic("gate"), "{\"deviceId\":\"gate-1\",\"type\":\"Bad Type\"}"), 400,
                "bad-type");
        assertError(post("/events", basic("gate"), "{\"deviceId\":\"gate-1\",\"type\":\"a.b\",\"colour\":\"red\"}"),
                400, "unknown-field");
        assertError(post("/events", basic("gate"), "{\"deviceId\":12,\"type\":\"a.b\"}"), 400, "invalid-field");
        assertError(post("/events", basic("gate"), "{\"deviceId\":[\"gate-1\"],\"type\":\"a.b\"}"), 400,
                "invalid-field");
        assertError(post("/events", basic("gate"), "{\"deviceId\":\"gate-1\",\"type\":\"a.b\",\"severity\":\"HUGE\"}"),
                400, "invalid-field");
        assertError(post("/events", basic("gate"), "{\"deviceId\":\"gate-1\",\"type\":\"a.b\"} trailing"), 400,
                "malformed-json");
        assertError(post("/events", basic("gate"), ""), 400, "empty-body");
        assertError(post("/events", basic("gate"), "\"text\""), 400, "invalid-body");
        assertError(post("/events", basic("gate"), "[]"), 400, "empty-batch");
        assertError(post("/events", basic("gate"), "{\"deviceId\":\"x\",\"type\":\"a.b\"}"), 404, "unknown-device");
        Res batch = post("/events", basic("gate"), "[{\"deviceId\":\"gate-1\",\"type\":\"a.b\"},"
                + "{\"deviceId\":\"ghost\",\"type\":\"a.b\"}]");
        assertError(batch, 404, "unknown-device");
        assertTrue(batch.json().get("message").asText().contains("[1]"));
        assertError(post("/events", basic("gate"), "[{\"deviceId\":\"gate-1\",\"type\":\"a.b\"},{\"type\":\"a.b\"}]"),
                400, "missing-deviceId");
        assertEquals(before, mem.events.order.size(), "nothing stored");
    }

    @Test
    void batchOfGoodEvents() throws Exception {
        Res r = post("/events", basic("integ"), "[{\"id\":\"b1\",\"deviceId\":\"gate-1\",\"type\":\"a.b\"},"
                + "{\"id\":\"b2\",\"deviceId\":\"gate-1\",\"type\":\"a.c\"}]");
        assertEquals(201, r.status(), r.raw().body());
        assertEquals(2, r.json().size());
        assertTrue(mem.events.stored.containsKey("b1") && mem.events.stored.containsKey("b2"));
    }

    @Test
    void oversizedBodyGives413WithLengthAndChunked() throws Exception {
        int before = mem.events.order.size();
        byte[] big = bigEvent(RestConfig.DEFAULT_MAX_BODY_BYTES + 100);
        Res withLength = send(req("/events", basic("gate")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertError(withLength, 413, "payload-too-large");
        Res chunked = send(req("/events", basic("gate")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))));
        assertError(chunked, 413, "payload-too-large");
        assertEquals(before, mem.events.order.size());
        // just under the limit still works
        Res ok = post("/events", basic("gate"), new String(bigEvent(RestConfig.DEFAULT_MAX_BODY_BYTES - 10),
                StandardCharsets.UTF_8));
        assertEquals(201, ok.status());
    }

    static byte[] bigEvent(long size) {
        String head = "{\"deviceId\":\"gate-1\",\"type\":\"a.big\",\"attributes\":{\"pad\":\"";
        String tail = "\"}}";
        StringBuilder sb = new StringBuilder(head);
        while (sb.length() < size - tail.length()) {
            sb.append('x');
        }
        return sb.append(tail).toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eventPagingParameters() throws Exception {
        for (int i = 0; i < 5; i++) {
            mem.events.ingest(new SecurityEvent("p" + i, null, null, "gate-1", null, "page.test", null, null, null,
                    null));
        }
        Res r = get("/events?type=page.test&offset=1&limit=2&from=2020-01-01T00:00:00Z&to=2999-01-01T00:00:00%2B08:00",
                basic("guard"));
        assertEquals(200, r.status(), r.raw().body());
        assertEquals(2, r.json().get("items").size());
        assertEquals(5, r.json().get("total").asInt());
        assertEquals(1, r.json().get("offset").asInt());
        assertEquals(2, r.json().get("limit").asInt());
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), mem.events.lastQuery.from());
        assertEquals(Instant.parse("2998-12-31T16:00:00Z"), mem.events.lastQuery.to());
        assertEquals(50, get("/events", basic("guard")).json().get("limit").asInt());
        assertEquals(1000, get("/events?limit=1000", basic("guard")).json().get("limit").asInt());
        assertError(get("/events?limit=1001", basic("guard")), 400, "invalid-parameter");
        assertError(get("/events?limit=0", basic("guard")), 400, "invalid-parameter");
        assertError(get("/events?offset=-1", basic("guard")), 400, "invalid-parameter");
        assertError(get("/events?offset=x", basic("guard")), 400, "invalid-parameter");
        assertError(get("/events?from=yesterday", basic("guard")), 400, "invalid-parameter");
    }

    @Test
    void alarmAckAndResolvePassTheUser() throws Exception {
        long id = mem.alarms.raise(new SecurityEvent("a1", Instant.now(), "north", "gate-1", null, "fence.cut", null,
                null, null, null), "fence cut").id();
        Res ack = post("/alarms/" + id + "/ack", basic("guard"), "{\"note\":\"on my way\"}");
        assertEquals(200, ack.status(), ack.raw().body());
        assertEquals("ACKNOWLEDGED", ack.json().get("state").asText());
        assertEquals("guard", ack.json().get("ackBy").asText());
        assertEquals("on my way", ack.json().get("note").asText());
        assertError(post("/alarms/" + id + "/ack", basic("guard"), ""), 409, "alarm-state");
        Res res = post("/alarms/" + id + "/resolve", basic("admin"), "");
        assertEquals(200, res.status(), res.raw().body());
        assertEquals("admin", res.json().get("closedBy").asText());
        assertError(post("/alarms/" + id + "/resolve", basic("guard"), "{\"nope\":1}"), 400, "unknown-field");
        assertError(post("/alarms/999/ack", basic("guard"), ""), 404, "unknown-alarm");
        assertError(get("/alarms/abc", basic("guard")), 404, "alarm-not-found");
        assertEquals(200, get("/alarms/" + id, basic("teacher")).status());

        Res list = get("/alarms?state=raised,ACKNOWLEDGED&limit=10", basic("teacher"));
        assertEquals(200, list.status());
        assertEquals(java.util.Set.of(AlarmState.RAISED, AlarmState.ACKNOWLEDGED), mem.alarms.lastQuery.states());
        assertError(get("/alarms?state=BURNING", basic("teacher")), 400, "invalid-parameter");
    }

    @Test
    void deviceCrudRoundTrip() throws Exception {
        String dev = "{\"id\":\"cam-7\",\"siteId\":\"north\",\"type\":\"camera\",\"vendor\":\"http\","
                + "\"name\":\"Cam 7\",\"properties\":{\"ip\":\"10.0.0.7\"}}";
        Res created = post("/devices", basic("integ"), dev);
        assertEquals(201, created.status(), created.raw().body());
        assertTrue(created.raw().headers().firstValue("Location").orElse("").endsWith("/api/devices/cam-7"));
        assertEquals("UNKNOWN", created.json().get("status").asText());
        assertError(post("/devices", basic("integ"), dev), 409, "device-exists");

        Res read = get("/devices/cam-7", basic("guard"));
        assertEquals("10.0.0.7", read.json().get("properties").get("ip").asText());
        assertEquals(1, get("/devices?site=north", basic("guard")).json().size() - 1, "gate-1 and cam-7");

        Res updated = put("/devices/cam-7", basic("admin"), dev.replace("Cam 7", "Camera seven"));
        assertEquals(200, updated.status(), updated.raw().body());
        assertEquals("Camera seven", get("/devices/cam-7", basic("guard")).json().get("name").asText());
        assertError(put("/devices/cam-7", basic("admin"), dev.replace("\"cam-7\"", "\"cam-8\"")), 400,
                "id-mismatch");
        assertError(post("/devices", basic("integ"), dev.replace("cam-7", "cam-9").replace("north", "mars")), 404,
                "unknown-site");

        Res deleted = send(req("/devices/cam-7", basic("integ")).DELETE());
        assertEquals(204, deleted.status());
        assertError(get("/devices/cam-7", basic("guard")), 404, "device-not-found");
        assertError(send(req("/devices/cam-7", basic("integ")).DELETE()), 404, "device-not-found");
        assertEquals("admin", mem.audit.entries.stream().filter(e -> e.subjectId().equals("cam-7")
                && e.action().equals("device-update")).findFirst().orElseThrow().actor());
    }

    @Test
    void sitesAndZones() throws Exception {
        Res s = post("/sites", basic("integ"), "{\"id\":\"east\",\"name\":\"East\",\"timezone\":\"UTC\"}");
        assertEquals(201, s.status(), s.raw().body());
        Res z = post("/zones", basic("integ"), "{\"id\":\"pond\",\"siteId\":\"east\",\"name\":\"Pond\","
                + "\"kind\":\"DANGER\",\"armed\":true,\"responsibleStaff\":[\"p1\"]}");
        assertEquals(201, z.status(), z.raw().body());
        assertEquals(1, get("/zones?site=east", basic("teacher")).json().size());
        assertError(send(req("/sites/east", basic("integ")).DELETE()), 409, "site-in-use");
        assertEquals(204, send(req("/zones/pond", basic("integ")).DELETE()).status());
        assertEquals(204, send(req("/sites/east", basic("integ")).DELETE()).status());
        assertError(post("/sites", basic("integ"), "{\"name\":\"No id\"}"), 400, "missing-id");
        assertError(post("/sites", basic("integ"), "{\"id\":\"x\"}"), 400, "missing-name");
    }

    @Test
    void otherReadEndpoints() throws Exception {
        mem.audit.record("admin", "test", "thing", "t1", null);
        Res audit = get("/audit?subjectType=thing&subjectId=t1&from=2000-01-01T00:00:00Z", basic("guard"));
        assertEquals(200, audit.status(), audit.raw().body());
        assertEquals(1, audit.json().get("total").asInt());
        Res plugins = get("/plugins", basic("admin"));
        assertEquals("gate-1", plugins.json().get(0).get("id").asText());
        mem.outbox.enqueue("sms", null, "alarm", "+100", "en", "s", "t", Map.of(), null);
        assertEquals(1, get("/outbox?status=queued", basic("guard")).json().get("total").asInt());
        assertEquals(200, get("/outbox/m1", basic("guard")).status());
        assertError(get("/outbox/zz", basic("guard")), 404, "message-not-found");
        assertError(get("/outbox?status=LOST", basic("guard")), 400, "invalid-parameter");
    }

    @Test
    void unknownRoutesAndMethodsUseTheErrorShape() throws Exception {
        assertError(get("/nothing-here", basic("admin")), 404, "not-found");
        assertError(send(req("/health", null).DELETE()), 405, "method-not-allowed");
    }

    @Test
    void unknownPathsUnderTheApiAnswerJson404WithoutAuthentication() throws Exception {
        for (String path : new String[] {"/nope", "/nope/deeper/still", "", "/", "/sites/north/extra/parts",
                "/console", "/healthz", "/openapi.yaml"}) {
            assertError(get(path, null), 404, "not-found");
            assertError(get(path, basic("admin")), 404, "not-found");
        }
        assertError(post("/nope", null, "{}"), 404, "not-found");
        assertError(send(req("/nope", null).DELETE()), 404, "not-found");
        Res r = get("/nope", null);
        assertEquals("application/json", r.raw().headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void unexpectedFailureGives500Internal() throws Exception {
        mem.health.broken = true;
        Res r = get("/health", null);
        assertError(r, 500, "internal");
        assertFalse(r.raw().body().contains("simulated"), "no internals leak");
    }

    @Test
    void fieldErrorsNameTheFieldNotJavaTypes() throws Exception {
        Res r = post("/events", basic("gate"), "{\"deviceId\":12,\"type\":\"a.b\"}");
        assertEquals("invalid value for 'deviceId': expected a string", r.json().get("message").asText());
        Res t = post("/events", basic("gate"), "{\"deviceId\":\"gate-1\",\"type\":\"a.b\",\"time\":\"noon\"}");
        assertError(t, 400, "invalid-field");
        assertFalse(t.json().get("message").asText().contains("java."), t.json().get("message").asText());
        Res a = post("/events", basic("gate"), "{\"deviceId\":\"gate-1\",\"type\":\"a.b\",\"attributes\":{\"n\":1}}");
        assertError(a, 400, "invalid-field");
    }

    @Test
    void openApiIsServed() throws Exception {
        Res r = get("/openapi.json", null);
        assertEquals(200, r.status());
        assertEquals("3.0.3", r.json().get("openapi").asText());
        assertTrue(r.json().get("paths").has("/events"));
    }
}
