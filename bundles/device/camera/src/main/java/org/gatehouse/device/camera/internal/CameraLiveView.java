package org.gatehouse.device.camera.internal;

import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.Optional;

import org.gatehouse.api.device.LiveView;

/**
 * The newest sampled frame of a camera for its live view. The stream thread only hands over its frame (no copy, no
 * encoding); the frame is encoded as JPEG when a viewer asks for it, at most {@code live.fps} times a second (asked
 * more often, the last encoding is answered again), so a camera nobody watches never encodes. Cleared while the
 * camera is offline.
 */
final class CameraLiveView implements LiveView {

    private final long minNanos;
    private final SnapshotStore snapshots;
    private BufferedImage image; // guarded by this
    private Instant time; // guarded by this
    private Frame encoded; // guarded by this
    private boolean fresh; // guarded by this: image is newer than encoded
    private long encodedAt = Long.MIN_VALUE; // guarded by this
    private long encodings; // guarded by this

    CameraLiveView(double fps, SnapshotStore snapshots) {
        this.minNanos = (long) (1_000_000_000L / fps);
        this.snapshots = snapshots;
    }

    /** The stream thread's newest frame (the sample's own copy, never changed afterwards). */
    synchronized void offer(BufferedImage frame, Instant at) {
        image = frame;
        time = at;
        fresh = true;
    }

    /** The camera is offline: no frame until frames flow again. */
    synchronized void clear() {
        image = null;
        time = null;
        encoded = null;
        fresh = false;
    }

    @Override
    public synchronized Optional<Frame> latest() {
        if (image == null) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        if (fresh && (encoded == null || now - encodedAt >= minNanos)) {
            encoded = new Frame(time, VideoSource.jpeg(image));
            encodedAt = now;
            fresh = false;
            encodings++;
        }
        return Optional.ofNullable(encoded);
    }

    /** A presence snapshot of this camera, by its event's {@code snapshotRef}. */
    @Override
    public Optional<byte[]> snapshot(String ref) {
        return snapshots.read(ref);
    }

    synchronized long encodings() {
        return encodings;
    }
}
