package org.gatehouse.api.access;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The school calendar, the arrival rules per grade and the attendance judged from the passages. Days are in the site
 * time zone. Every change is audited. At {@code attendance.absent.time} (PID {@code org.gatehouse.core}, default
 * {@code 09:00}) of each school day the core publishes one {@code attendance.absent} event per absent student (person
 * = the student, so the guardians are told) and one {@code attendance.absent-list} event per class that has absent
 * students (attributes {@code group}, {@code count}, {@code names}, for its homeroom teacher).
 */
@ProviderType
public interface AttendanceService {
    List<SchoolTerm> terms();

    /** @throws org.gatehouse.api.GatehouseException INVALID {@code bad-term} (blank id or name, from after to) */
    SchoolTerm saveTerm(SchoolTerm term, String actor);

    void deleteTerm(String id, String actor);

    /** @return the holidays and make-up days between from and to (inclusive) */
    List<CalendarDay> days(LocalDate from, LocalDate to);

    /** Adds or replaces the exception of one day. */
    CalendarDay saveDay(CalendarDay day, String actor);

    /** Removes the exception of one day (it follows the term's weekday rule again). */
    void deleteDay(LocalDate date, String actor);

    /** @return whether the day is a school day: an exception decides; else a weekday inside a term */
    boolean schoolDay(LocalDate date);

    List<AttendanceRule> rules();

    /** @throws org.gatehouse.api.GatehouseException INVALID {@code bad-rule} (blank grade, arriveBy not before leaveAfter) */
    AttendanceRule saveRule(AttendanceRule rule, String actor);

    void deleteRule(String grade, String actor);

    /** @return the rule of the grade of a class ({@code 3-2} -> grade {@code 3}), else the {@code *} rule, else empty */
    Optional<AttendanceRule> rule(String group);

    /**
     * The day records of the students (of one class, or all when group is null) on the school days between from and
     * to (inclusive), ordered by date, class, name.
     *
     * @throws org.gatehouse.api.GatehouseException INVALID {@code bad-range} (from after to, or more than 366 days)
     */
    List<DayRecord> records(LocalDate from, LocalDate to, String group);

    /** Counts per school day and class (group given: that class only; {@code *}: the whole school per day). */
    List<AttendanceSummary> summary(LocalDate from, LocalDate to, String group);
}
