package org.gatehouse.api.visitor;

import java.time.Instant;

/**
 * One visit.
 *
 * @param id            visit id (positive, increasing)
 * @param personId      the VISITOR person that carries the visitor's face in the gallery and on the terminals
 *                      ({@code visitor-<id>})
 * @param visitorName   the visitor's name
 * @param phone         the visitor's phone, may be null
 * @param idNumber      the ID number, always masked ({@code 3601**********1234}); null when none was given or after
 *                      the retention purged it
 * @param hostId        the host (a STAFF person)
 * @param hostName      the host's name (null if the person was deleted)
 * @param purpose       why, may be null
 * @param from          start of the window
 * @param to            end of the window
 * @param state         the state
 * @param photo         whether a face photo is enrolled (false after the retention purged it)
 * @param source        {@code walk-in}, {@code invitation} or {@code staff}
 * @param createdBy     the user who registered it ({@code invitation} for the link page)
 * @param createdAt     when
 * @param decidedBy     who approved or rejected it, may be null
 * @param decidedAt     when, may be null
 * @param note          the reason given with a rejection or a cancellation, may be null
 * @param arrivedAt     the first passage in the window, may be null
 * @param leftAt        when it was closed as LEFT, may be null
 * @param lastSeenAt    the latest sighting, may be null
 * @param lastSeenAt    the device of the latest sighting, may be null
 * @param overstay      ARRIVED and still on campus after {@code to}
 */
public record Visit(long id, String personId, String visitorName, String phone, String idNumber, String hostId,
                    String hostName, String purpose, Instant from, Instant to, VisitState state, boolean photo,
                    String source, String createdBy, Instant createdAt, String decidedBy, Instant decidedAt,
                    String note, Instant arrivedAt, Instant leftAt, Instant lastSeenAt, String lastSeenDevice,
                    boolean overstay) {
    /** {@link #source} of a visit registered at the guard room. */
    public static final String SOURCE_WALK_IN = "walk-in";
    /** {@link #source} of a visit the visitor filled in from the host's invitation link. */
    public static final String SOURCE_INVITATION = "invitation";
    /** {@link #source} of a visit staff registered through the console or the API. */
    public static final String SOURCE_STAFF = "staff";
}
