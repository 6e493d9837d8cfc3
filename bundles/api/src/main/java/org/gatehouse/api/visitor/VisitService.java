package org.gatehouse.api.visitor;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.gatehouse.api.Page;
import org.gatehouse.api.recognition.Frame;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Visits. Each visit has a VISITOR person of its own ({@code visitor-<id>}) that carries the face photo; approving
 * sets that person's access validity to the window (the rosters push it to the terminals with the window and remove
 * it when the window ends). At the gates a matched visitor is admitted inside the window only; the first passage sets
 * ARRIVED (event {@code visit.arrived}), every passage or camera sighting is added to the trail, a passage out sets
 * LEFT ({@code visit.left}), an ARRIVED visitor not gone at the window's end raises {@code visit.overstay}
 * (WARNING, an alarm). Faces and ID numbers are deleted {@code visitor.retention.days} (30) after the window ends; the
 * visit records stay. Every change is audited and published as an event {@code visit.<state>} with attributes
 * {@code visitId}, {@code hostId}, {@code state}.
 *
 * <p>Expected bad input throws {@link org.gatehouse.api.GatehouseException}: INVALID {@code bad-window} (ends before it
 * starts, lies in the past, too long), {@code missing-name}, {@code bad-phone}, {@code bad-id-number}, the face codes
 * of the photo ({@code no-face}, {@code several-faces}, {@code face-too-small}, ...), NOT_FOUND {@code unknown-host}
 * (also a host who is not STAFF), {@code unknown-visit}, {@code unknown-invitation}; CONFLICT
 * {@code duplicate-visit} (the same phone or ID number already has a visit overlapping the window),
 * {@code bad-state} (e.g. approving a rejected visit), {@code invitation-expired}, {@code invitation-used} (REST
 * answers 410 for these two).
 */
@ProviderType
public interface VisitService {
    String EVENT_PENDING = "visit.pending";
    String EVENT_APPROVED = "visit.approved";
    String EVENT_REJECTED = "visit.rejected";
    String EVENT_ARRIVED = "visit.arrived";
    String EVENT_LEFT = "visit.left";
    String EVENT_EXPIRED = "visit.expired";
    String EVENT_CANCELLED = "visit.cancelled";
    /** An ARRIVED visitor still on campus after the window (severity WARNING: raises an alarm). */
    String EVENT_OVERSTAY = "visit.overstay";

    /** Registers a visit (PENDING; the host is asked to approve). */
    Visit register(VisitRequest request, String source, String actor);

    /** Enrolls the visitor's face photo (exactly one face, the face quality gate), replacing an earlier one. */
    Visit photo(long visitId, Frame photo, String actor);

    /** Creates a host's one-time invitation link for a window. */
    Invitation invite(String hostId, String purpose, Instant from, Instant to, String actor);

    /** @return an invitation by its token, also a used or expired one (the page says so) */
    Optional<Invitation> invitation(String token);

    /**
     * The visitor's answer to an invitation: details and selfie, checked at once; creates the visit (PENDING,
     * source {@code invitation}) and uses the token up. Nothing is stored when the selfie is refused, and the token
     * stays usable.
     */
    Visit redeem(String token, Visitor visitor, Frame selfie);

    Visit approve(long visitId, String actor);

    Visit reject(long visitId, String note, String actor);

    Visit cancel(long visitId, String note, String actor);

    /** Closes an ARRIVED visit by hand (the guard room saw the visitor leave). */
    Visit leave(long visitId, String actor);

    Optional<Visit> visit(long visitId);

    /** The visit of a VISITOR person. */
    Optional<Visit> visitOfPerson(String personId);

    /**
     * Visits whose window touches a day (in the gate time zone), newest window first.
     *
     * @param date  null for every day
     * @param state null for every state
     */
    Page<Visit> visits(LocalDate date, VisitState state, int offset, int limit);

    /**
     * As {@link #visits(LocalDate, VisitState, int, int)}, only the visits of one host (a teacher's own).
     *
     * @param hostId null for every host
     * @since 1.1
     */
    default Page<Visit> visits(LocalDate date, VisitState state, String hostId, int offset, int limit) {
        if (hostId == null) {
            return visits(date, state, offset, limit);
        }
        throw new org.gatehouse.api.GatehouseException(org.gatehouse.api.GatehouseException.Kind.UNAVAILABLE,
                "host-filter-unsupported", "this visit service cannot list the visits of one host");
    }

    /** @return the trail of a visit, oldest first */
    List<Sighting> trail(long visitId);

    /** The face photo of a visit, audited as a personal-data read. */
    byte[] photoOf(long visitId, String reader);
}
