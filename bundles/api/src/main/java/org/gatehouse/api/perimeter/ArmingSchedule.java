package org.gatehouse.api.perimeter;

import java.time.LocalTime;
import java.util.List;

/**
 * When a perimeter zone arms by itself: a list of windows, each armed from {@code from} to {@code to} on its days (an
 * overnight window, 18:00-07:00, runs into the next morning). Days as for stranger rules: {@code all}, {@code school}
 * (school days of the calendar), {@code holiday} (days without school: weekends, holidays, vacations), or days of the
 * week {@code MON,TUE,...}. {@code from} equal to {@code to} is the whole day. Times are in the site's time zone.
 * An empty list: the zone is never armed by schedule (by hand only).
 *
 * @param windows the armed windows
 */
public record ArmingSchedule(List<Window> windows) {
    public ArmingSchedule {
        windows = windows == null ? List.of() : List.copyOf(windows);
    }

    /** One armed window. */
    public record Window(String days, LocalTime from, LocalTime to) {
    }

    /** The default for a school: nights on school days, all day on days without school. */
    public static ArmingSchedule schoolNights() {
        return new ArmingSchedule(List.of(new Window("school", LocalTime.of(18, 30), LocalTime.of(6, 30)),
                new Window("holiday", LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)));
    }
}
