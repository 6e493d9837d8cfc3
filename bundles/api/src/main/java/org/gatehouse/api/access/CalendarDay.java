package org.gatehouse.api.access;

import java.time.LocalDate;

/**
 * An exception to the term's weekday rule: a holiday on a weekday ({@code schoolDay=false}, e.g. 国庆节) or a make-up
 * day (调休) on a weekend ({@code schoolDay=true}).
 *
 * @param date      the day
 * @param schoolDay whether it is a school day
 * @param note      what it is, for people ({@code 国庆节}, {@code 调休})
 */
public record CalendarDay(LocalDate date, boolean schoolDay, String note) {
}
