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
 * @param group    only passages of the persons whose group is this (a class such as {@code 3-2}); strangers are left
 *                 out (since 1.1)
 */
public record PassageQuery(String personId, String deviceId, Instant from, Instant to, int offset, int limit,
                           String group) {
    /** A query without a group filter. */
    public PassageQuery(String personId, String deviceId, Instant from, Instant to, int offset, int limit) {
        this(personId, deviceId, from, to, offset, limit, null);
    }
}
