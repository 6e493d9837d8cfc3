package org.gatehouse.device.camera.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.device.DeviceSink;
import org.gatehouse.api.device.IngestResult;

/**
 * Records the statuses the camera reports. Its face captures go to the gate decision, never here; the only events are
 * the person detector's presences ({@code zone.presence}), recorded when {@code presences} is set.
 */
final class RecordingSink implements DeviceSink {

    final List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();
    final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
    private final boolean presences;

    RecordingSink() {
        this(false);
    }

    RecordingSink(boolean presences) {
        this.presences = presences;
    }
    final List<String> reasons = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void status(DeviceStatus status, String reason) {
        reasons.add(reason);
        statuses.add(status);
    }

    @Override
    public IngestResult event(SecurityEvent event) {
        if (!presences || !"zone.presence".equals(event.type())) {
            throw new AssertionError("the camera sent an event: " + event);
        }
        events.add(event);
        return new IngestResult(event, false);
    }
}
