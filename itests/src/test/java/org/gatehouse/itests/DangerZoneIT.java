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
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.inject.Inject;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.karaf.features.FeaturesService;
import org.gatehouse.api.notify.NotificationChannel;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Danger zones end to end in the real distribution, on the demo campus's rules (the pond is never allowed, its
 * responsible staff is staff-wang): a presence reported by a PIR detector in the pond zone raises a danger.warning
 * alarm at any hour, and the danger-zones route hands a message to staff-wang to a real SMS channel (sms-http against
 * a receiver on loopback). Then (b_, after a_ so that the PIR's warning is the pond's first) the pond camera
 * (cam-pond) reads OpenCV's pedestrian sample video (vtest.avi of Debian opencv-doc, fetched by the camera module's
 * build) with person detection on; the real HOG detector finds the people, a zone.presence event with a snapshot is
 * stored (served by GET /events/{id}/snapshot), and a live-view link opened without login serves MJPEG frames.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class DangerZoneIT {
    /** staff-wang's phone in the demo campus. */
    static final String WANG_PHONE = "+8613800000101";

    @Inject
    private FeaturesService features;
    @Inject
    private ConfigurationAdmin configs;
    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return GatehouseOptions.options(Http.freePort());
    }

    static JsonNode get(String path) {
        Http.Response r = Http.send("GET", api() + path, admin(), (String) null);
        assertEquals(r.body(), 200, r.status());
        return json(r.body());
    }

    /** Registers a device of the demo school in a zone (201, or 200 when it exists). */
    static void device(String id, String zone, String type) {
        Http.Response r = Http.send("POST", api() + "/devices", admin(), "{\"id\":\"" + id + "\",\"siteId\":"
                + "\"demo-school\",\"zoneId\":\"" + zone + "\",\"type\":\"" + type + "\",\"vendor\":\"http\","
                + "\"name\":\"" + id + "\"}");
        assertTrue(r.body(), r.status() == 201 || r.status() == 200);
    }

    /** Reports a presence as a device does through the REST ingress. */
    static void presence(String id, String device, String sensor) {
        Http.Response r = Http.send("POST", api() + "/events", admin(), "{\"id\":\"" + id + "\",\"deviceId\":\""
                + device + "\",\"type\":\"zone.presence\",\"attributes\":{\"sensor\":\"" + sensor + "\"}}");
        assertTrue(r.body(), r.status() == 201 || r.status() == 200);
    }

    /** @return the danger.warning alarm of a zone, once there is one */
    static JsonNode awaitWarning(String zone) {
        JsonNode[] found = new JsonNode[1];
        Http.await("a danger.warning alarm in " + zone, Duration.ofSeconds(60), () -> {
            for (JsonNode a : get("/alarms?zone=" + zone + "&limit=100").path("items")) {
                if ("danger.warning".equals(a.path("type").asText())) {
                    found[0] = a;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Installs the sms-http channel and points an instance at a receiver on loopback. */
    org.osgi.service.cm.Configuration smsChannel(WebhookReceiver gateway) throws Exception {
        features.installFeature("gatehouse-notify-sms-http");
        org.osgi.service.cm.Configuration c = configs.getFactoryConfiguration("org.gatehouse.notify.sms.http",
                "danger-it", "?");
        c.update(new Hashtable<>(Map.of("url", gateway.url(), "provider", "it-danger-sms")));
        Http.await("the sms channel it-danger-sms", Duration.ofSeconds(60), () -> {
            try {
                return !context.getServiceReferences(NotificationChannel.class, "(&(" + NotificationChannel.CHANNEL
                        + "=sms)(" + NotificationChannel.PROVIDER + "=it-danger-sms))").isEmpty();
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new AssertionError(e);
            }
        });
        return c;
    }

    /** @return the outbox message of a kind to a recipient, null while there is none */
    static JsonNode outbox(String kind, String recipient) {
        for (JsonNode m : get("/outbox?limit=200").path("items")) {
            if (kind.equals(m.path("kind").asText()) && recipient.equals(m.path("recipient").asText())) {
                return m;
            }
        }
        return null;
    }

    /**
     * The demo's pond rule is there; a PIR presence in the pond zone (never allowed) raises a MAJOR danger.warning
     * alarm folded by zone, and staff-wang, the pond's responsible staff, gets an SMS through the channel.
     */
    @Test
    public void a_pirPresenceAtThePondWarnsItsStaffThroughTheSmsChannel() throws Exception {
        Http.awaitDemoCampus(api(), admin());
        Http.await("the demo's pond rule", Duration.ofSeconds(60), () -> Http.send("GET", api() + "/danger-zones/pond",
                admin(), (String) null).status() == 200);
        JsonNode rule = get("/danger-zones/pond");
        assertEquals(rule.toString(), "WATER", rule.path("kind").asText());
        assertEquals(rule.toString(), 0, rule.path("allowed").size());
        try (WebhookReceiver gateway = new WebhookReceiver()) {
            org.osgi.service.cm.Configuration channel = smsChannel(gateway);
            try {
                device("pir-pond-it", "pond", "pir");
                presence("pir-it-1", "pir-pond-it", "pir");
                JsonNode alarm = awaitWarning("pond");
                assertEquals(alarm.toString(), "MAJOR", alarm.path("severity").asText());
                assertEquals(alarm.toString(), "pir-pond-it/danger.warning/danger-pond",
                        alarm.path("sourceKey").asText());
                JsonNode warning = get("/events/danger-pir-it-1");
                assertEquals(warning.toString(), "WATER", warning.path("attributes").path("kind").asText());
                assertEquals(warning.toString(), "cam-pond", warning.path("attributes").path("camera").asText());

                Http.await("the SMS to staff-wang at the gateway", Duration.ofSeconds(60), () -> gateway.hits.stream()
                        .anyMatch(h -> h.body().contains("池塘")));
                JsonNode sms = json(gateway.hits.stream().filter(h -> h.body().contains("池塘")).findFirst()
                        .orElseThrow().body());
                assertEquals(sms.toString(), WANG_PHONE, sms.path("to").asText().replace(" ", ""));
                assertTrue(sms.toString(), sms.path("text").asText().contains("危险区域"));
                Http.await("the message marked sent", Duration.ofSeconds(30), () -> {
                    JsonNode m = outbox("danger.warning", WANG_PHONE);
                    return m != null && "SENT".equals(m.path("status").asText());
                });
                assertEquals("CRITICAL", outbox("danger.warning", WANG_PHONE).path("priority").asText());
            } finally {
                channel.delete();
            }
        }
    }

    // ---------------------------------------------------------------- camera and live view

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();



    @Test
    public void b_thePondCameraSeesPeopleAndItsLiveLinkServesFrames() throws Exception {
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
