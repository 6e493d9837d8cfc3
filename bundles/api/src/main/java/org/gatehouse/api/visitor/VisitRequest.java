package org.gatehouse.api.visitor;

import java.time.Instant;

/**
 * A visit to register (walk-in at the guard room, or by staff on a visitor's behalf).
 *
 * @param visitor the visitor
 * @param hostId  the STAFF person visited
 * @param purpose why, up to 200 characters, may be null
 * @param from    start of the window (not more than 5 minutes in the past)
 * @param to      end of the window, after {@code from}, at most {@code visitor.max.window.hours} (default 24) later
 */
public record VisitRequest(Visitor visitor, String hostId, String purpose, Instant from, Instant to) {
}
