package org.gatehouse.device.camera.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

import org.gatehouse.api.recognition.Detection;

/**
 * Follows faces across sampled frames by box overlap (IoU), so that one person in view yields one capture: the frame
 * in which that face scored best (detector score x shorter box side). A track ends when its face has not been seen for
 * {@code gapMillis}; a face still in view after {@code maxMillis} yields a capture and starts a new segment (a person
 * standing at the gate is decided again; the core's repeat window counts it once). Not thread-safe: one per stream.
 */
final class FaceTracker {

    /**
     * The best frame of one track segment.
     *
     * @param track   track number, from 1 per tracker
     * @param at      when the best frame was taken
     * @param jpeg    the best frame, encoded
     * @param face    the face in it
     * @param quality its score (detector score x shorter box side)
     * @param frames  sampled frames the face was seen in during the segment
     * @param first   stream time of the segment's first sighting, ms
     * @param last    stream time of its last sighting, ms
     */
    record Capture(long track, Instant at, byte[] jpeg, Detection face, float quality, int frames, long first,
                   long last) {
    }

    private static final class Track {
        final long id;
        Detection box;
        long lastSeen;
        long segmentStart;
        int frames;
        float bestQuality = -1;
        Instant bestAt;
        Supplier<byte[]> bestImage;
        Detection bestFace;

        Track(long id) {
            this.id = id;
        }
    }

    private final int minFacePx;
    private final int minFrames;
    private final long gapMillis;
    private final double iou;
    private final long maxMillis;
    private final List<Track> tracks = new ArrayList<>();
    private long nextId = 1;
    private long dropped;

    FaceTracker(int minFacePx, int minFrames, long gapMillis, double iou, long maxMillis) {
        this.minFacePx = minFacePx;
        this.minFrames = minFrames;
        this.gapMillis = gapMillis;
        this.iou = iou;
        this.maxMillis = maxMillis;
    }

    static FaceTracker of(CameraSettings s) {
        return new FaceTracker(s.minFacePx(), s.minTrackFrames(), s.trackGapMillis(), s.trackIou(), s.maxTrackMillis());
    }

    /**
     * Adds the faces of one sampled frame.
     *
     * @param t     stream time of the frame in ms, not decreasing
     * @param at    wall-clock time of the frame
     * @param faces the faces found in it
     * @param image the frame as JPEG, asked for only if it is the best of a track that yields a capture
     * @return the captures of the tracks that ended or reached their longest segment
     */
    List<Capture> offer(long t, Instant at, List<Detection> faces, Supplier<byte[]> image) {
        List<Capture> out = new ArrayList<>();
        for (Iterator<Track> it = tracks.iterator(); it.hasNext();) {
            Track tr = it.next();
            if (t - tr.lastSeen > gapMillis) {
                it.remove();
                end(tr, out);
            }
        }
        List<Detection> large = new ArrayList<>();
        for (Detection d : faces) {
            if (Math.min(d.width(), d.height()) >= minFacePx) {
                large.add(d);
            }
        }
        // greedy assignment, best overlap first
        List<float[]> pairs = new ArrayList<>(); // {overlap, track index, face index}
        for (int i = 0; i < tracks.size(); i++) {
            for (int j = 0; j < large.size(); j++) {
                float o = overlap(tracks.get(i).box, large.get(j));
                if (o >= iou) {
                    pairs.add(new float[] { o, i, j });
                }
            }
        }
        pairs.sort((a, b) -> Float.compare(b[0], a[0]));
        boolean[] trackTaken = new boolean[tracks.size()];
        boolean[] faceTaken = new boolean[large.size()];
        for (float[] p : pairs) {
            int i = (int) p[1];
            int j = (int) p[2];
            if (!trackTaken[i] && !faceTaken[j]) {
                trackTaken[i] = true;
                faceTaken[j] = true;
                see(tracks.get(i), t, at, large.get(j), image);
            }
        }
        for (int j = 0; j < large.size(); j++) {
            if (!faceTaken[j]) {
                Track tr = new Track(nextId++);
                tr.segmentStart = t;
                tracks.add(tr);
                see(tr, t, at, large.get(j), image);
            }
        }
        for (Track tr : tracks) {
            if (tr.lastSeen == t && t - tr.segmentStart >= maxMillis) {
                end(tr, out);
                tr.segmentStart = t + 1;
                tr.frames = 0;
                tr.bestQuality = -1;
                tr.bestImage = null;
                tr.bestFace = null;
                tr.bestAt = null;
            }
        }
        return out;
    }

    /** Ends every track (the stream ended or dropped). */
    List<Capture> flush() {
        List<Capture> out = new ArrayList<>();
        for (Track tr : tracks) {
            end(tr, out);
        }
        tracks.clear();
        return out;
    }

    /** @return tracks in progress */
    int active() {
        return tracks.size();
    }

    /** @return segments ended with fewer than the minimum frames (passing glimpses, false detections) */
    long dropped() {
        return dropped;
    }

    /** As {@link #offer(long, Instant, List, Supplier)} with the frame encoded already. */
    List<Capture> offer(long t, Instant at, List<Detection> faces, byte[] jpeg) {
        return offer(t, at, faces, () -> jpeg);
    }

    private static void see(Track tr, long t, Instant at, Detection d, Supplier<byte[]> image) {
        tr.box = d;
        tr.lastSeen = t;
        tr.frames++;
        float q = quality(d);
        if (q > tr.bestQuality) {
            tr.bestQuality = q;
            tr.bestAt = at;
            tr.bestImage = image;
            tr.bestFace = d;
        }
    }

    private void end(Track tr, List<Capture> out) {
        if (tr.bestImage == null) {
            return;
        }
        if (tr.frames < minFrames) {
            dropped++;
            return;
        }
        out.add(new Capture(tr.id, tr.bestAt, tr.bestImage.get(), tr.bestFace, tr.bestQuality, tr.frames, tr.segmentStart,
                tr.lastSeen));
    }

    /** @return detector score x shorter side of the box */
    static float quality(Detection d) {
        return d.score() * Math.min(d.width(), d.height());
    }

    /** @return intersection over union of two boxes */
    static float overlap(Detection a, Detection b) {
        float x1 = Math.max(a.x(), b.x());
        float y1 = Math.max(a.y(), b.y());
        float x2 = Math.min(a.x() + a.width(), b.x() + b.width());
        float y2 = Math.min(a.y() + a.height(), b.y() + b.height());
        float inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
        float union = a.width() * a.height() + b.width() * b.height() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
