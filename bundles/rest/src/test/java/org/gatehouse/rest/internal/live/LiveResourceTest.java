package org.gatehouse.rest.internal.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.cxf.Bus;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.device.LiveView;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.link.SignedLinksImpl;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.rest.internal.InMemoryServices;
import org.gatehouse.rest.internal.PrivateBus;
import org.gatehouse.rest.internal.RestConfig;
import org.gatehouse.rest.internal.RestServer;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.TestAuthenticator;
import org.gatehouse.rest.internal.account.Http;
import org.gatehouse.rest.internal.auth.TokenService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * POST /devices/{id}/live-link and the public /live/{token} paths on the real server (CXF on Jetty, loopback) with the
 * core's device registry and signed links on Derby. The camera is a stand-in {@link LiveView} that draws a new frame
 * whenever it is asked (the real camera driver behind it is run by the camera's tests and DangerZoneIT).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LiveResourceTest {
    static Platform core;
    static RestServer server;
    static Bus bus;
    static Http http;
    static String base;
    static final Map<String, LiveView> VIEWS = new ConcurrentHashMap<>();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A camera that draws a numbered frame each time its newest frame is asked for. */
    static final class DrawingCamera implements LiveView {
        static final String REF = "cameras/cam-pond/snapshots/2026/12/02/p1.jpg";
        final AtomicInteger frames = new AtomicInteger();
        final byte[] snapshot = latest().orElseThrow().jpeg();

        @Override
        public Optional<byte[]> snapshot(String ref) {
            return REF.equals(ref) ? Optional.of(snapshot) : Optional.empty();
        }

        @Override
        public Optional<Frame> latest() {
            int n = frames.incrementAndGet();
            BufferedImage img = new BufferedImage(160, 120, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(n * 40 % 255, 90, 160));
            g.fillRect(0, 0, 160, 120);
            g.setColor(Color.WHITE);
            g.drawString("frame " + n, 20, 60);
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ImageIO.write(img, "jpeg", out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Optional.of(new Frame(Instant.now().plusMillis(n), out.toByteArray()));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        core = TestDb.platform();
        TestDb.seedGate(core);
        core.sites.saveDevice(new Device("cam-pond", "s1", null, "camera", "camera", "Pond camera",
                DeviceStatus.UNKNOWN, Map.of()), "t");
        core.sites.saveDevice(new Device("cam-dark", "s1", null, "camera", "camera", "Camera without picture",
                DeviceStatus.UNKNOWN, Map.of()), "t");
        VIEWS.put("cam-pond", new DrawingCamera());
        VIEWS.put("cam-dark", Optional::empty);
        InMemoryServices mem = new InMemoryServices();
        Services services = new Services(core.sites, core.events, mem.alarms, core.audit, mem.outbox, mem.health,
                mem.control, core.persons, core.accounts, core.links);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port + "/api";
        server = new RestServer(services, new TestAuthenticator(),
                new TokenService(new byte[32], Duration.ofMinutes(480), Clock.systemUTC()),
                new RestConfig(480, 10_000, 2_000_000, 2_000_000, "https://school.example/"));
        server.liveViews(LiveViews.of(VIEWS), new LiveConfig(2, 10));
        bus = PrivateBus.create();
        server.start(bus, base);
        http = new Http(base);
    }

    @AfterAll
    static void stop() {
        server.close();
        bus.shutdown(true);
        core.stop();
    }

    static String token(JsonNode link) {
        String url = link.get("url").asText();
        assertTrue(url.startsWith("https://school.example/gatehouse/api/live/"), url);
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void securityAndTeachersGetALinkOthersDoNot() throws Exception {
        JsonNode link = http.as("guard", "POST", "/devices/cam-pond/live-link", "{\"minutes\":5}").expect(201).json();
        Instant expires = Instant.parse(link.get("expires").asText());
        assertTrue(expires.isAfter(Instant.now().plusSeconds(240)) && expires.isBefore(Instant.now().plusSeconds(301)),
                "expires " + expires);
        assertEquals(Optional.of("live:cam-pond"), core.links.verify(token(link)));
        JsonNode byDefault = http.as("teacher", "POST", "/devices/cam-pond/live-link", null).expect(201).json();
        assertTrue(Instant.parse(byDefault.get("expires").asText()).isAfter(Instant.now().plusSeconds(9 * 60)));
        http.as("admin", "POST", "/devices/cam-pond/live-link", "{}").expect(201);
        http.as("integ", "POST", "/devices/cam-pond/live-link", null).error(403, "forbidden");
        http.as("parent", "POST", "/devices/cam-pond/live-link", null).error(403, "forbidden");
        assertEquals(401, http.call(null, "POST", "/devices/cam-pond/live-link", null).status());
        http.as("guard", "POST", "/devices/nope/live-link", null).error(404, "unknown-device");
        http.as("guard", "POST", "/devices/gate-1/live-link", null).error(404, "no-live-view");
        http.as("guard", "POST", "/devices/cam-pond/live-link", "{\"minutes\":0}").error(400, "bad-minutes");
        http.as("guard", "POST", "/devices/cam-pond/live-link", "{\"minutes\":61}").error(400, "bad-minutes");
        http.as("guard", "POST", "/devices/cam-pond/live-link", "{\"minutes\":\"ten\"}").error(400, "bad-minutes");
        assertTrue(core.audit.query("device", "cam-pond", null, 0, 10).items().stream()
                .anyMatch(a -> a.actor().equals("guard") && a.action().equals("live-link")));
    }

    @Test
    void theStreamServesJpegPartsWithoutLoginAndTheFrameToo() throws Exception {
        String token = token(http.as("guard", "POST", "/devices/cam-pond/live-link", null).expect(201).json());
        HttpResponse<InputStream> r = open(token);
        assertEquals(200, r.statusCode());
        assertEquals("multipart/x-mixed-replace;boundary=frame",
                r.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
        List<byte[]> parts = new ArrayList<>();
        try (InputStream in = r.body()) {
            // each part arrives while the stream is open (flushed per frame): the link is valid for 10 minutes
            for (int i = 0; i < 3; i++) {
                parts.add(part(in));
            }
        }
        for (byte[] p : parts) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(p));
            assertEquals(160, img.getWidth());
        }
        Http.Res frame = http.call(null, "GET", "/live/" + token + "/frame.jpg", null).expect(200);
        assertEquals("image/jpeg", frame.type());
        assertEquals(160, ImageIO.read(new ByteArrayInputStream(frame.bytes())).getWidth());
    }

    @Test
    void aPresenceSnapshotOfACameraIsServedWithItsEvent() throws Exception {
        core.events.ingest(new org.gatehouse.api.SecurityEvent("pres-1", Instant.now(), null, "cam-pond", null,
                "zone.presence", null, Map.of("sensor", "camera", "persons", "1", "score", "0.80"), DrawingCamera.REF,
                null));
        core.events.ingest(new org.gatehouse.api.SecurityEvent("pres-2", Instant.now(), null, "cam-pond", null,
                "zone.presence", null, Map.of("sensor", "camera"), "cameras/cam-pond/snapshots/2020/01/01/gone.jpg",
                null));
        Http.Res r = http.as("guard", "GET", "/events/pres-1/snapshot", null).expect(200);
        assertEquals("image/jpeg", r.type());
        org.junit.jupiter.api.Assertions.assertArrayEquals(((DrawingCamera) VIEWS.get("cam-pond")).snapshot, r.bytes());
        http.as("guard", "GET", "/events/pres-2/snapshot", null).error(404, "no-snapshot");
        http.as("teacher", "GET", "/events/pres-1/snapshot", null).error(403, "forbidden");
        assertTrue(core.audit.query("event", "pres-1", null, 0, 10).items().stream()
                .anyMatch(a -> a.actor().equals("guard") && a.action().equals("snapshot-read")));
        // a signed link to the event's snapshot (a message's link) opens it without login
        Http.Res linked = http.call(null, "GET", "/s/" + core.links.sign("event:pres-1", Duration.ofHours(1)), null)
                .expect(200);
        org.junit.jupiter.api.Assertions.assertArrayEquals(r.bytes(), linked.bytes());
        http.call(null, "GET", "/s/" + core.links.sign("event:nope", Duration.ofHours(1)), null)
                .error(404, "unknown-link");
        http.call(null, "GET", "/s/" + core.links.sign("event:pres-2", Duration.ofHours(1)), null)
                .error(404, "no-snapshot");
    }

    @Test
    void badExpiredAndForeignTokensAndCamerasWithoutPicture() throws Exception {
        SignedLinksImpl past = new SignedLinksImpl(core.db, Clock.fixed(Instant.now().minus(Duration.ofHours(2)),
                ZoneOffset.UTC));
        String expired = past.sign("live:cam-pond", Duration.ofMinutes(10));
        http.call(null, "GET", "/live/" + expired, null).error(410, "link-expired");
        http.call(null, "GET", "/live/" + expired + "/frame.jpg", null).error(410, "link-expired");
        http.call(null, "GET", "/live/not-a-token", null).error(404, "unknown-link");
        http.call(null, "GET", "/live/not-a-token/frame.jpg", null).error(404, "unknown-link");
        String passage = core.links.sign("passage:1", Duration.ofMinutes(10));
        http.call(null, "GET", "/live/" + passage, null).error(404, "unknown-link");
        String dark = core.links.sign("live:cam-dark", Duration.ofMinutes(10));
        http.call(null, "GET", "/live/" + dark, null).error(503, "no-frame");
        http.call(null, "GET", "/live/" + dark + "/frame.jpg", null).error(503, "no-frame");
        String gone = core.links.sign("live:cam-removed", Duration.ofMinutes(10));
        http.call(null, "GET", "/live/" + gone, null).error(404, "no-live-view");
    }

    @Test
    void theStreamEndsWhenTheLinkExpires() throws Exception {
        String token = core.links.sign("live:cam-pond", Duration.ofSeconds(3));
        HttpResponse<InputStream> r = open(token);
        assertEquals(200, r.statusCode());
        int parts = 0;
        try (InputStream in = r.body()) {
            while (part(in) != null) {
                parts++;
            }
        }
        assertTrue(parts >= 2, parts + " parts before the end");
        http.call(null, "GET", "/live/" + token, null).error(410, "link-expired");
    }

    @Test
    void moreStreamsThanTheLimitAre429() throws Exception {
        String token = core.links.sign("live:cam-pond", Duration.ofMinutes(10));
        List<InputStream> open = openStreams(token, 2);
        try {
            HttpResponse<byte[]> third = CLIENT.send(request(token), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(429, third.statusCode());
            assertTrue(new String(third.body(), StandardCharsets.UTF_8).contains("too-many-streams"));
        } finally {
            for (InputStream in : open) {
                in.close();
            }
        }
        // the server notices the clients that left (at its next writes) and serves again
        for (InputStream in : openStreams(token, 1)) {
            in.close();
        }
    }

    /**
     * Opens streams (each read to its first part), waiting while the server still serves clients that left (streams of
     * an earlier test end at the server's next writes).
     */
    static List<InputStream> openStreams(String token, int wanted) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        while (true) {
            List<InputStream> got = new ArrayList<>();
            int ok = 0;
            for (int i = 0; i < wanted; i++) {
                HttpResponse<InputStream> r = open(token);
                got.add(r.body());
                if (r.statusCode() != 200) {
                    break;
                }
                part(r.body());
                ok++;
            }
            if (ok == wanted) {
                return got;
            }
            for (InputStream in : got) {
                in.close();
            }
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("the server never freed its streams");
            }
            Thread.sleep(500);
        }
    }

    static HttpRequest request(String token) {
        return HttpRequest.newBuilder(URI.create(base + "/live/" + token)).GET().build();
    }

    static HttpResponse<InputStream> open(String token) throws Exception {
        return CLIENT.send(request(token), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** @return the JPEG of the next part of a multipart/x-mixed-replace stream (boundary frame), null at its end */
    static byte[] part(InputStream in) throws IOException {
        String line;
        do {
            line = line(in);
            if (line == null) {
                return null;
            }
        } while (line.isEmpty());
        assertEquals("--frame", line);
        Map<String, String> headers = new HashMap<>();
        while (!(line = line(in)).isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
        }
        assertEquals("image/jpeg", headers.get("content-type"));
        byte[] jpeg = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        assertEquals((byte) 0xFF, jpeg[0]);
        assertEquals((byte) 0xD8, jpeg[1]);
        return jpeg;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int n = b.length();
                return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
            }
            b.append((char) c);
        }
        return b.length() == 0 ? null : b.toString();
    }
}
