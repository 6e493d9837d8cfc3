package org.gatehouse.rest.internal.live;

/**
 * Settings of the live view streams.
 *
 * @param maxStreams MJPEG streams served at once (more get 429 too-many-streams)
 * @param fps        frames per second a stream sends at most
 */
public record LiveConfig(int maxStreams, double fps) {
    public static final int DEFAULT_MAX_STREAMS = 8;
    public static final double DEFAULT_FPS = 4;

    public LiveConfig {
        if (maxStreams < 1) {
            throw new IllegalArgumentException("live.max.streams must be at least 1");
        }
        if (!(fps > 0 && fps <= 25)) {
            throw new IllegalArgumentException("live.fps must be above 0 and at most 25");
        }
    }

    public static LiveConfig defaults() {
        return new LiveConfig(DEFAULT_MAX_STREAMS, DEFAULT_FPS);
    }
}
