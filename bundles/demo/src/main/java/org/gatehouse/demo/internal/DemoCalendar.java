package org.gatehouse.demo.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;

import org.gatehouse.api.access.AttendanceRule;
import org.gatehouse.api.access.AttendanceService;
import org.gatehouse.api.access.CalendarDay;
import org.gatehouse.api.access.SchoolTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo school calendar, created with the demo site so the attendance pages show something: the current term
 * (autumn from 1 September to 20 January, or spring from 20 February to 10 July; the summer and winter breaks get the
 * next term), its holidays (National Day week or Labour Day days, New Year's Day) with a make-up Saturday, and the
 * rules of grade 3 (the demo classes 3-1 and 3-2) and of every other grade.
 */
public final class DemoCalendar {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCalendar.class);

    private DemoCalendar() {
    }

    /** @return the term that holds the day, or the next one during a break */
    static SchoolTerm term(LocalDate today) {
        int y = today.getYear();
        LocalDate springFrom = LocalDate.of(y, 2, 20);
        LocalDate springTo = LocalDate.of(y, 7, 10);
        if (today.isBefore(LocalDate.of(y, 1, 21))) {
            return autumn(y - 1);
        }
        if (!today.isAfter(springTo)) {
            return new SchoolTerm(y + "-spring", y + " 春季学期 Spring " + y, springFrom, springTo);
        }
        return autumn(y);
    }

    private static SchoolTerm autumn(int y) {
        return new SchoolTerm(y + "-autumn", y + " 秋季学期 Autumn " + y, LocalDate.of(y, 9, 1),
                LocalDate.of(y + 1, 1, 20));
    }

    public static void seed(AttendanceService attendance, LocalDate today) {
        String a = "demo-data";
        SchoolTerm term = attendance.saveTerm(term(today), a);
        int holidays = 0;
        if (term.id().endsWith("-autumn")) {
            int y = term.from().getYear();
            holidays += weekdaysOff(attendance, LocalDate.of(y, 10, 1), LocalDate.of(y, 10, 7), "国庆节 National Day");
            holidays += weekdaysOff(attendance, LocalDate.of(y + 1, 1, 1), LocalDate.of(y + 1, 1, 1), "元旦 New Year");
            makeUp(attendance, LocalDate.of(y, 10, 7));
        } else {
            int y = term.from().getYear();
            holidays += weekdaysOff(attendance, LocalDate.of(y, 4, 5), LocalDate.of(y, 4, 5), "清明节 Qingming");
            holidays += weekdaysOff(attendance, LocalDate.of(y, 5, 1), LocalDate.of(y, 5, 5), "劳动节 Labour Day");
            makeUp(attendance, LocalDate.of(y, 5, 5));
        }
        attendance.saveRule(new AttendanceRule("3", LocalTime.of(7, 50), LocalTime.of(16, 30)), a);
        attendance.saveRule(new AttendanceRule(AttendanceRule.ANY_GRADE, LocalTime.of(8, 0), LocalTime.of(16, 0)), a);
        LOG.info("Demo calendar created: term {} ({}..{}), {} holidays, one make-up Saturday, rules of grade 3 and *",
                term.id(), term.from(), term.to(), holidays);
    }

    private static int weekdaysOff(AttendanceService attendance, LocalDate from, LocalDate to, String note) {
        int n = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                attendance.saveDay(new CalendarDay(d, false, note), "demo-data");
                n++;
            }
        }
        return n;
    }

    /** The first Saturday after a holiday is a school day (调休). */
    private static void makeUp(AttendanceService attendance, LocalDate after) {
        attendance.saveDay(new CalendarDay(after.with(TemporalAdjusters.next(DayOfWeek.SATURDAY)), true,
                "调休 make-up day"), "demo-data");
    }
}
