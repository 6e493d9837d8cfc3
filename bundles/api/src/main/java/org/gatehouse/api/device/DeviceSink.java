package org.gatehouse.api.device;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.SecurityEvent;
import org.osgi.annotation.versioning.ProviderType;

/** The core's side of a driver: where a driver reports what it hears. Implemented by the core only. */
@ProviderType
public interface DeviceSink {
    /** Reports a connection state change, with a reason for operators. */
    void status(DeviceStatus status, String reason);

    /**
     * Reports an event. When this returns, the event is durably stored, so the driver may acknowledge it to the
     * device. The device id of the event is forced to this sink's device.
     *
     * @return whether the event was new or a duplicate of a stored one (same id)
     * @throws org.gatehouse.api.GatehouseException of kind INVALID when the event is malformed
     */
    IngestResult event(SecurityEvent event);

    /**
     * Reports an event of another registered device that this driver hears for, as a receiver does for the panels
     * and zones mapped to it (a DC-09 receiver reporting a fence's alarm). Same contract as {@link #event}, except
     * that the event's device id is forced to {@code forDevice}. The default reports for this sink's own device, for
     * sinks that cannot report for others.
     *
     * @param forDevice the id of a registered device; null means this sink's device
     * @since 1.1
     */
    default IngestResult event(SecurityEvent event, String forDevice) {
        return event(event);
    }
}
