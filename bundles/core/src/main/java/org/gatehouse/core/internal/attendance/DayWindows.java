package org.gatehouse.core.internal.attendance;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.access.AttendanceService;

/**
 * Daily windows on days of the school calendar, shared by the domains that say "when" (stranger rules, danger zones,
 * arming schedules). Days are {@code all}, {@code school} (school days of the calendar), {@code holiday} (days without
 * school) or days of the week {@code MON,TUE,...}; a window from {@code from} to {@code to} with {@code to} before
 * {@code from} runs overnight and belongs to the day it starts (02:00 on Saturday belongs to Friday night);
 * {@code from} equal to {@code to} is the whole day. Without a calendar, weekdays are school days and weekends not.
 */
public final class DayWindows {
    private static final Map<String, DayOfWeek> DAY_NAMES = Map.of("MON", DayOfWeek.MONDAY, "TUE", DayOfWeek.TUESDAY,
            "WED", DayOfWeek.WEDNESDAY, "THU", DayOfWeek.THURSDAY, "FRI", DayOfWeek.FRIDAY, "SAT",
            DayOfWeek.SATURDAY, "SUN", DayOfWeek.SUNDAY);
    private static final List<String> WEEK = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    private final Supplier<AttendanceService> calendar;

    /** @param calendar the school calendar (null, or supplying null: weekdays are school days) */
    public DayWindows(Supplier<AttendanceService> calendar) {
        this.calendar = calendar == null ? () -> null : calendar;
    }

    /**
     * Normalises {@code all|school|holiday|MON,TUE,..} (case-insensitive; days of the week in week order).
     *
     * @throws GatehouseException INVALID {@code bad-days}
     */
    public static String days(String days) {
        String d = days == null ? "" : days.strip().toUpperCase(Locale.ROOT);
        if (d.equals("ALL") || d.equals("SCHOOL") || d.equals("HOLIDAY")) {
            return d.toLowerCase(Locale.ROOT);
        }
        Set<String> set = new HashSet<>();
        for (String part : d.split(",")) {
            String p = part.strip();
            if (!DAY_NAMES.containsKey(p) || !set.add(p)) {
                throw GatehouseException.invalid("bad-days", "days must be all, school, holiday or days of the week"
                        + " like MON,TUE,SAT, not '" + clip(days) + "'");
            }
        }
        return String.join(",", WEEK.stream().filter(set::contains).toList());
    }

    /** Whether a local time is inside a window on one of its (normalised) days; an overnight window's day is its start. */
    public boolean holds(String days, LocalTime from, LocalTime to, ZonedDateTime local) {
        LocalTime t = local.toLocalTime();
        LocalDate day = local.toLocalDate();
        if (from.equals(to)) {
            return onDay(days, day);
        }
        if (from.isBefore(to)) {
            return !t.isBefore(from) && t.isBefore(to) && onDay(days, day);
        }
        if (!t.isBefore(from)) {
            return onDay(days, day);
        }
        return t.isBefore(to) && onDay(days, day.minusDays(1));
    }

    /** Whether a day is one of the (normalised) days. */
    public boolean onDay(String days, LocalDate day) {
        switch (days) {
            case "all":
                return true;
            case "school":
                return schoolDay(day);
            case "holiday":
                return !schoolDay(day);
            default:
                return days.contains(day.getDayOfWeek().name().substring(0, 3));
        }
    }

    /** Whether school is held on a day: the calendar's answer, else Monday to Friday. */
    public boolean schoolDay(LocalDate day) {
        AttendanceService a = calendar.get();
        if (a == null) {
            return !EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY).contains(day.getDayOfWeek());
        }
        return a.schoolDay(day);
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
