package org.gatehouse.api.access;

import java.time.LocalTime;

/**
 * The times of one grade on a school day: arriving in after {@code arriveBy} is late, going out before
 * {@code leaveAfter} is leaving early, and between the two a student needs a {@link LeavePass} to go out.
 *
 * @param grade      the grade, the part of a class name before its first {@code -} ({@code 3} for class {@code 3-2}),
 *                   or {@code *} for every grade without a rule of its own
 * @param arriveBy   the latest time to arrive on time
 * @param leaveAfter the earliest time to leave without leaving early
 */
public record AttendanceRule(String grade, LocalTime arriveBy, LocalTime leaveAfter) {
    /** The grade key of the default rule. */
    public static final String ANY_GRADE = "*";
}
