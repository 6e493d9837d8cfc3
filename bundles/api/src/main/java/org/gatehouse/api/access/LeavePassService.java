package org.gatehouse.api.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gatehouse.api.Page;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Early-leave passes. Every change is audited and published on the spine as {@code leave.requested},
 * {@code leave.approved}, {@code leave.rejected} (person = the student), so the homeroom teacher and the guardians
 * can be told.
 */
@ProviderType
public interface LeavePassService {
    /**
     * @throws org.gatehouse.api.GatehouseException NOT_FOUND {@code unknown-person}, INVALID {@code not-a-student},
     *                                              {@code bad-window} (from not before to, or longer than 7 days),
     *                                              {@code missing-reason}
     */
    LeavePass request(String studentId, Instant from, Instant to, String reason, String actor);

    /**
     * Approves or rejects a PENDING pass.
     *
     * @throws org.gatehouse.api.GatehouseException NOT_FOUND {@code unknown-pass}, CONFLICT {@code not-pending}
     */
    LeavePass decide(long id, boolean approve, String actor);

    /** Cancels a PENDING or APPROVED pass. */
    LeavePass cancel(long id, String actor);

    Optional<LeavePass> pass(long id);

    /**
     * Passes newest first; null filters do not filter.
     *
     * @param group only students of this class
     * @param state only this state
     * @param day   only passes whose window overlaps that day (site time zone), as {@code yyyy-MM-dd}
     */
    Page<LeavePass> passes(String studentId, String group, String state, String day, int offset, int limit);

    /** @return an APPROVED pass of the student whose window holds {@code at}, if any */
    Optional<LeavePass> active(String studentId, Instant at);

    /** Marks a pass USED (the student went out with it). */
    void used(long id);
}
