package org.gatehouse.itests;

import static org.gatehouse.itests.Http.admin;
import static org.gatehouse.itests.Http.api;
import static org.gatehouse.itests.Http.json;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.osgi.service.cm.ConfigurationAdmin;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A camera in a danger zone of the demo campus, end to end in the real distribution: the pond camera (cam-pond, zone
 * pond) reads OpenCV's pedestrian sample video (vtest.avi of Debian opencv-doc, fetched by the camera module's build)
 * with person detection on; the real HOG detector finds the people, a zone.presence event with a snapshot is stored
 * (the snapshot is served by GET /events/{id}/snapshot), and a live-view link opened without login serves MJPEG
 * frames. Whether a danger.warning alarm follows is the danger zones' work and not asserted here.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LiveViewIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    private ConfigurationAdmin configs;
    @Inject
    private org.apache.karaf.features.FeaturesService features;

    @Configuration
    public Option[] config() {
        return GatehouseOptions.options(Http.freePort());
    }

    @Test
    public void thePondCameraSeesPeopleAndItsLiveLinkServesFrames() throws Exception {
        Http.awaitDemoCampus(api(), admin());
        Path video = Paths.get(System.getProperty("user.home"), ".cache", "gatehouse", "testdata", "video",
                "vtest.avi");
        assertTrue("the test video " + video + " (fetched by the camera module's build)", Files.isRegularFile(video));
        if (!features.isInstalled(features.getFeature("gatehouse-device-camera"))) {
            features.installFeature("gatehouse-device-camera");
        }
        Hashtable<String, Object> cfg = new Hashtable<>();
        cfg.put("device.id", "cam-pond");
        cfg.put("device.type", "camera");
        cfg.put("detect", "persons");
        cfg.put("url", video.toUri().toString());
        cfg.put("loop", true);
        org.osgi.service.cm.Configuration c = configs.getFactoryConfiguration("org.gatehouse.device.camera", "pond-it",
                "?");
        c.update(cfg);
        try {
            AtomicReference<JsonNode> presence = new AtomicReference<>();
            Http.await("a zone.presence of the pond camera", Duration.ofSeconds(300), () -> {
                Http.Response r = Http.send("GET", api() + "/events?type=zone.presence&device=cam-pond&limit=5",
                        admin(), (String) null);
                if (r.status() != 200 || json(r.body()).path("items").isEmpty()) {
                    return false;
                }
                presence.set(json(r.body()).path("items").get(0));
                return true;
            });
            JsonNode e = presence.get();
            assertEquals(e.toString(), "pond", e.path("zoneId").asText());
            assertEquals(e.toString(), "camera", e.path("attributes").path("sensor").asText());
            assertTrue(e.toString(), e.path("attributes").path("persons").asInt() >= 1);
            assertTrue(e.toString(), e.path("snapshotRef").asText().startsWith("cameras/cam-pond/snapshots/"));
            HttpResponse<byte[]> snap = HTTP.send(HttpRequest.newBuilder(URI.create(api() + "/events/"
                    + e.path("id").asText() + "/snapshot")).header("Authorization", admin()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, snap.statusCode());
            assertTrue(jpeg(snap.body()));

            Http.Response link = Http.send("POST", api() + "/devices/cam-pond/live-link", admin(), "{\"minutes\":5}");
            assertEquals(link.body(), 201, link.status());
            String url = json(link.body()).path("url").asText();
            assertTrue(url, url.startsWith("/gatehouse/api/live/"));
            String origin = api().substring(0, api().indexOf("/gatehouse/api"));
            HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(origin + url)).build(),
                    HttpResponse.BodyHandlers.ofInputStream()); // no Authorization: a phone opens it as it is
            assertEquals(200, stream.statusCode());
            assertTrue(stream.headers().firstValue("Content-Type").orElse(""),
                    stream.headers().firstValue("Content-Type").orElse("").startsWith("multipart/x-mixed-replace"));
            try (InputStream in = stream.body()) {
                List<byte[]> parts = jpegParts(in, 2);
                assertEquals(2, parts.size());
                for (byte[] p : parts) {
                    assertTrue(jpeg(p));
                }
            }
        } finally {
            c.delete();
        }
    }

    private static boolean jpeg(byte[] b) {
        return b != null && b.length > 100 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8;
    }

    /**
     * Reads a multipart/x-mixed-replace stream (boundary frame) until it holds {@code n} whole parts.
     *
     * @return the parts' bodies, as their Content-Length headers delimit them
     */
    private static List<byte[]> jpegParts(InputStream in, int n) throws IOException {
        java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (true) {
            List<byte[]> parts = new java.util.ArrayList<>();
            String text = new String(seen.toByteArray(), StandardCharsets.ISO_8859_1);
            int at = 0;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                    "--frame\r\nContent-Type: image/jpeg\r\nContent-Length: (\\d+)\r\n\r\n").matcher(text);
            while (parts.size() < n && m.find(at)) {
                int length = Integer.parseInt(m.group(1));
                if (m.end() + length > text.length()) {
                    break;
                }
                parts.add(text.substring(m.end(), m.end() + length).getBytes(StandardCharsets.ISO_8859_1));
                at = m.end() + length;
            }
            if (parts.size() == n) {
                return parts;
            }
            int r = in.read(buf);
            if (r < 0) {
                return parts;
            }
            seen.write(buf, 0, r);
        }
    }
}
