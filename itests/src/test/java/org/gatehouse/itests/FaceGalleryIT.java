package org.gatehouse.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.recognition.RecognitionEngine;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The face gallery in the real distribution with deterministic test engines registered by the probe (the real engine
 * bundles come with the engine work): no engine -> 503, multipart enrollment through CXF, bad images, identification,
 * then switching {@code face.engine} by configuration at run time, background re-enrollment and identification with
 * the new model, and an engine going away.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FaceGalleryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configAdmin;
    @Inject
    private FaceService faces;

    @Configuration
    public Option[] config() {
        return GatehouseOptions.options(Http.freePort());
    }

    private static String api() {
        return "http://127.0.0.1:" + System.getProperty("gatehouse.itest.http") + "/gatehouse/api";
    }

    private static String auth() {
        return Http.basic(GatehouseOptions.USER, GatehouseOptions.PASSWORD);
    }

    private static JsonNode json(Http.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.status() + "): " + r.body());
        }
    }

    /** POST of an image as multipart/form-data (as curl -F file=@x.png sends it). */
    private static Http.Response upload(String path, byte[] image) throws Exception {
        String boundary = "gatehouse-itest-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"face.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(image);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(api() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", auth())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Http.Response(r.statusCode(), r.body(), r.headers());
    }

    private ServiceRegistration<RecognitionEngine> register(TestEngine engine) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(RecognitionEngine.ENGINE, engine.id);
        props.put(RecognitionEngine.CAPABILITY, new String[] {"face.detect", "face.embed"});
        return context.registerService(RecognitionEngine.class, engine, props);
    }

    private void setEngine(String id) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration("org.gatehouse.core", "?");
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        props.put("face.engine", id);
        c.update(props);
    }

    @Test
    public void enrollIdentifyAndSwitchEngineAtRunTime() throws Exception {
        Http.await("GET /health to answer UP", Duration.ofSeconds(90), () -> {
            Http.Response r = Http.send("GET", api() + "/health", null, (String) null);
            return r.status() == 200 && r.body().contains("\"UP\"");
        });
        byte[] probe7 = TestEngine.png(TestEngine.face(7, 9));
        Http.Response none = upload("/faces/identify?use=gate", probe7);
        assertEquals(none.body(), 503, none.status());
        assertEquals("no-engine", json(none).get("error").asText());

        ServiceRegistration<RecognitionEngine> onnx = register(new TestEngine("onnx", "itest-a", false));
        ServiceRegistration<RecognitionEngine> opencv = null;
        try {
            for (int n = 1; n <= 12; n++) {
                Http.Response p = Http.send("POST", api() + "/persons", auth(), "{\"id\":\"fs" + n
                        + "\",\"name\":\"Face Staff " + n + "\",\"role\":\"STAFF\"}");
                assertEquals(p.body(), 201, p.status());
                Http.Response e = upload("/persons/fs" + n + "/faces", TestEngine.png(TestEngine.face(n, 0)));
                assertEquals(e.body(), 201, e.status());
                assertEquals("itest-a", json(e).get("modelId").asText());
            }
            Http.Response bad = upload("/persons/fs1/faces", "not an image".getBytes(StandardCharsets.UTF_8));
            assertEquals(bad.body(), 400, bad.status());
            assertEquals("image-undecodable", json(bad).get("error").asText());
            Http.Response noFace = upload("/persons/fs1/faces", TestEngine.png());
            assertEquals(noFace.body(), 422, noFace.status());
            assertEquals(1, json(Http.send("GET", api() + "/persons/fs1/faces", auth(), (String) null)).size());

            Http.Response id = upload("/faces/identify?use=gate&top=3", probe7);
            assertEquals(id.body(), 200, id.status());
            JsonNode best = json(id).get("candidates").get(0);
            assertEquals("fs7", best.get("personId").asText());
            assertEquals("Face Staff 7", best.get("name").asText());
            assertTrue(best.get("matched").asBoolean());

            // a second engine appears; switching face.engine re-enrolls the stored photos in the background
            opencv = register(new TestEngine("opencv", "itest-b", true));
            setEngine("opencv");
            Http.await("re-enrollment for itest-b", Duration.ofSeconds(60), () -> {
                JsonNode st = json(Http.send("GET", api() + "/faces/status", auth(), (String) null));
                return "itest-b".equals(st.path("modelId").asText()) && st.path("indexed").asInt() == 12
                        && !st.path("reenrollment").path("running").asBoolean(true);
            });
            JsonNode status = json(Http.send("GET", api() + "/faces/status", auth(), (String) null));
            assertEquals(12, status.path("templatesPerModel").path("itest-a").asInt());
            assertEquals(12, status.path("templatesPerModel").path("itest-b").asInt());
            Http.Response id2 = upload("/faces/identify", probe7);
            assertEquals(id2.body(), 200, id2.status());
            assertEquals("itest-b", json(id2).get("modelId").asText());
            assertEquals("fs7", json(id2).get("candidates").get(0).get("personId").asText());
            assertTrue(json(id2).get("candidates").get(0).get("matched").asBoolean());

            // the active engine goes away: 503 again, the other one keeps its templates
            opencv.unregister();
            opencv = null;
            assertEquals(503, upload("/faces/identify", probe7).status());
            setEngine("onnx");
            Http.await("identify with onnx again", Duration.ofSeconds(30),
                    () -> { try { return upload("/faces/identify", probe7).status() == 200; }
                            catch (Exception e) { return false; } });
        } finally {
            onnx.unregister();
            if (opencv != null) {
                opencv.unregister();
            }
            setEngine("onnx");
        }
    }
}
