package org.gatehouse.api.access;

import java.time.LocalDate;
import java.util.Collection;

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
    /**
     * Counts day records (of one day and class, or of any set, such as one student's month): {@code students} is how
     * many records there are; a {@link DayRecord#LATE_LEFT_EARLY} counts as late and as left early.
     *
     * @since 1.3
     */
    public static AttendanceSummary of(LocalDate date, String group, Collection<DayRecord> records) {
        int present = 0;
        int late = 0;
        int absent = 0;
        int leftEarly = 0;
        int excused = 0;
        for (DayRecord r : records) {
            switch (r.status()) {
                case DayRecord.PRESENT -> present++;
                case DayRecord.LATE -> late++;
                case DayRecord.ABSENT -> absent++;
                case DayRecord.LEFT_EARLY -> leftEarly++;
                case DayRecord.LATE_LEFT_EARLY -> {
                    late++;
                    leftEarly++;
                }
                default -> excused++;
            }
        }
        return new AttendanceSummary(date, group, records.size(), present, late, absent, leftEarly, excused);
    }
}
