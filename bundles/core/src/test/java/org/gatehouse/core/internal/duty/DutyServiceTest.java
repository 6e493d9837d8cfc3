package org.gatehouse.core.internal.duty;

import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.Site;
import org.gatehouse.api.service.DutyService.Shift;
import org.junit.jupiter.api.Test;

class DutyServiceTest {
    private final Platform p = TestDb.platform(TestDb.newDataSource(), new TestDb.Channels());
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    DutyServiceTest() {
        p.sites.saveSite(new Site("s1", "School", "Asia/Shanghai", null), "t");
        p.persons.savePerson(new Person("day", "Day guard", PersonRole.STAFF, "+8613800000001", null, "zh-CN", null), "t");
        p.persons.savePerson(new Person("night", "Night guard", PersonRole.STAFF, null, "n@school.example", "en", null), "t");
        p.persons.savePerson(new Person("boss", "Leader", PersonRole.STAFF, "+8613800000003", null, "zh-CN", null), "t");
    }

    private static Instant at(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    private List<String> onDuty(String localDateTime) {
        return p.duty.onDuty(at(localDateTime)).stream().map(d -> d.person().id()).toList();
    }

    @Test
    void overnightShiftsRunIntoTheNextMorningInTheSiteTimeZone() {
        // weekdays: day 08:00-20:00; the night shift starts Monday-Friday at 20:00 and ends at 08:00 the next day
        List<DayOfWeek> weekdays = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        p.duty.save(new Shift("d", "s1", "day", "guard-room", weekdays, LocalTime.of(8, 0), LocalTime.of(20, 0), null,
                null), "admin");
        p.duty.save(new Shift("n", "s1", "night", "guard-room", weekdays, LocalTime.of(20, 0), LocalTime.of(8, 0), null,
                null), "admin");
        p.duty.save(new Shift("l", null, "boss", "leader", List.of(), LocalTime.of(0, 0), LocalTime.of(0, 0), null,
                null), "admin");
        // 2026-11-23 is a Monday
        assertEquals(List.of("day", "boss"), onDuty("2026-11-23T09:00"), "ordered by post: guard-room, leader");
        assertEquals(List.of("night"), guardRoom("2026-11-23T20:00"));
        assertEquals(List.of("night"), guardRoom("2026-11-24T07:59"), "Monday's night shift runs into Tuesday");
        assertEquals(List.of("day"), guardRoom("2026-11-24T08:00"));
        assertEquals(List.of(), guardRoom("2026-11-29T03:00"), "Sunday 03:00: no Saturday night shift");
        assertEquals(List.of("night"), guardRoom("2026-11-28T07:00"), "Friday's night shift ends Saturday 08:00");
        // the same instant in UTC is 01:00 Tuesday: the site's zone decides, not the JVM's
        Instant utcMidnight = Instant.parse("2026-11-24T00:00:00Z"); // 08:00 in Shanghai
        assertEquals(List.of("day"), p.duty.onDuty(utcMidnight).stream().filter(d -> d.shift().post().equals("guard-room"))
                .map(d -> d.person().id()).toList());
        // contacts: by SMS, else e-mail; the leader post only
        assertEquals("sms", p.duty.contacts("leader", at("2026-11-24T03:00")).get(0).channel());
        assertEquals("email", p.duty.contacts("guard-room", at("2026-11-24T03:00")).get(0).channel());
        assertEquals(2, p.duty.contacts(null, at("2026-11-24T03:00")).size());
    }

    private List<String> guardRoom(String t) {
        return p.duty.onDuty(at(t)).stream().filter(d -> d.shift().post().equals("guard-room"))
                .map(d -> d.person().id()).toList();
    }

    @Test
    void datedShiftsAndValidation() {
        p.duty.save(new Shift("hol", "s1", "boss", "leader", List.of(), LocalTime.of(9, 0), LocalTime.of(17, 0),
                LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-26")), "admin");
        assertTrue(onDuty("2026-12-23T10:00").isEmpty());
        assertEquals(List.of("boss"), onDuty("2026-12-26T16:59"));
        assertTrue(onDuty("2026-12-27T10:00").isEmpty());
        assertEquals("bad-post", assertThrows(GatehouseException.class, () -> p.duty.save(new Shift(null, null, "boss",
                "Guard Room", List.of(), LocalTime.NOON, LocalTime.MIDNIGHT, null, null), "a")).code());
        assertEquals("unknown-person", assertThrows(GatehouseException.class, () -> p.duty.save(new Shift(null, null,
                "ghost", "leader", List.of(), LocalTime.NOON, LocalTime.MIDNIGHT, null, null), "a")).code());
        assertEquals("bad-shift", assertThrows(GatehouseException.class, () -> p.duty.save(new Shift(null, null,
                "boss", "leader", List.of(), LocalTime.NOON, null, null, null), "a")).code());
        Shift s = p.duty.save(new Shift(null, null, "day", "guard-room", List.of(DayOfWeek.SATURDAY), LocalTime.NOON,
                LocalTime.MIDNIGHT, null, null), "a");
        assertTrue(s.id().startsWith("shift-"));
        assertEquals(2, p.duty.shifts().size());
        p.duty.delete(s.id(), "a");
        assertEquals("unknown-shift", assertThrows(GatehouseException.class, () -> p.duty.delete(s.id(), "a")).code());
    }
}
