package org.gatehouse.core.internal.attendance;

import static org.gatehouse.core.testing.AttendanceFixture.MONDAY;
import static org.gatehouse.core.testing.AttendanceFixture.passage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.access.AttendanceRule;
import org.gatehouse.api.access.AttendanceSummary;
import org.gatehouse.api.access.CalendarDay;
import org.gatehouse.api.access.DayRecord;
import org.gatehouse.api.access.LeavePass;
import org.gatehouse.api.access.SchoolTerm;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.AttendanceFixture;
import org.gatehouse.core.testing.MemoryLeavePasses;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The calendar, the rules and the judged attendance on a real Derby, with passages written into the store. */
class AttendanceServiceTest {
    private final Platform p = TestDb.platform();

    @BeforeEach
    void seed() {
        AttendanceFixture.seed(p);
    }

    @AfterEach
    void stop() {
        p.stop();
    }

    private static GatehouseException error(Runnable r) {
        return assertThrows(GatehouseException.class, r::run);
    }

    private Map<String, DayRecord> day(LocalDate d, String group) {
        return p.attendance.records(d, d, group).stream()
                .collect(Collectors.toMap(DayRecord::personId, Function.identity()));
    }

    @Test
    void calendarWeekdaysInATermHolidaysAndMakeUpDays() {
        assertTrue(p.attendance.schoolDay(MONDAY));
        assertFalse(p.attendance.schoolDay(LocalDate.of(2026, 9, 12)), "a Saturday");
        assertFalse(p.attendance.schoolDay(LocalDate.of(2026, 10, 1)), "the National Day holiday on a Thursday");
        assertTrue(p.attendance.schoolDay(LocalDate.of(2026, 10, 10)), "the make-up Saturday");
        assertFalse(p.attendance.schoolDay(LocalDate.of(2026, 8, 31)), "a Monday before the term");
        assertFalse(p.attendance.schoolDay(LocalDate.of(2027, 1, 21)), "a Thursday after the term");
        assertEquals(List.of(new CalendarDay(LocalDate.of(2026, 10, 1), false, "国庆节"),
                new CalendarDay(LocalDate.of(2026, 10, 10), true, "调休")),
                p.attendance.days(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 31)));
        assertEquals(22, p.attendance.schoolDays(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31)).size());

        p.attendance.deleteDay(LocalDate.of(2026, 10, 1), "admin");
        assertTrue(p.attendance.schoolDay(LocalDate.of(2026, 10, 1)), "without its exception a weekday again");
        assertEquals("unknown-day", error(() -> p.attendance.deleteDay(LocalDate.of(2026, 10, 1), "admin")).code());
        assertEquals("calendar-day-remove", p.audit.query(null, null, null, 0, 10).items().get(0).action());

        p.attendance.saveTerm(new SchoolTerm("2026-autumn", "秋季", LocalDate.of(2026, 9, 1),
                LocalDate.of(2026, 9, 30)), "admin");
        assertEquals(List.of(new SchoolTerm("2026-autumn", "秋季", LocalDate.of(2026, 9, 1),
                LocalDate.of(2026, 9, 30))), p.attendance.terms(), "saving an existing id replaces the term");
        assertFalse(p.attendance.schoolDay(LocalDate.of(2026, 10, 12)));
        p.attendance.deleteTerm("2026-autumn", "admin");
        assertFalse(p.attendance.schoolDay(MONDAY));
        assertEquals(List.of(), p.attendance.records(MONDAY, MONDAY, null), "no school day, no records");
        assertEquals("unknown-term", error(() -> p.attendance.deleteTerm("2026-autumn", "admin")).code());

        for (SchoolTerm bad : new SchoolTerm[] {new SchoolTerm(" ", "x", MONDAY, MONDAY),
                new SchoolTerm("a/b", "x", MONDAY, MONDAY), new SchoolTerm("t", " ", MONDAY, MONDAY),
                new SchoolTerm("t", "x", MONDAY, MONDAY.minusDays(1)), new SchoolTerm("t", "x", null, MONDAY)}) {
            assertEquals("bad-term", error(() -> p.attendance.saveTerm(bad, "admin")).code(), bad.toString());
        }
        assertEquals("bad-day", error(() -> p.attendance.saveDay(new CalendarDay(null, true, "x"), "admin")).code());
        assertTrue(p.attendance.terms().isEmpty(), "nothing saved by bad input");
    }

    @Test
    void rulesPerGradeAndTheDefault() {
        assertEquals("3", p.attendance.rule("3-2").orElseThrow().grade());
        assertEquals("*", p.attendance.rule("4-1").orElseThrow().grade());
        assertEquals("*", p.attendance.rule(null).orElseThrow().grade());
        AttendanceRule saved = p.attendance.saveRule(new AttendanceRule("4", LocalTime.of(8, 5, 30),
                LocalTime.of(15, 30)), "admin");
        assertEquals(LocalTime.of(8, 5), saved.arriveBy());
        assertEquals(List.of("*", "3", "4"), p.attendance.rules().stream().map(AttendanceRule::grade).toList());
        assertEquals(LocalTime.of(8, 5), p.attendance.rule("4-1").orElseThrow().arriveBy());
        for (AttendanceRule bad : new AttendanceRule[] {new AttendanceRule(" ", LocalTime.of(8, 0),
                LocalTime.of(9, 0)), new AttendanceRule("3-2", LocalTime.of(8, 0), LocalTime.of(9, 0)),
                new AttendanceRule("3", LocalTime.of(9, 0), LocalTime.of(9, 0)),
                new AttendanceRule("3", null, LocalTime.of(9, 0))}) {
            assertEquals("bad-rule", error(() -> p.attendance.saveRule(bad, "admin")).code(), bad.toString());
        }
        p.attendance.deleteRule("*", "admin");
        assertTrue(p.attendance.rule("5-1").isEmpty());
        assertEquals("unknown-rule", error(() -> p.attendance.deleteRule("*", "admin")).code());
    }

    @Test
    void everyStatusOfADay() {
        Map<String, DayRecord> d = day(MONDAY, null);
        assertEquals(DayRecord.PRESENT, d.get("stu1").status());
        assertEquals(AttendanceFixture.at(MONDAY.atTime(7, 45)), d.get("stu1").firstIn());
        assertEquals(AttendanceFixture.at(MONDAY.atTime(16, 40)), d.get("stu1").lastOut());
        assertEquals(DayRecord.LATE, d.get("stu2").status());
        assertNull(d.get("stu2").lastOut());
        assertEquals(DayRecord.LEFT_EARLY, d.get("stu3").status(), "the * rule: out before 16:00");
        assertEquals(DayRecord.LATE_LEFT_EARLY, d.get("stu4").status());
        assertEquals(DayRecord.ABSENT, d.get("stu5").status());
        assertNull(d.get("stu5").leavePass(), "no leave service: nothing excused");
        assertEquals(List.of("stu1", "stu2", "stu3", "stu4", "stu5"),
                p.attendance.records(MONDAY, MONDAY, null).stream().map(DayRecord::personId).toList(),
                "ordered by class, then name");
        assertEquals(List.of("stu1", "stu2"), p.attendance.records(MONDAY, MONDAY, "3-2").stream()
                .map(DayRecord::personId).toList());

        // out at lunch and back in: the last out is not the last passage, so not early
        LocalDate tue = MONDAY.plusDays(1);
        passage(p, "stu1", "in", tue.atTime(7, 40));
        passage(p, "stu1", "out", tue.atTime(12, 0));
        passage(p, "stu1", "in", tue.atTime(13, 0));
        assertEquals(DayRecord.PRESENT, day(tue, "3-2").get("stu1").status());
        assertEquals(DayRecord.ABSENT, day(tue, "3-2").get("stu2").status());
    }

    @Test
    void leavePassesExcuseAbsentAndLeftEarly() {
        MemoryLeavePasses passes = new MemoryLeavePasses(AttendanceFixture.SH);
        LeavePass sick = passes.add("stu5", MONDAY.atTime(0, 0), MONDAY.plusDays(1).atTime(0, 0), LeavePass.APPROVED);
        LeavePass used = passes.add("stu3", MONDAY.atTime(14, 30), MONDAY.atTime(17, 0), LeavePass.USED);
        LeavePass late = passes.add("stu4", MONDAY.atTime(14, 30), MONDAY.atTime(17, 0), LeavePass.APPROVED);
        passes.add("stu2", MONDAY.atTime(14, 30), MONDAY.atTime(17, 0), LeavePass.PENDING);
        passes.add("stu1", MONDAY.minusDays(3).atTime(8, 0), MONDAY.minusDays(3).atTime(17, 0), LeavePass.APPROVED);
        p.attendance.useLeavePasses(passes);
        Map<String, DayRecord> d = day(MONDAY, null);
        assertEquals(DayRecord.EXCUSED, d.get("stu5").status());
        assertEquals(sick.id(), d.get("stu5").leavePass());
        assertEquals(DayRecord.EXCUSED, d.get("stu3").status());
        assertEquals(used.id(), d.get("stu3").leavePass());
        assertEquals(DayRecord.LATE, d.get("stu4").status(), "the leaving is excused, the late arrival stays");
        assertEquals(late.id(), d.get("stu4").leavePass());
        assertEquals(DayRecord.LATE, d.get("stu2").status(), "a pending pass excuses nothing");
        assertEquals(DayRecord.PRESENT, d.get("stu1").status());
        assertNull(d.get("stu1").leavePass());
    }

    @Test
    void todayCountsUntilNowAndLaterDaysHaveNoRecords() {
        LocalDate wed = MONDAY.plusDays(2);
        p.attendance.useClock(AttendanceFixture.clock(wed.atTime(12, 0)));
        passage(p, "stu1", "in", wed.atTime(7, 40));
        passage(p, "stu2", "in", wed.atTime(7, 40));
        passage(p, "stu2", "out", wed.atTime(11, 0));
        Map<String, DayRecord> d = day(wed, "3-2");
        assertEquals(DayRecord.PRESENT, d.get("stu1").status(), "not out yet is not left early");
        assertEquals(DayRecord.LEFT_EARLY, d.get("stu2").status(), "went out at 11:00 and is not back");
        assertEquals(List.of(wed), p.attendance.records(wed, wed.plusDays(2), "3-2").stream()
                .map(DayRecord::date).distinct().toList(), "no records after today");
        assertEquals(List.of(), p.attendance.records(wed.plusDays(1), wed.plusDays(2), null));
    }

    @Test
    void withoutRulesOnlyPresentOrAbsent() {
        p.attendance.deleteRule("3", "admin");
        p.attendance.deleteRule("*", "admin");
        Map<String, DayRecord> d = day(MONDAY, null);
        assertEquals(List.of(DayRecord.PRESENT, DayRecord.PRESENT, DayRecord.PRESENT, DayRecord.PRESENT,
                DayRecord.ABSENT), List.of("stu1", "stu2", "stu3", "stu4", "stu5").stream()
                .map(id -> d.get(id).status()).toList());
    }

    @Test
    void summaryCountsPerClassAndSchool() {
        List<AttendanceSummary> perClass = p.attendance.summary(MONDAY, MONDAY, null);
        assertEquals(List.of(new AttendanceSummary(MONDAY, "3-2", 2, 1, 1, 0, 0, 0),
                new AttendanceSummary(MONDAY, "4-1", 1, 0, 0, 0, 1, 0),
                new AttendanceSummary(MONDAY, "5-1", 2, 0, 1, 1, 1, 0)), perClass);
        assertEquals(List.of(new AttendanceSummary(MONDAY, null, 5, 1, 2, 1, 2, 0)),
                p.attendance.summary(MONDAY, MONDAY, "*"));
        assertEquals(List.of(new AttendanceSummary(MONDAY, "5-1", 2, 0, 1, 1, 1, 0)),
                p.attendance.summary(MONDAY, MONDAY, "5-1"));
        // a week: 4 school days (Tue 1 to Fri 4) + Mon 7, the weekend has no rows
        List<AttendanceSummary> week = p.attendance.summary(LocalDate.of(2026, 9, 1), MONDAY, "*");
        assertEquals(5, week.size());
        assertEquals(5, week.get(0).absent());
    }

    @Test
    void badRanges() {
        assertEquals("bad-range", error(() -> p.attendance.records(MONDAY, MONDAY.minusDays(1), null)).code());
        assertEquals("bad-range", error(() -> p.attendance.records(MONDAY, MONDAY.plusDays(366), null)).code());
        assertEquals(LocalDate.of(2026, 9, 1), p.attendance.records(LocalDate.of(2026, 9, 1),
                LocalDate.of(2026, 9, 1).plusDays(365), null).get(0).date(), "366 days is the most");
        assertEquals("bad-range", error(() -> p.attendance.summary(null, MONDAY, null)).code());
        assertEquals("bad-range", error(() -> p.attendance.days(MONDAY, null)).code());
    }

    @Test
    void absentNoticesOncePerStudentAndClass() {
        p.attendance.useClock(AttendanceFixture.clock(MONDAY.atTime(8, 59)));
        assertTrue(p.attendance.absentNotices().isEmpty(), "before attendance.absent.time");
        p.attendance.useClock(AttendanceFixture.clock(MONDAY.atTime(9, 30)));
        AttendanceServiceImpl.AbsentRun run = p.attendance.absentNotices().orElseThrow();
        assertEquals(new AttendanceServiceImpl.AbsentRun(MONDAY, 1, 1, 2), run);
        assertTrue(p.attendance.absentNotices().isEmpty(), "done for today");
        SecurityEvent e = p.events.get("absent-2026-09-07-stu5").orElseThrow();
        assertEquals("attendance.absent", e.type());
        assertEquals("stu5", e.personId());
        assertEquals("5-1", e.attributes().get("group"));
        SecurityEvent list = p.events.get("absent-list-2026-09-07-5-1").orElseThrow();
        assertEquals("attendance.absent-list", list.type());
        assertEquals(Map.of("date", "2026-09-07", "group", "5-1", "count", "1", "names", "Student 5"),
                list.attributes());
        // a restart runs it again: the same ids, nothing new is stored, nobody is told twice
        assertEquals(0, p.attendance.publishAbsent(MONDAY, AttendanceFixture.at(MONDAY.atTime(9, 31)))
                .orElseThrow().published());
        assertEquals(2, p.events.stats().stored());
        // not a school day: nothing
        p.attendance.useClock(AttendanceFixture.clock(LocalDate.of(2026, 10, 1).atTime(9, 30)));
        assertTrue(p.attendance.absentNotices().isEmpty());
        assertEquals(2, p.events.stats().stored());
        assertEquals("x" + "e4b880e78fad", AttendanceServiceImpl.idPart("一班"));
    }

    @Test
    void thirtyDaysOfAManyStudentSchoolInOneRead() {
        // correctness of the bulk path (speed is for benchmarks/): 300 students x 30 days
        for (int n = 0; n < 300; n++) {
            p.persons.savePerson(new org.gatehouse.api.Person("bulk" + n, "Bulk " + n,
                    org.gatehouse.api.PersonRole.STUDENT, null, null, null, "6-" + (n % 10)), "t");
        }
        LocalDate from = LocalDate.of(2026, 9, 1);
        LocalDate to = LocalDate.of(2026, 9, 30);
        int schoolDays = p.attendance.schoolDays(from, to).size();
        for (LocalDate d : p.attendance.schoolDays(from, to)) {
            passage(p, "bulk7", "in", d.atTime(7, 30));
            passage(p, "bulk7", "out", d.atTime(17, 0));
        }
        List<DayRecord> all = p.attendance.records(from, to, null);
        assertEquals(305 * schoolDays, all.size());
        assertEquals(schoolDays, all.stream().filter(r -> r.personId().equals("bulk7"))
                .filter(r -> r.status().equals(DayRecord.PRESENT)).count());
    }
}
