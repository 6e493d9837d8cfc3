package org.gatehouse.api.stranger;

import java.time.LocalTime;

import org.gatehouse.api.Severity;

/**
 * When an unknown face in a zone is an alarm.
 *
 * @param id          rule id (1..64 of {@code [A-Za-z0-9._-]})
 * @param name        a label for people
 * @param zoneId      the zone whose gates and cameras it watches, null for every zone
 * @param days        {@code all}, {@code school} (school days of the calendar), {@code holiday} (days without
 *                    school: weekends, holidays), or days of the week {@code MON,TUE,...}
 * @param from        start of the daily window (site time zone)
 * @param to          its end; before {@code from} for an overnight window (22:00-06:00); equal to {@code from} for
 *                    the whole day
 * @param severity    of the alarm (default MAJOR)
 * @param foldMinutes repeats of the same face within this many minutes fold into one alarm (default 30)
 * @param enabled     whether it applies
 */
public record StrangerRule(String id, String name, String zoneId, String days, LocalTime from, LocalTime to,
                           Severity severity, int foldMinutes, boolean enabled) {
}
