package org.gatehouse.device.camera.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.device.DeviceSink;
import org.gatehouse.api.device.IngestResult;

/** Records the statuses the camera reports; a camera sends no events (its captures go to the gate decision). */
final class RecordingSink implements DeviceSink {

    final List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();
    final List<String> reasons = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void status(DeviceStatus status, String reason) {
        reasons.add(reason);
        statuses.add(status);
    }

    @Override
    public IngestResult event(SecurityEvent event) {
        throw new AssertionError("the camera sent an event: " + event);
    }
}
