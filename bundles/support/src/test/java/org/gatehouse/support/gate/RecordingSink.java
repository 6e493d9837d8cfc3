package org.gatehouse.support.gate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.device.DeviceSink;
import org.gatehouse.api.device.IngestResult;

/** Keeps the statuses and events a driver reports to the core, in order. */
public class RecordingSink implements DeviceSink {
    public final List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();
    public final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void status(DeviceStatus status, String reason) {
        statuses.add(status);
    }

    @Override
    public IngestResult event(SecurityEvent event) {
        events.add(event);
        return new IngestResult(event, false);
    }

    /** @return the last status reported, or null */
    public DeviceStatus last() {
        return statuses.isEmpty() ? null : statuses.get(statuses.size() - 1);
    }
}
