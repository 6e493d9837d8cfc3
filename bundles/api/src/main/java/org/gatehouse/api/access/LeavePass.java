package org.gatehouse.api.access;

import java.time.Instant;

/**
 * An early-leave pass (请假): a student may go out through a gate during school hours inside {@code [from, to)} once
 * it is APPROVED by the homeroom teacher (or an admin).
 *
 * @param id          store identifier
 * @param studentId   the student
 * @param from        start of the leave
 * @param to          end of the leave
 * @param reason      why, as the requester wrote it
 * @param state       {@code PENDING}, {@code APPROVED}, {@code REJECTED}, {@code CANCELLED}, {@code USED} (the student
 *                    went out with it)
 * @param requestedBy user who asked (a guardian, the teacher, an admin)
 * @param decidedBy   user who approved or rejected, null while pending
 * @param created     when it was asked for
 */
public record LeavePass(long id, String studentId, Instant from, Instant to, String reason, String state,
                        String requestedBy, String decidedBy, Instant created) {
    public static final String PENDING = "PENDING";
    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";
    public static final String CANCELLED = "CANCELLED";
    public static final String USED = "USED";
}
