package org.gatehouse.api;

import java.time.Instant;
import java.util.Map;

/**
 * The canonical event every driver produces: one thing that happened at one device.
 *
 * <p>Types are lower-case dotted words, most general first: {@code fence.intrusion}, {@code gate.passage},
 * {@code face.capture}. An event whose attribute {@value #ATTR_STATE} is {@value #STATE_RESTORE} tells that the
 * condition of the same device and type is over (it clears the alarm it raised).
 *
 * @param id          unique id; drivers should derive it from the vendor's own event id so redelivery is idempotent.
 *                    Null lets the spine assign a random one.
 * @param time        when it happened at the device; null means now
 * @param siteId      site; null takes the device's site
 * @param deviceId    the device that reported it (must be registered)
 * @param zoneId      zone; null takes the device's zone
 * @param type        event type, {@code [a-z0-9_-]+(\.[a-z0-9_-]+)*}
 * @param severity    severity; null means {@link Severity#INFO}
 * @param attributes  vendor attributes, strings only
 * @param snapshotRef reference to a stored snapshot image, may be null
 * @param personId    the person recognised, may be null
 */
public record SecurityEvent(String id, Instant time, String siteId, String deviceId, String zoneId, String type,
                            Severity severity, Map<String, String> attributes, String snapshotRef, String personId) {

    /** Attribute telling the condition state; see {@link #STATE_RESTORE}. */
    public static final String ATTR_STATE = "state";
    /** Value of {@link #ATTR_STATE} for an event that ends a condition. */
    public static final String STATE_RESTORE = "restore";

    public SecurityEvent {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** @return true if this event ends a condition rather than starting one */
    public boolean isRestore() {
        return STATE_RESTORE.equals(attributes.get(ATTR_STATE));
    }

    /** @return a short builder-style copy with the given id, time, site and zone filled in */
    public SecurityEvent complete(String newId, Instant newTime, String newSite, String newZone, Severity newSeverity) {
        return new SecurityEvent(newId, newTime, newSite, deviceId, newZone, type, newSeverity, attributes,
                snapshotRef, personId);
    }
}
