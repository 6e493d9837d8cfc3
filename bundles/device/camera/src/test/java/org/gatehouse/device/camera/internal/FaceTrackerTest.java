package org.gatehouse.device.camera.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.gatehouse.api.recognition.Detection;
import org.junit.jupiter.api.Test;

/** The tracker on face boxes as a detector reports them, frame by frame at 5 frames/s (200 ms apart). */
class FaceTrackerTest {

    static Detection box(float x, float y, float size, float score) {
        return new Detection(x, y, size, size, score, new float[0]);
    }

    static byte[] jpeg(int n) {
        return new byte[] { (byte) n };
    }

    static FaceTracker tracker() {
        return new FaceTracker(60, 2, 1500, 0.3, 10_000);
    }

    @Test
    void onePersonWalkingPastYieldsOneCaptureOfTheBestFrame() {
        FaceTracker t = tracker();
        List<FaceTracker.Capture> out = new ArrayList<>();
        // walks left to right, the face grows as the person comes closer; frame 6 scores best
        float[] scores = { 0.7f, 0.8f, 0.85f, 0.9f, 0.9f, 0.9f, 0.99f, 0.8f, 0.7f };
        for (int i = 0; i < scores.length; i++) {
            out.addAll(t.offer(i * 200L, Instant.ofEpochMilli(i * 200L), List.of(box(100 + i * 15, 100, 80 + i * 2, scores[i])),
                    jpeg(i)));
        }
        assertTrue(out.isEmpty(), "nothing before the track ends");
        // the person has gone: empty frames until the gap passes
        for (int i = scores.length; i < scores.length + 10; i++) {
            out.addAll(t.offer(i * 200L, Instant.ofEpochMilli(i * 200L), List.of(), jpeg(i)));
        }
        assertEquals(1, out.size());
        FaceTracker.Capture c = out.get(0);
        assertArrayEquals(jpeg(6), c.jpeg());
        assertEquals(Instant.ofEpochMilli(1200), c.at());
        assertEquals(scores.length, c.frames());
        assertEquals(0, t.active());
    }

    @Test
    void twoPeopleSideBySideAreTwoTracks() {
        FaceTracker t = tracker();
        for (int i = 0; i < 5; i++) {
            t.offer(i * 200L, Instant.EPOCH, List.of(box(50 + i * 5, 100, 90, 0.9f), box(400 - i * 5, 120, 70, 0.8f)),
                    jpeg(i));
        }
        assertEquals(2, t.active());
        List<FaceTracker.Capture> out = t.flush();
        assertEquals(2, out.size());
        assertEquals(5, out.get(0).frames());
        assertEquals(5, out.get(1).frames());
    }

    @Test
    void aPersonWhoLeavesAndComesBackIsCapturedTwice() {
        FaceTracker t = tracker();
        List<FaceTracker.Capture> out = new ArrayList<>();
        long ms = 0;
        for (int i = 0; i < 5; i++, ms += 200) {
            out.addAll(t.offer(ms, Instant.EPOCH, List.of(box(100, 100, 100, 0.9f)), jpeg(1)));
        }
        for (int i = 0; i < 10; i++, ms += 200) { // 2 s away: longer than the 1.5 s gap
            out.addAll(t.offer(ms, Instant.EPOCH, List.of(), jpeg(0)));
        }
        for (int i = 0; i < 5; i++, ms += 200) {
            out.addAll(t.offer(ms, Instant.EPOCH, List.of(box(100, 100, 100, 0.9f)), jpeg(2)));
        }
        out.addAll(t.flush());
        assertEquals(2, out.size());
        assertArrayEquals(jpeg(1), out.get(0).jpeg());
        assertArrayEquals(jpeg(2), out.get(1).jpeg());
    }

    @Test
    void aMissedDetectionShorterThanTheGapKeepsTheTrack() {
        FaceTracker t = tracker();
        List<FaceTracker.Capture> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            List<Detection> faces = i % 3 == 1 ? List.of() : List.of(box(100, 100, 100, 0.9f));
            out.addAll(t.offer(i * 200L, Instant.EPOCH, faces, jpeg(i)));
        }
        out.addAll(t.flush());
        assertEquals(1, out.size());
        assertEquals(8, out.get(0).frames());
    }

    @Test
    void aPersonStandingStillYieldsACaptureEveryLongestSegment() {
        FaceTracker t = tracker();
        List<FaceTracker.Capture> out = new ArrayList<>();
        for (int i = 0; i <= 125; i++) { // 25 s in view at 5 frames/s
            out.addAll(t.offer(i * 200L, Instant.EPOCH, List.of(box(100, 100, 100, 0.9f)), jpeg(i)));
        }
        assertEquals(2, out.size(), "at 10 s and 20 s");
        assertEquals(1, t.active());
        out.addAll(t.flush());
        assertEquals(3, out.size(), "and the last 5 s when the stream ends");
        assertEquals(out.get(0).track(), out.get(2).track(), "segments of one track");
    }

    @Test
    void smallFacesAndSingleGlimpsesYieldNothing() {
        FaceTracker t = tracker();
        List<FaceTracker.Capture> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.addAll(t.offer(i * 200L, Instant.EPOCH, List.of(box(100, 100, 40, 0.99f)), jpeg(i)));
        }
        out.addAll(t.offer(2000, Instant.EPOCH, List.of(box(300, 300, 100, 0.6f)), jpeg(99))); // one frame only
        out.addAll(t.flush());
        assertTrue(out.isEmpty());
        assertEquals(1, t.dropped());
    }

    @Test
    void overlapOfBoxes() {
        assertEquals(1f, FaceTracker.overlap(box(0, 0, 10, 1), box(0, 0, 10, 1)), 1e-6);
        assertEquals(0f, FaceTracker.overlap(box(0, 0, 10, 1), box(20, 0, 10, 1)), 1e-6);
        assertEquals(50f / 150f, FaceTracker.overlap(box(0, 0, 10, 1), box(5, 0, 10, 1)), 1e-6);
    }
}
