package org.gatehouse.core.internal.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.access.AttendanceService;

/**
 * Daily windows on some days, shared by every domain that has them (stranger rules, perimeter arming schedules, danger
 * zones): days {@code all}, {@code school} (school days of the attendance calendar), {@code holiday} (days without
 * school) or days of the week {@code MON,TUE,..}; {@code from} equal to {@code to} is the whole day, {@code from} after
 * {@code to} runs overnight, and the day of an overnight window is the day it starts (02:00 on Saturday belongs to
 * Friday night). A window holds from {@code from} (included) to {@code to} (excluded), in local time.
 */
public final class DayWindows {
    private static final Map<String, DayOfWeek> DAY_NAMES = Map.of("MON", DayOfWeek.MONDAY, "TUE", DayOfWeek.TUESDAY,
            "WED", DayOfWeek.WEDNESDAY, "THU", DayOfWeek.THURSDAY, "FRI", DayOfWeek.FRIDAY, "SAT",
            DayOfWeek.SATURDAY, "SUN", DayOfWeek.SUNDAY);
    private static final List<String> WEEK = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    private DayWindows() {
    }

    /**
     * Normalises {@code all|school|holiday|MON,TUE,..} (any case, spaces allowed; the days in week order).
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

    /**
     * @throws GatehouseException INVALID {@code bad-window} unless both ends are given in whole minutes
     */
    public static void checkWindow(LocalTime from, LocalTime to) {
        if (from == null || to == null) {
            throw GatehouseException.invalid("bad-window", "from and to (HH:mm) are required; equal for the whole day");
        }
        if (from.getSecond() != 0 || from.getNano() != 0 || to.getSecond() != 0 || to.getNano() != 0) {
            throw GatehouseException.invalid("bad-window", "from and to are whole minutes (HH:mm)");
        }
    }

    /**
     * Whether a local time is inside a window on one of its (normalised) days.
     *
     * @param schoolDay which days are school days (see {@link #schoolDays})
     */
    public static boolean holds(String days, LocalTime from, LocalTime to, LocalDateTime local,
                                Predicate<LocalDate> schoolDay) {
        LocalTime t = local.toLocalTime();
        LocalDate day = local.toLocalDate();
        if (from.equals(to)) {
            return onDay(days, day, schoolDay);
        }
        if (from.isBefore(to)) {
            return !t.isBefore(from) && t.isBefore(to) && onDay(days, day, schoolDay);
        }
        if (!t.isBefore(from)) {
            return onDay(days, day, schoolDay);
        }
        return t.isBefore(to) && onDay(days, day.minusDays(1), schoolDay);
    }

    /** Whether a day is one of the (normalised) days. */
    public static boolean onDay(String days, LocalDate day, Predicate<LocalDate> schoolDay) {
        switch (days) {
            case "all":
                return true;
            case "school":
                return schoolDay.test(day);
            case "holiday":
                return !schoolDay.test(day);
            default:
                return days.contains(day.getDayOfWeek().name().substring(0, 3));
        }
    }

    /**
     * The school days of the attendance calendar, asked when needed (its service may come later); without one,
     * weekdays are school days and weekends holidays.
     */
    public static Predicate<LocalDate> schoolDays(Supplier<AttendanceService> calendar) {
        return day -> {
            AttendanceService a = calendar == null ? null : calendar.get();
            if (a == null) {
                return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
            }
            return a.schoolDay(day);
        };
    }

    /** A copy that asks each day once (for one computation that looks at many times). */
    public static Predicate<LocalDate> remembering(Predicate<LocalDate> schoolDay) {
        Map<LocalDate, Boolean> seen = new HashMap<>();
        return day -> seen.computeIfAbsent(day, schoolDay::test);
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
