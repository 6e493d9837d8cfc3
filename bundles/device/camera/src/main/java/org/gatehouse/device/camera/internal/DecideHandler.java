package org.gatehouse.device.camera.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.access.GateDecision;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.recognition.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each capture to {@link PassageService#decide}: the core identifies the face, applies the gate rules, records
 * the passage and opens the gate's controller. Both device types ({@code facegate} and {@code camera}) go through it.
 * A refusal the core explains (no face in the best frame, an unknown device, the decision not available) is logged as
 * one line, the same reason at most once a minute with the count of those since; nothing is thrown back to the stream.
 */
final class DecideHandler implements Consumer<FaceTracker.Capture> {

    static final long QUIET_MILLIS = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(DecideHandler.class);

    private final String deviceId;
    private final PassageService passages;
    private final LongSupplier clock;
    private final Map<String, long[]> warned = new ConcurrentHashMap<>(); // reason -> {last logged, suppressed}
    private volatile long decided;
    private volatile long refused;
    private volatile long warnings;

    DecideHandler(String deviceId, PassageService passages) {
        this(deviceId, passages, System::currentTimeMillis);
    }

    DecideHandler(String deviceId, PassageService passages, LongSupplier clock) {
        this.deviceId = deviceId;
        this.passages = passages;
        this.clock = clock;
    }

    @Override
    public void accept(FaceTracker.Capture c) {
        GateDecision d;
        try {
            d = passages.decide(deviceId, new Frame(c.jpeg(), "jpeg"), null, c.at());
        } catch (GatehouseException e) {
            refused++;
            if (e.kind() == GatehouseException.Kind.INVALID) {
                LOG.info("Camera '{}': capture of track {} refused: {} ({})", deviceId, c.track(), e.code(),
                        e.getMessage());
            } else {
                warnOnce(e.kind() + " " + e.code(), e.getMessage());
            }
            return;
        } catch (RuntimeException e) {
            refused++;
            warnOnce(e.getClass().getName(), String.valueOf(e.getMessage()));
            return;
        }
        decided++;
        LOG.info("Camera '{}': track {} ({} frames) -> {} {}{}{}", deviceId, c.track(), c.frames(),
                d.open() ? "open" : "deny", d.reason(), d.personId() == null ? "" : " person " + d.personId(),
                d.flags().isEmpty() ? "" : " " + d.flags());
    }

    private void warnOnce(String key, String message) {
        long now = clock.getAsLong();
        long[] state = warned.computeIfAbsent(key, k -> new long[] { Long.MIN_VALUE, 0 });
        synchronized (state) {
            if (state[0] != Long.MIN_VALUE && now - state[0] < QUIET_MILLIS) {
                state[1]++;
                return;
            }
            long suppressed = state[1];
            state[0] = now;
            state[1] = 0;
            warnings++;
            LOG.warn("Camera '{}': the gate decision failed: {}: {}{} (captures are dropped until it answers)",
                    deviceId, key, message, suppressed > 0 ? " (" + suppressed + " more since the last line)" : "");
        }
    }

    long decided() {
        return decided;
    }

    long refused() {
        return refused;
    }

    /** @return WARN lines written */
    long warnings() {
        return warnings;
    }
}
