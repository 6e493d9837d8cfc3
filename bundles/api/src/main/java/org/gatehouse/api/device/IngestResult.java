package org.gatehouse.api.device;

import org.gatehouse.api.SecurityEvent;

/**
 * Outcome of handing an event to the spine.
 *
 * @param event     the event as stored (id, time, site and zone filled in)
 * @param duplicate true if an event with this id was already stored; it was not published again
 */
public record IngestResult(SecurityEvent event, boolean duplicate) {
}
