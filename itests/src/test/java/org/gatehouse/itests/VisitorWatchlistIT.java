package org.gatehouse.itests;

import static org.gatehouse.itests.Http.admin;
import static org.gatehouse.itests.Http.api;
import static org.gatehouse.itests.Http.json;
import static org.gatehouse.itests.Http.photo;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.service.AlarmService;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.osgi.service.cm.ConfigurationAdmin;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Visitors, the watchlist and stranger alerts end to end in the real distribution, with the real ONNX engine and real
 * photos: a host invites, the visitor answers the link page with a selfie, the host approves, another photo of the
 * visitor at the gate opens it and sets ARRIVED, the host is told; a visitor still on campus after the window raises
 * an overstay alarm; a watchlist entry from one photo of a person denies the gate for another photo of that person,
 * raises a CRITICAL alarm that reaches the security staff, and takes the staff's verdict; an unknown face at night in
 * a dormitory zone, seen three times, is one alarm with a count of three (run first, before the visitor franck is
 * enrolled).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class VisitorWatchlistIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ZoneId SITE_ZONE = ZoneId.of("Asia/Shanghai");
    /** The demo host: 李老师 (staff-li). */
    private static final String HOST = "staff-li";
    private static final String HOST_PHONE = "+8613800000102";

    @Inject
    private AlarmService alarms;
    @Inject
    private ConfigurationAdmin configs;

    @Configuration
    public Option[] config() {
        return GatehouseOptions.withTestFaces(Http.freePort());
    }

    private static JsonNode get(String path) {
        Http.Response r = Http.send("GET", api() + path, admin(), (String) null);
        assertEquals(r.body(), 200, r.status());
        return json(r.body());
    }

    private static JsonNode send(String method, String path, String body, int status) {
        Http.Response r = Http.send(method, api() + path, admin(), body);
        assertEquals(method + " " + path + ": " + r.body(), status, r.status());
        return r.body() == null || r.body().isBlank() ? null : json(r.body());
    }

    private static HttpResponse<byte[]> post(String path, String auth, String type, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api() + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode capture(String gate, String query, byte[] image) throws Exception {
        HttpResponse<byte[]> r = post("/gates/" + gate + "/captures" + query, admin(), "image/jpeg", image);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(body, 200, r.statusCode());
        return json(body);
    }

    private static void awaitReady() {
        Http.await("the onnx engine to be active", Duration.ofSeconds(120), () -> {
            Http.Response r = Http.send("GET", api() + "/faces/status", admin(), (String) null);
            return r.status() == 200 && json(r.body()).path("engineAvailable").asBoolean();
        });
        Http.awaitDemoCampus(api(), admin());
    }

    /** Whether the outbox holds a message of a template kind to a recipient. */
    private static boolean outboxHas(String kind, String recipient) {
        Http.Response r = Http.send("GET", api() + "/outbox?limit=200", admin(), (String) null);
        if (r.status() != 200) {
            return false;
        }
        for (JsonNode m : json(r.body()).get("items")) {
            if (kind.equals(m.path("kind").asText()) && recipient.equals(m.path("recipient").asText())) {
                return true;
            }
        }
        return false;
    }

    private List<Alarm> alarmsOfType(String type) {
        List<Alarm> out = new ArrayList<>();
        for (Alarm a : alarms.query(new AlarmQuery(Set.of(), null, null, 0, 200)).items()) {
            if (type.equals(a.type())) {
                out.add(a);
            }
        }
        return out;
    }

    /** A multipart/form-data body of text fields and one JPEG file field. */
    private static byte[] multipart(String boundary, String[][] fields, String fileField, byte[] file)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] f : fields) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n" + f[1]
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                + "\"; filename=\"selfie.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(file);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private void config(String pid, java.util.Map<String, Object> props) throws IOException {
        org.osgi.service.cm.Configuration c = configs.getConfiguration(pid, null);
        Hashtable<String, Object> p = new Hashtable<>();
        if (c.getProperties() != null) {
            for (String k : java.util.Collections.list(c.getProperties().keys())) {
                p.put(k, c.getProperties().get(k));
            }
        }
        p.putAll(props);
        c.update(p);
    }

    /**
     * The host invites, the visitor answers the link page (no login) with a selfie, the host approves; another photo
     * of the visitor at the entry gate opens it, the visit is ARRIVED with the gate in its trail and the host gets a
     * message; a used link answers 410.
     */
    @Test
    public void b_invitedVisitorArrives() throws Exception {
        awaitReady();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JsonNode inv = send("POST", "/visits/invitations", "{\"hostId\":\"" + HOST + "\",\"purpose\":\"家长会 IT\","
                + "\"from\":\"" + now + "\",\"to\":\"" + now.plus(2, ChronoUnit.HOURS) + "\"}", 201);
        String token = inv.path("token").asText();
        assertTrue(inv.toString(), token.length() >= 20);
        assertTrue(inv.toString(), inv.path("path").asText().endsWith("/gatehouse/visit/" + token));

        // the link page, as the visitor's phone sees it: no login
        Http.Response page = Http.send("GET", api() + "/visit-invitations/" + token, null, (String) null);
        assertEquals(page.body(), 200, page.status());
        assertEquals(page.body(), "open", json(page.body()).path("state").asText());
        assertTrue(page.body(), json(page.body()).path("hostName").asText().contains("李老师"));

        // a photo without a face is refused and the link stays usable
        String boundary = "it-" + System.nanoTime();
        String[][] fields = {{"name", "Franck 访客"}, {"phone", "+8613900000001"}, {"idNumber", "11010519491231002X"}};
        HttpResponse<byte[]> noFace = post("/visit-invitations/" + token, null, "multipart/form-data; boundary="
                + boundary, multipart(boundary, fields, "photo", Http.gradientPng()));
        String noFaceBody = new String(noFace.body(), StandardCharsets.UTF_8);
        assertTrue(noFaceBody, noFace.statusCode() == 400 || noFace.statusCode() == 422);
        assertEquals(noFaceBody, "no-face", json(noFaceBody).path("error").asText());

        HttpResponse<byte[]> answered = post("/visit-invitations/" + token, null, "multipart/form-data; boundary="
                + boundary, multipart(boundary, fields, "photo", photo("franck_01829.jpg")));
        String answeredBody = new String(answered.body(), StandardCharsets.UTF_8);
        assertEquals(answeredBody, 201, answered.statusCode());
        long visitId = json(answeredBody).path("visitId").asLong();
        assertEquals("PENDING", get("/visits/" + visitId).path("state").asText());
        assertEquals("1101**********002X", get("/visits/" + visitId).path("idNumber").asText());

        HttpResponse<byte[]> again = post("/visit-invitations/" + token, null, "multipart/form-data; boundary="
                + boundary, multipart(boundary, fields, "photo", photo("franck_01829.jpg")));
        assertEquals(410, again.statusCode());
        assertEquals("invitation-used", json(new String(again.body(), StandardCharsets.UTF_8)).path("error").asText());

        // the host is asked, and approves
        Http.await("the host's approval request", Duration.ofSeconds(30), () -> outboxHas("visit.request", HOST_PHONE));
        JsonNode approved = send("POST", "/visits/" + visitId + "/approve", "{}", 200);
        assertEquals(approved.toString(), "APPROVED", approved.path("state").asText());

        // another photo of the visitor at the entry gate
        JsonNode d = capture("gate-1", "", photo("franck_04117.jpg"));
        assertTrue(d.toString(), d.path("open").asBoolean());
        assertEquals(d.toString(), "visitor-" + visitId, d.path("personId").asText());
        Http.await("the visit to be ARRIVED", Duration.ofSeconds(30),
                () -> "ARRIVED".equals(get("/visits/" + visitId).path("state").asText()));
        JsonNode trail = get("/visits/" + visitId + "/trail");
        assertTrue(trail.toString(), trail.size() >= 1 && "gate-1".equals(trail.get(0).path("deviceId").asText()));
        Http.await("the host's arrival message", Duration.ofSeconds(30), () -> outboxHas("visit.arrived", HOST_PHONE));
    }

    /** A walk-in visitor whose window ends while still on campus: an overstay alarm, and the host is told. */
    @Test
    public void c_overstay() throws Exception {
        awaitReady();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JsonNode v = send("POST", "/visits", "{\"visitor\":{\"name\":\"Obama 访客\",\"phone\":\"+8613900000002\"},"
                + "\"hostId\":\"" + HOST + "\",\"purpose\":\"送材料\",\"from\":\"" + now.minusSeconds(60) + "\",\"to\":\""
                + now.plusSeconds(20) + "\"}", 201);
        long id = v.path("id").asLong();
        HttpResponse<byte[]> ph = post("/visits/" + id + "/photo", admin(), "image/jpeg", photo("obama4_crop.jpg"));
        assertEquals(new String(ph.body(), StandardCharsets.UTF_8), 200, ph.statusCode());
        send("POST", "/visits/" + id + "/approve", "{}", 200);
        JsonNode d = capture("gate-1", "", photo("obama4_crop.jpg"));
        assertTrue(d.toString(), d.path("open").asBoolean());
        Http.await("the overstay alarm", Duration.ofSeconds(120), () -> !alarmsOfType("visit.overstay").isEmpty());
        Http.await("the overstay flag", Duration.ofSeconds(30),
                () -> get("/visits/" + id).path("overstay").asBoolean());
        Http.await("the host's overstay message", Duration.ofSeconds(30), () -> outboxHas("visit.overstay", HOST_PHONE));
    }

    /**
     * A watchlist entry from one photo of a person; another photo of that person at the entry gate: denied, a
     * CRITICAL alarm that reaches the security staff; the staff's verdict is recorded and counted. A teacher is
     * refused the watchlist; a photo of an enrolled student is refused as a watchlist photo, naming the student.
     */
    @Test
    public void d_watchlistHit() throws Exception {
        awaitReady();
        config("org.gatehouse.routes.visitors", java.util.Map.of("security.ids", "staff-wang"));
        JsonNode e = send("POST", "/watchlist", "{\"name\":\"Cage 通缉\",\"reason\":\"公安协查通报\",\"risk\":\"high\","
                + "\"source\":\"协查 2026-118\"}", 201);
        String entry = e.path("id").asText();
        HttpResponse<byte[]> face = post("/watchlist/" + entry + "/faces", admin(), "image/jpeg", photo("cage.jpg"));
        assertEquals(new String(face.body(), StandardCharsets.UTF_8), 201, face.statusCode());

        Http.Response teacher = Http.send("GET", api() + "/watchlist", Http.basic(GatehouseOptions.TEACHER, "teach"),
                (String) null);
        assertEquals(teacher.body(), 403, teacher.status());

        JsonNode d = capture("gate-1", "", photo("cage2_crop.jpg"));
        assertFalse(d.toString(), d.path("open").asBoolean());
        assertEquals(d.toString(), "watchlist", d.path("reason").asText());
        Http.await("the CRITICAL watchlist alarm", Duration.ofSeconds(30),
                () -> !alarmsOfType("watchlist.hit").isEmpty());
        Alarm alarm = alarmsOfType("watchlist.hit").get(0);
        assertEquals("CRITICAL", alarm.severity().name());
        Http.await("the security staff's message", Duration.ofSeconds(30),
                () -> outboxHas("watchlist.hit", "+8613800000101"));

        JsonNode fb = send("POST", "/alarms/" + alarm.id() + "/feedback",
                "{\"verdict\":\"confirmed\",\"note\":\"门卫核实\"}", 200);
        assertEquals(fb.toString(), "confirmed", fb.path("verdict").asText());
        JsonNode stats = get("/watchlist/stats");
        assertEquals(stats.toString(), 1, stats.path("confirmed").asInt());
        Http.Response bad = Http.send("POST", api() + "/alarms/" + alarm.id() + "/feedback", admin(),
                "{\"verdict\":\"maybe\"}");
        assertEquals(bad.body(), 400, bad.status());

        // a photo of an enrolled student is no watchlist photo
        send("PUT", "/persons/stu-0302/guardians/gdn-0302a", "{\"relation\":\"mother\",\"preferredChannel\":\"sms\","
                + "\"consent\":true}", 200);
        HttpResponse<byte[]> student = post("/persons/stu-0302/faces", admin(), "image/jpeg", photo("audrey.jpg"));
        assertEquals(new String(student.body(), StandardCharsets.UTF_8), 201, student.statusCode());
        HttpResponse<byte[]> conflict = post("/watchlist/" + entry + "/faces", admin(), "image/jpeg",
                photo("audrey_crop.jpg"));
        String conflictBody = new String(conflict.body(), StandardCharsets.UTF_8);
        assertEquals(conflictBody, 409, conflict.statusCode());
        assertEquals(conflictBody, "enrolled-person", json(conflictBody).path("error").asText());
    }

    private static List<JsonNode> strangerAlarms() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode a : send("GET", "/alarms?limit=200", null, 200).path("items")) {
            if ("stranger.alert".equals(a.path("type").asText())) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * Before anyone enrols them: an unknown face at night in a dormitory zone, seen three times, is one cluster and
     * one MAJOR alarm with a count of three; another face is a second one; by day nothing is raised.
     */
    @Test
    public void a_unknownFaceAtNightInTheDormitoryIsOneAlarmForThreeCaptures() throws Exception {
        awaitReady();
        send("POST", "/zones", "{\"id\":\"it-dorm\",\"siteId\":\"demo-school\",\"name\":\"Dormitory\","
                + "\"kind\":\"BUILDING\",\"armed\":false,\"responsibleStaff\":[]}", 201);
        send("POST", "/devices", "{\"id\":\"it-dorm-door\",\"siteId\":\"demo-school\",\"zoneId\":\"it-dorm\","
                + "\"type\":\"facegate\",\"vendor\":\"http\",\"name\":\"Dorm door\",\"properties\":"
                + "{\"direction\":\"in\"}}", 201);
        JsonNode rule = send("PUT", "/stranger-rules/dorm-night", "{\"name\":\"宿舍夜间\",\"zoneId\":\"it-dorm\","
                + "\"days\":\"all\",\"from\":\"22:00\",\"to\":\"06:00\"}", 200);
        assertEquals("MAJOR", rule.path("severity").asText());

        // last night, 23:00-23:10 in the gate time zone
        Instant night = LocalDate.now(SITE_ZONE).minusDays(1).atTime(23, 0).atZone(SITE_ZONE).toInstant();
        List<Long> passages = new ArrayList<>();
        String[] photos = {"franck_01829.jpg", "franck_02045.jpg", "franck_04117.jpg"};
        for (int i = 0; i < photos.length; i++) {
            JsonNode d = capture("it-dorm-door", "?time=" + night.plusSeconds(300L * i), photo(photos[i]));
            assertEquals(d.toString(), "stranger", d.path("reason").asText());
            assertFalse(d.toString(), d.path("passage").hasNonNull("personId"));
            passages.add(d.path("passage").path("id").asLong());
        }
        JsonNode alerts = send("GET", "/stranger-alerts", null, 200);
        assertEquals(alerts.toString(), 1, alerts.path("total").asInt());
        JsonNode cluster = alerts.path("items").get(0);
        assertEquals(cluster.toString(), 3, cluster.path("count").asInt());
        assertEquals("dorm-night", cluster.path("ruleId").asText());
        assertTrue(cluster.toString(), passages.contains(cluster.path("bestPassage").asLong()));

        Http.await("one stranger alarm with count 3", Duration.ofSeconds(30), () -> {
            List<JsonNode> a = strangerAlarms();
            return a.size() == 1 && a.get(0).path("count").asInt() == 3;
        });
        JsonNode alarm = strangerAlarms().get(0);
        assertEquals("MAJOR", alarm.path("severity").asText());
        Http.await("the cluster to know its alarm", Duration.ofSeconds(30), () -> send("GET", "/stranger-alerts",
                null, 200).path("items").get(0).path("alarmId").asLong() == alarm.path("id").asLong());

        // another unknown face that night: a second cluster and alarm
        capture("it-dorm-door", "?time=" + night.plusSeconds(1200), photo("queen20_crop.jpg"));
        assertEquals(2, send("GET", "/stranger-alerts", null, 200).path("total").asInt());
        Http.await("a second stranger alarm", Duration.ofSeconds(30), () -> strangerAlarms().size() == 2);

        // the same face in the daytime: outside the rule, nothing new
        capture("it-dorm-door", "?time=" + night.minus(Duration.ofHours(11)), photo("franck_02159.jpg")); // 12:00
        assertEquals(2, send("GET", "/stranger-alerts", null, 200).path("total").asInt());
        assertEquals(3, strangerAlarms().stream().filter(a -> a.path("id").asLong() == alarm.path("id").asLong())
                .findFirst().orElseThrow().path("count").asInt());

        // bad rules are refused with their codes
        assertEquals("bad-days", send("PUT", "/stranger-rules/r2", "{\"days\":\"weekdays\",\"from\":\"22:00\","
                + "\"to\":\"06:00\"}", 400).path("error").asText());
        assertEquals("unknown-zone", send("PUT", "/stranger-rules/r2", "{\"zoneId\":\"nowhere\",\"days\":\"all\","
                + "\"from\":\"22:00\",\"to\":\"06:00\"}", 404).path("error").asText());
    }
}
