package org.gatehouse.api.access;

import java.time.LocalDate;

/**
 * A school term: its weekdays Monday to Friday are school days unless a {@link CalendarDay} says otherwise.
 *
 * @param id   identifier ({@code 2026-autumn}), letters, digits, {@code .-_}
 * @param name display name ({@code 2026 秋季学期})
 * @param from first day
 * @param to   last day (inclusive)
 */
public record SchoolTerm(String id, String name, LocalDate from, LocalDate to) {
}
