package org.gatehouse.device.camera.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * When person detections become a presence: after {@code person.min.frames} consecutive analysed frames with at least
 * one person (a frame without anyone starts the count again, which drops flicker), and then at most once per
 * {@code person.repeat.seconds} while people stay. Not thread-safe (the detection thread owns it).
 */
final class PresenceRule {
    private final int minFrames;
    private final Duration repeat;
    private int run;
    private Instant last;

    PresenceRule(int minFrames, Duration repeat) {
        this.minFrames = minFrames;
        this.repeat = repeat;
    }

    /**
     * @param at      time of the analysed frame
     * @param persons people found in it
     * @return whether this frame makes a presence event
     */
    boolean observe(Instant at, int persons) {
        if (persons <= 0) {
            run = 0;
            return false;
        }
        run++;
        if (run < minFrames) {
            return false;
        }
        if (last != null && at.isBefore(last.plus(repeat)) && !at.isBefore(last)) {
            return false;
        }
        last = at;
        return true;
    }

    /** The stream ended or restarted: a new run of frames is needed. */
    void reset() {
        run = 0;
    }
}
