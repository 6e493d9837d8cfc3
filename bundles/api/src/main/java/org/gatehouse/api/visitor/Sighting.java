package org.gatehouse.api.visitor;

import java.time.Instant;

/**
 * One place and time a visitor was seen (a passage at a gate or a camera), in the visit's trail.
 *
 * @param visitId   the visit
 * @param deviceId  the gate or camera
 * @param zoneId    its zone, may be null
 * @param direction {@code in}, {@code out}, or null for a camera without direction
 * @param passageId the passage (its snapshot), may be null
 * @param at        when
 */
public record Sighting(long visitId, String deviceId, String zoneId, String direction, Long passageId, Instant at) {
}
