package org.gatehouse.device.simulator.internal;

import java.util.Locale;

import org.gatehouse.api.Severity;
import org.gatehouse.support.config.Configs;

/**
 * Validated settings of one simulator, with the periods in milliseconds so tests can run fast.
 *
 * @param deviceId          device id
 * @param deviceType        device type
 * @param eventType         event type
 * @param severity          event severity
 * @param intervalMillis    period of the automatic events, 0 for none
 * @param restoreAfterMillis delay of the restore event after each event, 0 for none
 * @param version           version reported as firmware
 */
record SimulatorSettings(String deviceId, String deviceType, String eventType, Severity severity,
                         long intervalMillis, long restoreAfterMillis, String version) {

    SimulatorSettings {
        Configs.required("device.id", deviceId);
        Configs.notEmpty("device.type", deviceType);
        if (eventType == null || !eventType.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)*")) {
            throw new IllegalArgumentException("event.type '" + eventType
                    + "' is not lower-case dotted words (fence.intrusion)");
        }
        if (severity == null) {
            throw new IllegalArgumentException("severity is required");
        }
        if (intervalMillis < 0 || restoreAfterMillis < 0) {
            throw new IllegalArgumentException("interval.seconds and restore.after.seconds must be >= 0");
        }
    }

    /** Reads and validates a configuration. */
    static SimulatorSettings from(SimulatorConfig config, String version) {
        return new SimulatorSettings(Configs.trim(config.device_id()), Configs.trim(config.device_type()),
                Configs.trim(config.event_type()),
                severity(config.severity()), config.interval_seconds() * 1000L,
                config.restore_after_seconds() * 1000L, version);
    }

    private static Severity severity(String value) {
        try {
            return Severity.valueOf(Configs.trim(value).toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("severity '" + value + "' is not one of INFO, WARNING, MAJOR, CRITICAL");
        }
    }
}
