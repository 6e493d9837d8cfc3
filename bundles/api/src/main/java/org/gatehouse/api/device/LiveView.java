package org.gatehouse.api.device;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A camera's live picture, published by its driver as an OSGi service with property {@link DeviceDriver#DEVICE_ID}.
 * Gatehouse serves it as an MJPEG stream behind a signed, expiring link (a phone opens it in its browser).
 *
 * @since 1.1
 */
@ConsumerType
public interface LiveView {
    /** @return the newest decoded frame as JPEG, empty when the camera has none (offline, not started) */
    Optional<Frame> latest();

    /**
     * A snapshot this camera stored for one of its events (a {@code zone.presence} of its person detector), by the
     * event's {@link org.gatehouse.api.SecurityEvent#snapshotRef()}.
     *
     * @return the JPEG, empty when the reference is not one of this camera's or the snapshot was purged
     * @since 1.1
     */
    default Optional<byte[]> snapshot(String ref) {
        return Optional.empty();
    }

    /** One JPEG frame and when it was taken. */
    record Frame(Instant time, byte[] jpeg) {
    }
}
