package org.gatehouse.device.camera.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.recognition.Embedding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The driver on real video (franck.mp4: one person, in view for the whole 200 s) with the real ONNX engine, and on
 * streams that cannot be opened or drop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CameraDriverTest {

    private Map<String, Embedding> gallery;

    @BeforeAll
    void gallery() throws IOException {
        gallery = Video.gallery();
        assertTrue(gallery.containsKey("franck") && gallery.size() > 10, "franck and the others enrolled");
    }

    static CameraSettings settings(String url, Object... more) {
        Object[] all = new Object[more.length + 4];
        all[0] = "reconnect_min_ms";
        all[1] = 50L;
        all[2] = "reconnect_max_ms";
        all[3] = 400L;
        System.arraycopy(more, 0, all, 4, more.length);
        return CameraSettingsTest.settings(url, all);
    }

    static CameraDriver driver(CameraSettings s, List<FaceTracker.Capture> captures) {
        return new CameraDriver(s, Video::engine, captures::add, "test");
    }

    static void await(String what, BooleanSupplier condition, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void thePersonInViewForTheWholeVideoIsOneCaptureIdentifiedAsFranck() throws Exception {
        List<FaceTracker.Capture> captures = new CopyOnWriteArrayList<>();
        RecordingSink sink = new RecordingSink();
        // a track segment longer than the video: one appearance, one capture
        CameraDriver d = driver(settings("file:" + Video.franck(), "max_track_ms", 300_000L), captures);
        d.attach(sink);
        assertTrue(d.awaitDone(240_000), "the file is read to its end");
        assertEquals(List.of(DeviceStatus.ONLINE, DeviceStatus.OFFLINE), sink.statuses);
        assertEquals("receiving 360x288 from file:" + Video.franck(), sink.reasons.get(0));
        assertEquals(CameraDriver.END_OF_FILE, sink.reasons.get(1));
        assertEquals(1000, d.sampled(), "200 s at 5 frames/s");
        assertEquals(1, captures.size(), "franck never leaves the picture");
        FaceTracker.Capture c = captures.get(0);
        assertTrue(c.frames() > 900, "seen in nearly every sampled frame: " + c.frames());
        Map.Entry<String, Float> who = Video.identify(gallery, c.jpeg());
        assertEquals("franck", who.getKey());
        assertTrue(who.getValue() >= 0.45f, "above the core's gate threshold: " + who.getValue());
        d.detach();
    }

    @Test
    void withTheDefaultSegmentEveryTenSecondsAreDecidedAndADecisionNotYetBuiltIsLoggedOnce() throws Exception {
        List<FaceTracker.Capture> decided = new CopyOnWriteArrayList<>();
        PassageService notBuilt = (PassageService) Proxy.newProxyInstance(PassageService.class.getClassLoader(),
                new Class<?>[] { PassageService.class }, (p, m, a) -> {
                    if (m.getName().equals("decide")) {
                        assertEquals("gate-cam-1", a[0]);
                        assertTrue(a[3] instanceof Instant);
                        throw GatehouseException.unavailable("not-built", "the gate decision is being built", null);
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        // a clock that stands still: the 20 refusals fall within one minute however slowly a loaded machine reads
        DecideHandler handler = new DecideHandler("gate-cam-1", notBuilt, () -> 0L);
        RecordingSink sink = new RecordingSink();
        CameraDriver d = new CameraDriver(settings(Video.franck().toString()), Video::engine, c -> {
            decided.add(c);
            handler.accept(c);
        }, "test");
        d.attach(sink);
        assertTrue(d.awaitDone(240_000));
        assertEquals(CameraDriver.END_OF_FILE, sink.reasons.get(sink.reasons.size() - 1));
        // 200 s in view: a capture at each 10 s segment
        assertEquals(20, decided.size());
        assertEquals(20, handler.refused());
        assertEquals(1, handler.warnings(), "one WARN line for 20 refusals within a minute");
        Map<String, Integer> identities = new java.util.HashMap<>();
        for (FaceTracker.Capture c : decided) {
            identities.merge(Video.identify(gallery, c.jpeg()).getKey(), 1, Integer::sum);
        }
        assertEquals(Map.of("franck", 20), identities);
    }

    @Test
    void aUrlThatCannotBeOpenedIsOfflineWithTheReasonAndRetriedWithBackoff() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nobody listens there
        }
        RecordingSink sink = new RecordingSink();
        CameraDriver d = driver(settings("http://user:pw@127.0.0.1:" + port + "/live.ts"), new ArrayList<>());
        d.attach(sink);
        await("three attempts", () -> d.attempts() >= 3, 10_000);
        d.detach();
        assertEquals(List.of(DeviceStatus.OFFLINE), sink.statuses, "reported once, not at every attempt");
        assertEquals("cannot open http://user:***@127.0.0.1:" + port + "/live.ts: Connection refused (FFmpeg -111)",
                sink.reasons.get(0));
    }

    @Test
    void aServerThatAcceptsButNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // never reads nor writes
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            RecordingSink sink = new RecordingSink();
            CameraDriver d = driver(settings("http://127.0.0.1:" + silent.getLocalPort() + "/live.ts", "timeout_ms", 500L),
                    new ArrayList<>());
            d.attach(sink);
            await("a status", () -> !sink.reasons.isEmpty(), 20_000);
            d.detach();
            assertEquals(DeviceStatus.OFFLINE, sink.statuses.get(0));
            assertTrue(sink.reasons.get(0).startsWith("cannot open http://127.0.0.1:" + silent.getLocalPort()
                    + "/live.ts: "), sink.reasons.get(0));
            assertTrue(sink.reasons.get(0).contains("timed out"), sink.reasons.get(0));
            for (java.net.Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aMissingFileIsOfflineWithTheReason() throws Exception {
        RecordingSink sink = new RecordingSink();
        CameraDriver d = driver(settings("file:/nonexistent/gate.mp4"), new ArrayList<>());
        d.attach(sink);
        await("a status", () -> !sink.statuses.isEmpty(), 10_000);
        await("a second attempt", () -> d.attempts() >= 2, 10_000);
        d.detach();
        assertEquals("cannot open file:/nonexistent/gate.mp4: No such file or directory (FFmpeg -2)", sink.reasons.get(0));
    }

    @Test
    void theFirstKilobytesOfAnMp4WithItsIndexAtTheEndCannotBeOpened() throws Exception {
        Path cut = Paths.get("target", "franck-first-256k.mp4");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(Video.franck()), 256 * 1024));
        RecordingSink sink = new RecordingSink();
        CameraDriver d = driver(settings(cut.toString()), new ArrayList<>());
        d.attach(sink);
        await("a second attempt", () -> d.attempts() >= 2, 10_000);
        d.detach();
        assertEquals(DeviceStatus.OFFLINE, sink.statuses.get(0));
        assertTrue(sink.reasons.get(0).startsWith("cannot open " + cut + ": "), sink.reasons.get(0));
    }

    @Test
    void aFileWithLoopStartsAgainWhenItEnds() throws Exception {
        Video.truncatedFaststart(Paths.get("target"), 12);
        Path whole = Paths.get("target", "franck-head.mp4"); // the 12 s before the cut
        RecordingSink sink = new RecordingSink();
        CameraDriver d = driver(settings(whole.toString(), "loop", true), new CopyOnWriteArrayList<>());
        d.attach(sink);
        await("the second pass", () -> d.attempts() >= 2 && sink.statuses.size() >= 3, 60_000);
        d.detach();
        assertEquals(List.of(DeviceStatus.ONLINE, DeviceStatus.OFFLINE, DeviceStatus.ONLINE), sink.statuses.subList(0, 3));
        assertEquals(CameraDriver.END_OF_FILE, sink.reasons.get(1));
    }

    @Test
    void aFileThatEndsBeforeItsStatedLengthDropsAndIsOpenedAgain() throws Exception {
        Path cut = Video.truncatedFaststart(Paths.get("target"), 12);
        List<FaceTracker.Capture> captures = new CopyOnWriteArrayList<>();
        RecordingSink sink = new RecordingSink();
        CameraDriver d = driver(settings(cut.toString(), "max_track_ms", 300_000L), captures);
        d.attach(sink);
        await("a reconnect after the drop", () -> d.attempts() >= 2 && sink.statuses.size() >= 3, 60_000);
        d.detach();
        assertEquals(DeviceStatus.ONLINE, sink.statuses.get(0));
        assertEquals(DeviceStatus.OFFLINE, sink.statuses.get(1));
        assertTrue(sink.reasons.get(1).startsWith("stream dropped: file ended at "), sink.reasons.get(1));
        assertTrue(sink.reasons.get(1).endsWith(" of 12.0 s"), sink.reasons.get(1));
        assertEquals(DeviceStatus.ONLINE, sink.statuses.get(2), "frames flow again after the reconnect");
        assertFalse(captures.isEmpty(), "what was seen before the drop is still decided");
        assertEquals("franck", Video.identify(gallery, captures.get(0).jpeg()).getKey());
    }
}
