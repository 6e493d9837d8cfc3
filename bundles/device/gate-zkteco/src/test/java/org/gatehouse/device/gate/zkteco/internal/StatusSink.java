package org.gatehouse.device.gate.zkteco.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.device.DeviceSink;
import org.gatehouse.api.device.IngestResult;

/** Keeps the statuses and events the driver reports, in order. */
final class StatusSink implements DeviceSink {
    final List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();
    final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void status(DeviceStatus status, String reason) {
        statuses.add(status);
    }

    @Override
    public IngestResult event(SecurityEvent event) {
        events.add(event);
        return new IngestResult(event, false);
    }
}
