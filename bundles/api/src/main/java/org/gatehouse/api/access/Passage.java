package org.gatehouse.api.access;

import java.time.Instant;

/**
 * One recorded passage through a face gate.
 *
 * @param id          store identifier
 * @param deviceId    the face gate
 * @param zoneId      the zone of the gate (may be null)
 * @param direction   {@link #IN} or {@link #OUT}, from the gate's {@code direction} property
 * @param personId    the identified person, null for a stranger
 * @param score       similarity of the best candidate (null when the gallery had no candidate)
 * @param temperature body temperature in degrees Celsius measured by the gate, null if none
 * @param snapshot    the snapshot file name relative to the snapshot directory ({@code yyyy/MM/dd/<id>.jpg}), null
 *                    once purged
 * @param time        when the gate captured the face
 * @param eventId     the id of the spine event the passage published
 */
public record Passage(long id, String deviceId, String zoneId, String direction, String personId, Float score,
                      Float temperature, String snapshot, Instant time, String eventId) {
    /** Direction of a gate into the campus. */
    public static final String IN = "in";
    /** Direction of a gate out of the campus. */
    public static final String OUT = "out";

    /** @return true if nobody in the gallery matched */
    public boolean stranger() {
        return personId == null;
    }
}
