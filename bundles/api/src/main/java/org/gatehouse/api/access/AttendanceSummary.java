package org.gatehouse.api.access;

import java.time.LocalDate;

/**
 * Counts of one school day for one class (or the whole school when {@code group} is null).
 *
 * @param date      the school day
 * @param group     the class, null for every class together
 * @param students  students expected
 * @param present   on time and stayed
 * @param late      arrived late (including late and left early)
 * @param absent    no passage in (not excused)
 * @param leftEarly left early (including late and left early)
 * @param excused   excused by a leave pass
 */
public record AttendanceSummary(LocalDate date, String group, int students, int present, int late, int absent,
                                int leftEarly, int excused) {
}
