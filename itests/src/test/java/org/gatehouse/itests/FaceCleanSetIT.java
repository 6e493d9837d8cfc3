package org.gatehouse.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The licence-clean model set in the real distribution (issue 14): photos enrolled with the legacy set, then
 * {@code model.set = clean} in the onnx engine's cfg: the engine comes back with the dlib ResNet's model id, the core
 * re-enrolls every stored photo with it, identifies the enrolled people at the clean set's own threshold and accepts
 * none of the never-enrolled faces; back to legacy at the end.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FaceCleanSetIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> ENROLL = Map.of(
            "cs-franck", "franck_01829.jpg", "cs-audrey", "audrey.jpg", "cs-cage", "cage.jpg",
            "cs-obama", "obama4_crop.jpg");
    private static final Map<String, String> PROBES = Map.of(
            "franck_04117.jpg", "cs-franck", "audrey_crop.jpg", "cs-audrey", "cage2_crop.jpg", "cs-cage");

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        Option[] base = GatehouseOptions.options(Http.freePort());
        Option[] all = Arrays.copyOf(base, base.length + 1);
        all[base.length] = systemProperty("gatehouse.testdata.faces").value(System.getProperty("gatehouse.testdata.faces",
                System.getProperty("user.home") + "/.cache/gatehouse/testdata/faces"));
        return all;
    }

    private static Http.Response postImage(String path, byte[] image) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(Http.api() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", Http.admin()).header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofString());
        return new Http.Response(r.statusCode(), r.body(), r.headers());
    }

    private static JsonNode status() {
        Http.Response r = Http.send("GET", Http.api() + "/faces/status", Http.admin(), (String) null);
        return r.status() == 200 ? Http.json(r.body()) : null;
    }

    private void setModelSet(String set) throws Exception {
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration("org.gatehouse.engine.face.onnx", "?");
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        props.put("model.set", set);
        c.update(props);
    }

    private static void awaitModel(String prefix, int templates) {
        Http.await("the onnx engine with model " + prefix + " and " + templates + " templates", Duration.ofSeconds(240), () -> {
            JsonNode st = status();
            return st != null && st.path("engineAvailable").asBoolean() && st.path("modelId").asText().startsWith(prefix)
                    && st.path("indexed").asInt() >= templates && !st.path("reenrollment").path("running").asBoolean(false);
        });
    }

    @Test
    public void switchingToTheCleanSetReEnrollsAndIdentifiesAtItsOwnThreshold() throws Exception {
        awaitModel("fr-feature@", 0);
        for (Map.Entry<String, String> e : ENROLL.entrySet()) {
            Http.Response p = Http.send("POST", Http.api() + "/persons", Http.admin(), "{\"id\":\"" + e.getKey()
                    + "\",\"name\":\"" + e.getKey() + "\",\"role\":\"STAFF\"}");
            assertEquals(p.body(), 201, p.status());
            Http.Response r = postImage("/persons/" + e.getKey() + "/faces", Http.photo(e.getValue()));
            assertEquals(e.getValue() + ": " + r.body(), 201, r.status());
        }

        setModelSet("clean");
        awaitModel("dlib-resnet-v1@", ENROLL.size());
        for (Map.Entry<String, String> p : PROBES.entrySet()) {
            Http.Response r = postImage("/faces/identify?use=gate&top=3", Http.photo(p.getKey()));
            assertEquals(p.getKey() + ": " + r.body(), 200, r.status());
            JsonNode id = Http.json(r.body());
            assertTrue(r.body(), id.get("modelId").asText().startsWith("dlib-resnet-v1@"));
            assertEquals(r.body(), 0.93, id.get("threshold").asDouble(), 1e-6);
            JsonNode best = id.get("candidates").get(0);
            assertEquals(r.body(), p.getValue(), best.get("personId").asText());
            assertTrue(r.body(), best.get("matched").asBoolean());
        }
        for (String group : new String[] {"sample1.jpg", "sample2.jpg", "sample4.jpg"}) {
            Http.Response r = postImage("/faces/identify?use=gate&top=3", Files.readAllBytes(
                    Paths.get(System.getProperty("gatehouse.testdata.faces"), "face-api", group)));
            assertEquals(group + ": " + r.body(), 200, r.status());
            for (JsonNode c : Http.json(r.body()).get("candidates")) {
                assertFalse(group + ": " + r.body(), c.get("matched").asBoolean());
            }
        }

        setModelSet("legacy");
        awaitModel("fr-feature@", ENROLL.size());
    }
}
