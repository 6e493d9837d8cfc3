package org.gatehouse.device.camera.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.device.DeviceSink;
import org.gatehouse.api.device.IngestResult;

/** A sink that records what the driver reports; an optional hook may throw instead of accepting an event. */
final class RecordingSink implements DeviceSink {

    final List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();
    final List<String> reasons = new CopyOnWriteArrayList<>();
    final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
    volatile Function<SecurityEvent, RuntimeException> failure = e -> null;
    volatile int calls;

    @Override
    public void status(DeviceStatus status, String reason) {
        statuses.add(status);
        reasons.add(reason);
    }

    @Override
    public IngestResult event(SecurityEvent event) {
        calls++;
        RuntimeException e = failure.apply(event);
        if (e != null) {
            throw e;
        }
        events.add(event);
        return new IngestResult(event, false);
    }
}
