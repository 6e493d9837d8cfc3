package org.gatehouse.device.camera.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.danger.PresenceEvents;
import org.gatehouse.api.device.LiveView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Person detection with OpenCV's real HOG people detector: vtest.avi (Debian opencv-doc, pedestrians in a hall) gives
 * presences with snapshots; stills of the same package with nobody in them give none; an unreadable source is a
 * clear status, no crash.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PersonDetectionTest {

    static CameraSettings persons(String url, Object... more) {
        Object[] all = new Object[more.length + 4];
        all[0] = "detect";
        all[1] = "persons";
        all[2] = "snapshot_dir";
        all[3] = Paths.get("target", "snapshots").toAbsolutePath().toString();
        System.arraycopy(more, 0, all, 4, more.length);
        return CameraDriverTest.settings(url, all);
    }

    @Test
    void thePedestriansOfTheSampleVideoArePresencesWithSnapshots() throws Exception {
        Path vtest = Video.file("vtest.avi");
        RecordingSink sink = new RecordingSink(true);
        CameraDriver d = new CameraDriver(persons(vtest.toString(), "device_id", "cam-hall", "person_repeat_seconds", 20),
                Video::engine, c -> {
                    throw new AssertionError("detect=persons finds no faces");
                }, "test");
        d.attach(sink);
        assertTrue(d.awaitDone(240_000), "the file is read to its end");
        PersonWatch w = d.persons();
        assertEquals(CameraDriver.END_OF_FILE, sink.reasons.get(sink.reasons.size() - 1));
        assertTrue(w.analysed() >= 2, "frames analysed: " + w.analysed());
        assertFalse(sink.events.isEmpty(), "people walk through the whole video; analysed " + w.analysed());
        SecurityEvent first = sink.events.get(0);
        assertEquals(PresenceEvents.PRESENCE, first.type());
        assertEquals("cam-hall", first.deviceId());
        assertEquals("camera", first.attributes().get(PresenceEvents.ATTR_SENSOR));
        assertTrue(Integer.parseInt(first.attributes().get(PresenceEvents.ATTR_PERSONS)) >= 1);
        double score = Double.parseDouble(first.attributes().get(PresenceEvents.ATTR_SCORE));
        assertTrue(score > 0 && score <= 1, "score " + score);
        assertNotNull(first.snapshotRef());
        assertTrue(first.snapshotRef().startsWith("cameras/cam-hall/snapshots/"), first.snapshotRef());
        byte[] jpeg = d.liveView().snapshot(first.snapshotRef()).orElseThrow();
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertEquals(768, img.getWidth(), "the full frame");
        assertEquals(576, img.getHeight());
        // at most one per person.repeat.seconds (20 s of stream time) while people stay: the video lasts 79.5 s
        for (int i = 1; i < sink.events.size(); i++) {
            Duration gap = Duration.between(sink.events.get(i - 1).time(), sink.events.get(i).time());
            assertTrue(gap.compareTo(Duration.ofSeconds(20)) >= 0, "gap " + gap);
        }
        assertTrue(sink.events.size() <= 4, sink.events.size() + " presences");
        assertTrue(d.liveView().latest().isEmpty(), "no live frame once the file ended");
        System.out.printf("vtest.avi: %d frames sampled, %d analysed, %d dropped while busy, %d presences %s%n",
                d.sampled(), w.analysed(), w.dropped(), sink.events.size(),
                sink.events.stream().map(e -> e.attributes().get("persons") + "@" + e.attributes().get("score")).toList());
    }

    @Test
    void stillsWithNobodyInThemFindNoPerson() throws Exception {
        for (String name : List.of("building.jpg", "fruits.jpg")) {
            BufferedImage img = ImageIO.read(Video.file(name).toFile());
            try (PersonDetector det = new PersonDetector(640, 0.3)) {
                assertEquals(List.of(), det.detect(img), name);
            }
        }
    }

    @Test
    void aCameraOnAnEmptySceneReportsNoPresence() throws Exception {
        Path empty = Video.stillVideo(Video.file("building.jpg"), Paths.get("target", "building-10s.mp4"), 10);
        RecordingSink sink = new RecordingSink(true);
        CameraDriver d = new CameraDriver(persons(empty.toString(), "person_interval_ms", 100L, "person_min_frames", 1),
                Video::engine, c -> {
                }, "test");
        d.attach(sink);
        assertTrue(d.awaitDone(120_000));
        assertTrue(d.persons().analysed() >= 1, "frames were analysed");
        assertEquals(List.of(), sink.events);
    }

    @Test
    void aCorruptFileIsAClearStatusAndNoCrash() throws Exception {
        Path junk = Paths.get("target", "corrupt.avi");
        byte[] bytes = new byte[200_000];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(junk, bytes);
        RecordingSink sink = new RecordingSink(true);
        CameraDriver d = new CameraDriver(persons(junk.toString()), Video::engine, c -> {
        }, "test");
        d.attach(sink);
        CameraDriverTest.await("a second attempt", () -> d.attempts() >= 2, 20_000);
        d.detach();
        assertEquals(DeviceStatus.OFFLINE, sink.statuses.get(0));
        assertTrue(sink.reasons.get(0).startsWith("cannot open " + junk + ": "), sink.reasons.get(0));
        assertEquals(List.of(), sink.events);
        assertTrue(d.liveView().latest().isEmpty());
    }

    @Test
    void theLiveViewEncodesTheNewestFrameOnlyWhenAsked() {
        CameraLiveView live = new CameraLiveView(1000, new SnapshotStore("c", Paths.get("target", "snapshots"), 1));
        assertTrue(live.latest().isEmpty());
        BufferedImage a = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        for (int i = 0; i < 10; i++) {
            live.offer(a, java.time.Instant.ofEpochSecond(i));
        }
        assertEquals(0, live.encodings(), "nobody watched");
        LiveView.Frame f = live.latest().orElseThrow();
        assertEquals(java.time.Instant.ofEpochSecond(9), f.time());
        assertEquals((byte) 0xFF, f.jpeg()[0]);
        assertEquals((byte) 0xD8, f.jpeg()[1]);
        assertEquals(f, live.latest().orElseThrow(), "no new frame: the same encoding");
        assertEquals(1, live.encodings());
        live.clear();
        assertTrue(live.latest().isEmpty());
    }

    @Test
    void presencesNeedConsecutiveFramesAndRepeatAtMostOncePerWindow() {
        PresenceRule r = new PresenceRule(2, Duration.ofSeconds(30));
        java.time.Instant t = java.time.Instant.parse("2026-12-02T10:00:00Z");
        List<Boolean> out = new ArrayList<>();
        int[] persons = {1, 0, 1, 1, 2, 1, 0, 1, 1};
        for (int i = 0; i < persons.length; i++) {
            out.add(r.observe(t.plusSeconds(i * 5L), persons[i]));
        }
        // flicker (one frame) dropped; the second consecutive frame is a presence; 30 s later the next
        assertEquals(List.of(false, false, false, true, false, false, false, false, false), out);
        assertTrue(r.observe(t.plusSeconds(50), 1), "30 s after the first");
    }
}
