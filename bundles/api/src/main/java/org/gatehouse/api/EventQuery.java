package org.gatehouse.api;

import java.time.Instant;

/**
 * A filter on stored events; null fields do not filter. Results are newest first.
 *
 * @param from     inclusive lower bound of the event time
 * @param to       exclusive upper bound of the event time
 * @param type     exact type, or a prefix ending in {@code *} ({@code fence.*})
 * @param siteId   site
 * @param zoneId   zone
 * @param deviceId device
 * @param offset   first row, 0-based
 * @param limit    page size, 1..1000
 */
public record EventQuery(Instant from, Instant to, String type, String siteId, String zoneId, String deviceId,
                         int offset, int limit) {
    /** @return a query for the newest {@code limit} events */
    public static EventQuery latest(int limit) {
        return new EventQuery(null, null, null, null, null, null, 0, limit);
    }
}
