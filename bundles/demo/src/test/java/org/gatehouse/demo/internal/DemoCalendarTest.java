package org.gatehouse.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.gatehouse.api.access.AttendanceRule;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo calendar seeded into core's real attendance service on Derby. */
class DemoCalendarTest {
    private final Platform p = TestDb.platform();

    @AfterEach
    void stop() {
        p.stop();
    }

    @Test
    void theCurrentTermWithHolidaysAMakeUpDayAndRules() {
        assertEquals("2026-autumn", DemoCalendar.term(LocalDate.of(2026, 12, 2)).id());
        assertEquals("2026-autumn", DemoCalendar.term(LocalDate.of(2027, 1, 15)).id());
        assertEquals("2027-spring", DemoCalendar.term(LocalDate.of(2027, 1, 25)).id(), "winter break: next term");
        assertEquals("2027-autumn", DemoCalendar.term(LocalDate.of(2027, 7, 20)).id(), "summer break: next term");

        DemoCalendar.seed(p.attendance, LocalDate.of(2026, 12, 2));
        assertTrue(p.attendance.schoolDay(LocalDate.of(2026, 12, 2)));
        assertFalse(p.attendance.schoolDay(LocalDate.of(2026, 10, 1)), "National Day");
        assertTrue(p.attendance.schoolDay(LocalDate.of(2026, 10, 10)), "the make-up Saturday");
        assertFalse(p.attendance.schoolDay(LocalDate.of(2027, 1, 1)), "New Year");
        assertEquals(List.of("*", "3"), p.attendance.rules().stream().map(AttendanceRule::grade).toList());

        DemoCalendar.seed(p.attendance, LocalDate.of(2027, 3, 1));
        assertFalse(p.attendance.schoolDay(LocalDate.of(2027, 5, 3)), "Labour Day");
        assertTrue(p.attendance.schoolDay(LocalDate.of(2027, 5, 8)), "the make-up Saturday");
    }

    @Test
    void theDemoCampusComesWithItsCalendar() {
        assertTrue(DemoComponent.seed(p.sites, p.persons, p.duty, p.attendance, p.dangerZones));
        assertEquals(1, p.attendance.terms().size());
        assertEquals("3", p.attendance.rule("3-2").orElseThrow().grade());
    }
}
