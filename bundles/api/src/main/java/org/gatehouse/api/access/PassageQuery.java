package org.gatehouse.api.access;

import java.time.Instant;

/**
 * Filters of {@link PassageService#passages}; null fields do not filter. Newest first.
 *
 * @param personId only this person's passages
 * @param deviceId only this gate's passages
 * @param from     at or after
 * @param to       before
 * @param offset   rows to skip
 * @param limit    page size (1..1000)
 */
public record PassageQuery(String personId, String deviceId, Instant from, Instant to, int offset, int limit) {
}
