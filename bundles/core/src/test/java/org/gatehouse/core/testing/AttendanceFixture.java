package org.gatehouse.core.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.access.AttendanceRule;
import org.gatehouse.api.access.CalendarDay;
import org.gatehouse.api.access.SchoolTerm;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.store.Db;

/**
 * A school for the attendance tests of core, rest and shell: the autumn term 2026 (from Tue 2026-09-01), the National
 * Day holiday on Thu 2026-10-01 and the make-up Saturday 2026-10-10, rules for grade 3 (07:50-16:30) and every other
 * grade (08:00-16:00), five students, and on Mon 2026-09-07 one of each status:
 * <ul>
 *   <li>{@code stu1} (3-2) in 07:45, out 16:40: PRESENT</li>
 *   <li>{@code stu2} (3-2) in 08:10: LATE</li>
 *   <li>{@code stu3} (4-1) in 07:55, out 15:00: LEFT_EARLY</li>
 *   <li>{@code stu4} (5-1) in 08:30, out 15:00: LATE_LEFT_EARLY</li>
 *   <li>{@code stu5} (5-1) nothing: ABSENT</li>
 * </ul>
 * The clock stands at 2026-12-01 (all of September is past). Passages are written straight into the passage table.
 */
public final class AttendanceFixture {
    public static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    public static final LocalDate MONDAY = LocalDate.of(2026, 9, 7);

    private AttendanceFixture() {
    }

    public static void seed(Platform p) {
        TestDb.seedGate(p);
        p.attendance.useClock(clock(LocalDateTime.of(2026, 12, 1, 12, 0)));
        p.attendance.saveTerm(new SchoolTerm("2026-autumn", "2026 秋季学期", LocalDate.of(2026, 9, 1),
                LocalDate.of(2027, 1, 20)), "t");
        p.attendance.saveDay(new CalendarDay(LocalDate.of(2026, 10, 1), false, "国庆节"), "t");
        p.attendance.saveDay(new CalendarDay(LocalDate.of(2026, 10, 10), true, "调休"), "t");
        p.attendance.saveRule(new AttendanceRule("3", LocalTime.of(7, 50), LocalTime.of(16, 30)), "t");
        p.attendance.saveRule(new AttendanceRule(AttendanceRule.ANY_GRADE, LocalTime.of(8, 0), LocalTime.of(16, 0)),
                "t");
        String[] groups = {"3-2", "3-2", "4-1", "5-1", "5-1"};
        for (int n = 1; n <= 5; n++) {
            p.persons.savePerson(new Person("stu" + n, "Student " + n, PersonRole.STUDENT, null, null, null,
                    groups[n - 1]), "t");
        }
        passage(p, "stu1", "in", MONDAY.atTime(7, 45));
        passage(p, "stu1", "out", MONDAY.atTime(16, 40));
        passage(p, "stu2", "in", MONDAY.atTime(8, 10));
        passage(p, "stu3", "in", MONDAY.atTime(7, 55));
        passage(p, "stu3", "out", MONDAY.atTime(15, 0));
        passage(p, "stu4", "in", MONDAY.atTime(8, 30));
        passage(p, "stu4", "out", MONDAY.atTime(15, 0));
    }

    /** @return a fixed clock at that local time in Shanghai */
    public static Clock clock(LocalDateTime at) {
        return Clock.fixed(at.atZone(SH).toInstant(), SH);
    }

    public static Instant at(LocalDateTime t) {
        return t.atZone(SH).toInstant();
    }

    /** Writes one passage of a person at the gate {@code gate-1}. */
    public static void passage(Platform p, String person, String direction, LocalDateTime at) {
        p.db.tx(c -> Db.update(c, "INSERT INTO PASSAGES (DEVICE_ID, DIRECTION, PERSON_ID, TIME_MS) VALUES (?,?,?,?)",
                "gate-1", direction, person, at(at).toEpochMilli()));
    }
}
