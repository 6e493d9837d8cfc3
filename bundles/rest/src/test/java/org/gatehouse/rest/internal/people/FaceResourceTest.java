package org.gatehouse.rest.internal.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gatehouse.rest.internal.InMemoryServices;
import org.gatehouse.rest.internal.RestConfig;
import org.gatehouse.rest.internal.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The face paths on the real server (CXF + Jetty on loopback): uploads, limits, roles and error mapping. */
public class FaceResourceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long UPLOAD_LIMIT = 2_000_000;
    static InMemoryServices mem;
    static TestServer server;
    public static String base;
    public static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        mem = new InMemoryServices();
        server = TestServer.start(mem.services(), new byte[32], new RestConfig(480, 1_048_576, UPLOAD_LIMIT));
        base = server.base;
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    public record Res(int status, JsonNode json, String body) {
    }

    public static byte[] png(int w, int h, int rgb) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb ^ (x * 31 + y * 17));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8));
    }

    public static Res send(String method, String path, String user, String type, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", basic(user));
        if (type != null) {
            b.header("Content-Type", type);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Res(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()), r.body());
    }

    public static byte[] multipart(String boundary, String field, String filename, String type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        out.writeBytes(head);
        out.writeBytes(data);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    public static void assertError(Res r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertNotNull(r.json(), r.body());
        assertEquals(code, r.json().get("error").asText(), r.body());
    }

    @Test
    void enrollByMultipartAndRawBodyListIdentifyDelete() throws Exception {
        byte[] photo = png(120, 140, 0x808080);
        Res created = send("POST", "/persons/p1/faces", "admin", "multipart/form-data; boundary=XyZ123",
                multipart("XyZ123", "file", "me.png", "image/png", photo));
        assertEquals(201, created.status(), created.body());
        assertEquals("p1", created.json().get("personId").asText());
        assertEquals("enroll:admin:p1:png:120", mem.faces.calls.get(mem.faces.calls.size() - 1),
                "the service got the file part's bytes, not the whole body");
        Res raw = send("POST", "/persons/p2/faces", "admin", "image/png", png(100, 100, 0x406080));
        assertEquals(201, raw.status(), raw.body());

        Res list = send("GET", "/persons/p1/faces", "guard", null, null);
        assertEquals(200, list.status());
        assertEquals(1, list.json().size());

        Res id = send("POST", "/faces/identify?use=gate&top=2", "guard", "image/jpeg", png(80, 80, 0x102030));
        assertEquals(200, id.status(), id.body());
        assertEquals("p2", id.json().get("candidates").get(0).get("personId").asText());
        assertTrue(id.json().get("candidates").get(0).get("matched").asBoolean());
        assertEquals(80, id.json().get("face").get("width").asInt());
        Res idMultipart = send("POST", "/faces/identify", "teacher", "multipart/form-data; boundary=b",
                multipart("b", "file", "probe.png", "image/png", png(60, 60, 0x102030)));
        assertEquals(200, idMultipart.status(), idMultipart.body());

        long tid = created.json().get("id").asLong();
        assertError(send("DELETE", "/persons/p2/faces/" + tid, "admin", null, null), 404, "unknown-template");
        assertEquals(204, send("DELETE", "/persons/p1/faces/" + tid, "admin", null, null).status());
        assertEquals(0, send("GET", "/persons/p1/faces", "admin", null, null).json().size());

        Res status = send("GET", "/faces/status", "guard", null, null);
        assertEquals("test-model", status.json().get("modelId").asText());
    }

    @Test
    void modelsListTheFilesWithLicencesForAdminIntegratorAndSecurity() throws Exception {
        for (String user : new String[] {"admin", "integ", "guard"}) {
            Res r = send("GET", "/faces/models", user, null, null);
            assertEquals(200, r.status(), user + ": " + r.body());
            assertEquals("legacy", r.json().get("activeSet").asText());
            assertEquals("fr-detect.onnx MIT, fr-feature.onnx unknown", r.json().get("activeLicence").asText());
            JsonNode legacy = r.json().get("sets").get(0);
            assertEquals("legacy", legacy.get("id").asText());
            assertTrue(legacy.get("default").asBoolean(), r.body());
            assertEquals(false, legacy.has("isDefault"), r.body());
            assertEquals(false, r.json().get("sets").get(1).get("default").asBoolean());
            JsonNode feature = r.json().get("files").get(1);
            assertEquals("fr-feature.onnx", feature.get("file").asText());
            assertEquals("embedding", feature.get("role").asText());
            assertEquals("legacy", feature.get("set").asText());
            assertEquals("pkg@0.0.1:package/model/fr_feature.onnx", feature.get("source").asText());
            assertEquals("87aa", feature.get("sha256").asText());
            assertEquals("unknown", feature.get("licence").asText());
            assertEquals("no established origin", feature.get("note").asText());
            assertTrue(feature.get("installed").asBoolean() && feature.get("sha256Ok").asBoolean()
                    && feature.get("active").asBoolean(), r.body());
        }
        assertError(send("GET", "/faces/models", "teacher", null, null), 403, "forbidden");
        assertError(send("GET", "/faces/models", "parent", null, null), 403, "forbidden");
        org.gatehouse.api.face.FaceModels saved = mem.faces.models;
        mem.faces.models = null; // a face service without a catalogue
        try {
            assertError(send("GET", "/faces/models", "admin", null, null), 503, "no-model-catalogue");
        } finally {
            mem.faces.models = saved;
        }
    }

    @Test
    void errorsCarryReasonCodes() throws Exception {
        assertError(send("POST", "/persons/p1/faces", "admin", "image/jpeg", new byte[0]), 400, "image-empty");
        assertError(send("POST", "/persons/p1/faces", "admin", "image/jpeg", "not an image".getBytes()), 400,
                "image-undecodable");
        byte[] good = png(50, 50, 0x808080);
        assertError(send("POST", "/persons/p1/faces", "admin", "image/png",
                java.util.Arrays.copyOf(good, good.length / 2)), 400, "image-undecodable");
        assertError(send("POST", "/persons/p1/faces", "admin", "image/png", png(50, 50, 0)), 422, "no-face");
        assertError(send("POST", "/faces/identify?use=door", "guard", "image/png", good), 400, "unknown-use");
        assertError(send("POST", "/faces/identify?top=0", "guard", "image/png", good), 400, "invalid-parameter");
        assertError(send("POST", "/persons/p1/faces", "admin", "text/plain", good), 415, "unsupported-media-type");
        assertError(send("POST", "/persons/p1/faces", "admin", "multipart/form-data; boundary=q",
                "--q\r\nnothing".getBytes()), 400, "bad-multipart");
        // roles: only admin enrolls; a device account cannot identify
        assertError(send("POST", "/persons/p1/faces", "guard", "image/png", good), 403, "forbidden");
        assertError(send("POST", "/faces/identify", "gate", "image/png", good), 403, "forbidden");
        mem.faces.engine = false;
        try {
            assertError(send("POST", "/faces/identify", "guard", "image/png", good), 503, "no-engine");
        } finally {
            mem.faces.engine = true;
        }
    }

    @Test
    void uploadsMayBeLargerThanJsonBodiesButAreStillLimited() throws Exception {
        byte[] big = new byte[1_500_000]; // above max.body.bytes, below max.upload.bytes
        byte[] png = png(64, 64, 0x808080);
        System.arraycopy(png, 0, big, 0, png.length); // ImageIO stops at IEND
        Res ok = send("POST", "/persons/big/faces", "admin", "image/png", big);
        assertEquals(201, ok.status(), ok.body());
        assertError(send("POST", "/persons/big/faces", "admin", "image/png", new byte[(int) UPLOAD_LIMIT + 1]), 413,
                "payload-too-large");
        assertError(send("PUT", "/persons/big/consent", "admin", "application/json", new byte[1_500_000]), 413,
                "payload-too-large");
    }

    @Test
    void consentIsRecordedByAdmin() throws Exception {
        Res r = send("PUT", "/persons/stu-9/consent", "admin", "application/json",
                "{\"guardianId\":\"g-1\",\"granted\":true}".getBytes());
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("granted").asBoolean());
        assertEquals("admin", r.json().get("recordedBy").asText());
        assertEquals(200, send("GET", "/persons/stu-9/consent", "guard", null, null).status());
        assertError(send("GET", "/persons/stu-0/consent", "guard", null, null), 404, "no-consent");
        assertError(send("PUT", "/persons/stu-9/consent", "admin", "application/json",
                "{\"guardianId\":\"x\",\"granted\":true}".getBytes()), 400, "not-guardian");
        assertError(send("PUT", "/persons/stu-9/consent", "admin", "application/json", "{}".getBytes()), 400,
                "missing-field");
        assertError(send("PUT", "/persons/stu-9/consent", "teacher", "application/json",
                "{\"guardianId\":\"g-1\",\"granted\":true}".getBytes()), 403, "forbidden");
    }
}
