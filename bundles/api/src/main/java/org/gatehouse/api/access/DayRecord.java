package org.gatehouse.api.access;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The attendance of one student on one school day, judged against the grade's {@link AttendanceRule}.
 *
 * @param personId  the student
 * @param name      display name
 * @param group     class
 * @param date      the school day
 * @param firstIn   first passage in that day, null if none
 * @param lastOut   last passage out that day, null if none
 * @param status    {@link #PRESENT}, {@link #LATE}, {@link #ABSENT}, {@link #LEFT_EARLY}, {@link #LATE_LEFT_EARLY},
 *                  {@link #EXCUSED} (absent or left early under an approved leave pass)
 * @param leavePass the leave pass that excuses the day, null if none
 */
public record DayRecord(String personId, String name, String group, LocalDate date, Instant firstIn, Instant lastOut,
                        String status, Long leavePass) {
    public static final String PRESENT = "PRESENT";
    public static final String LATE = "LATE";
    public static final String ABSENT = "ABSENT";
    public static final String LEFT_EARLY = "LEFT_EARLY";
    public static final String LATE_LEFT_EARLY = "LATE_LEFT_EARLY";
    public static final String EXCUSED = "EXCUSED";
}
