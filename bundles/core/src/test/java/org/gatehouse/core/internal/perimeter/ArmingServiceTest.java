package org.gatehouse.core.internal.perimeter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.gatehouse.api.AuditEntry;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.access.CalendarDay;
import org.gatehouse.api.access.SchoolTerm;
import org.gatehouse.api.perimeter.ArmingSchedule;
import org.gatehouse.api.perimeter.FenceEvents;
import org.gatehouse.api.perimeter.ZoneArming;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Perimeter arming on the real platform (Derby store, the attendance calendar, the spine, the audit trail), with the
 * service's clock set to the times under test: school term from 2026-02-23, Qingming (Monday 2026-04-06) a holiday.
 */
class ArmingServiceTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    /** A Monday, a school day. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

    private final DataSource ds = TestDb.newDataSource();
    private final TestDb.Channels channels = new TestDb.Channels();
    private Platform p;
    private final List<SecurityEvent> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void seed() {
        System.setProperty("derby.stream.error.file", "target/derby.log");
        p = TestDb.platform(ds, channels);
        p.sites.saveSite(new Site("s1", "School 1", "Asia/Shanghai", null), "test");
        p.sites.saveZone(new Zone("north", "s1", "North fence", ZoneKind.PERIMETER, true, List.of()), "test");
        p.sites.saveZone(new Zone("gate", "s1", "Main gate", ZoneKind.GATE, false, List.of()), "test");
        p.sites.saveDevice(new Device("gate-1", "s1", "gate", "facegate", "http", "Gate", DeviceStatus.UNKNOWN,
                Map.of()), "test");
        p.sites.saveDevice(new Device("fence-n1", "s1", "north", "fence", "http", "Fence N1", DeviceStatus.UNKNOWN,
                Map.of()), "test");
        p.attendance.saveTerm(new SchoolTerm("t1", "Spring 2026", LocalDate.of(2026, 2, 23),
                LocalDate.of(2026, 7, 10)), "test");
        p.attendance.saveDay(new CalendarDay(LocalDate.of(2026, 4, 6), false, "Qingming"), "test");
        p.events.subscribe("zone.*", published::add);
        p.start();
    }

    @AfterEach
    void stop() {
        p.stop();
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(SH).toInstant();
    }

    private void now(Instant t) {
        p.arming.clock(Clock.fixed(t, ZoneOffset.UTC));
    }

    private ZoneArming north(Instant t) {
        now(t);
        return p.arming.zone("north");
    }

    private static ArmingSchedule schedule(String... windows) {
        List<ArmingSchedule.Window> out = new java.util.ArrayList<>();
        for (String w : windows) {
            String[] parts = w.split(" ");
            String[] hm = parts[1].split("-");
            out.add(new ArmingSchedule.Window(parts[0], LocalTime.parse(hm[0]), LocalTime.parse(hm[1])));
        }
        return new ArmingSchedule(out);
    }

    private static SecurityEvent fence(String type, String zone) {
        return new SecurityEvent(null, null, null, "fence-n1", zone, type, Severity.MAJOR, Map.of(), null, null);
    }

    private List<String> auditActions() {
        return p.audit.query("zone", "north", null, 0, 100).items().stream().map(AuditEntry::action).toList();
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (!done.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        assertTrue(done.getAsBoolean(), "timed out");
    }

    private List<SecurityEvent> publishedOf(String type) {
        return published.stream().filter(e -> e.type().equals(type)).toList();
    }

    @Test
    void schoolNightsAndHolidaysWithOvernightWindows() {
        now(at(MONDAY, 12, 0));
        ZoneArming set = p.arming.schedule("north", schedule("SCHOOL 18:30-06:30", "holiday 00:00-00:00"), "admin");
        assertEquals("school", set.schedule().windows().get(0).days(), "days normalised");
        assertFalse(set.armed(), "a school day at noon");
        assertEquals(ArmingServiceImpl.SCHEDULE, set.source());
        assertEquals(at(MONDAY, 18, 30), set.nextChange());

        ZoneArming night = north(at(MONDAY, 20, 0));
        assertTrue(night.armed());
        assertTrue(night.alarming());
        assertEquals(at(MONDAY.plusDays(1), 6, 30), night.nextChange());
        assertTrue(north(at(MONDAY.plusDays(1), 3, 0)).armed(), "Tuesday 03:00 belongs to Monday night");
        assertFalse(north(at(MONDAY.plusDays(1), 6, 30)).armed(), "the window ends at 06:30");

        LocalDate friday = MONDAY.plusDays(4);
        ZoneArming weekend = north(at(friday, 20, 0));
        assertTrue(weekend.armed());
        // Friday night, then Saturday and Sunday all day: Monday 00:00-06:30 belongs to Sunday night, not a school day
        assertEquals(at(friday.plusDays(3), 0, 0), weekend.nextChange());
        assertTrue(north(at(friday.plusDays(1), 12, 0)).armed(), "Saturday noon");
        assertFalse(north(at(friday.plusDays(3), 12, 0)).armed(), "Monday noon");

        LocalDate qingming = LocalDate.of(2026, 4, 6);
        assertTrue(north(at(qingming, 12, 0)).armed(), "a holiday on a Monday is armed all day");
        assertFalse(north(at(qingming.plusDays(1), 12, 0)).armed(), "Tuesday after it is a school day again");
        // the holiday's window ends at midnight and Monday night is no school night: a third window fills that gap
        assertFalse(north(at(qingming.plusDays(1), 3, 0)).armed(), "Tuesday 03:00 after a holiday");
        now(at(qingming, 12, 0));
        p.arming.schedule("north", schedule("school 18:30-06:30", "holiday 00:00-00:00", "all 00:00-06:30"), "admin");
        assertTrue(north(at(qingming.plusDays(1), 3, 0)).armed(), "Tuesday 03:00 with the morning window");

        // days of the week; from equal to to is the whole day
        now(at(MONDAY, 12, 0));
        p.arming.schedule("north", schedule("sat,sun 00:00-00:00", "MON 22:00-02:00"), "admin");
        assertFalse(north(at(MONDAY, 21, 59)).armed());
        assertTrue(north(at(MONDAY, 22, 0)).armed());
        assertTrue(north(at(MONDAY.plusDays(1), 1, 59)).armed());
        assertFalse(north(at(MONDAY.plusDays(1), 2, 0)).armed());
        assertEquals(at(MONDAY.plusDays(5), 0, 0), north(at(MONDAY.plusDays(1), 2, 0)).nextChange());
        assertTrue(north(at(MONDAY.plusDays(6), 23, 59)).armed(), "Sunday");

        // an empty schedule leaves the zone to its own flag
        ZoneArming none = p.arming.schedule("north", new ArmingSchedule(List.of()), "admin");
        assertEquals(ArmingServiceImpl.FIXED, none.source());
        assertTrue(none.armed());
        assertNull(none.nextChange());
        assertTrue(auditActions().contains("zone-schedule"));
    }

    @Test
    void byHandUntilTheScheduleNextChangesOrUntilATime() throws Exception {
        now(at(MONDAY, 12, 0));
        p.arming.schedule("north", schedule("school 18:30-06:30"), "admin");
        p.arming.check(at(MONDAY, 12, 0)); // the ticker's first look records the state

        ZoneArming armed = p.arming.arm("north", true, null, null, "guard");
        assertTrue(armed.armed());
        assertEquals(ArmingServiceImpl.MANUAL, armed.source());
        assertEquals("guard", armed.by());
        assertNull(armed.manualUntil());
        assertEquals(at(MONDAY, 18, 30), armed.nextChange());
        assertTrue(north(at(MONDAY, 18, 29)).armed());
        assertEquals(ArmingServiceImpl.MANUAL, north(at(MONDAY, 18, 29)).source());
        // the schedule arms at 18:30: the manual state ends, the zone stays armed
        ArmingServiceImpl.CheckRun run = p.arming.check(at(MONDAY, 18, 31));
        assertEquals(new ArmingServiceImpl.CheckRun(0, 1, 0), run);
        assertEquals(ArmingServiceImpl.SCHEDULE, north(at(MONDAY, 18, 31)).source());
        assertEquals(new ArmingServiceImpl.CheckRun(1, 0, 0), p.arming.check(at(MONDAY.plusDays(1), 7, 0)));
        await(() -> publishedOf("zone.disarmed").size() == 1);
        SecurityEvent disarmed = publishedOf("zone.disarmed").get(0);
        assertEquals("schedule", disarmed.attributes().get("source"));
        assertEquals("fence-n1", disarmed.deviceId());
        assertEquals("north", disarmed.zoneId());
        assertEquals(Severity.INFO, disarmed.severity());

        // disarmed by hand for an hour at night: the schedule arms again after it
        now(at(MONDAY.plusDays(1), 20, 0));
        ZoneArming off = p.arming.arm("north", false, at(MONDAY.plusDays(1), 21, 0), "patrol at the fence",
                "guard");
        assertFalse(off.armed());
        assertFalse(off.alarming());
        assertEquals(at(MONDAY.plusDays(1), 21, 0), off.manualUntil());
        assertFalse(p.arming.alarms(fence(FenceEvents.INTRUSION, "north")), "disarmed: only recorded");
        assertTrue(p.arming.alarms(fence(FenceEvents.TAMPER, "north")), "tamper always alarms");
        assertTrue(p.arming.alarms(fence(FenceEvents.WIRE_CUT, null)), "wire cut always alarms");
        assertFalse(p.arming.alarms(fence(FenceEvents.TENSION_LOW, null)), "the device's zone");
        assertTrue(p.arming.alarms(fence("fence.fault", "north")), "other types: the rules decide");
        assertTrue(p.arming.alarms(fence(FenceEvents.INTRUSION, "gate")), "not a perimeter zone");
        assertEquals(new ArmingServiceImpl.CheckRun(1, 1, 0), p.arming.check(at(MONDAY.plusDays(1), 21, 1)));
        assertTrue(north(at(MONDAY.plusDays(1), 21, 1)).armed());
        now(at(MONDAY.plusDays(1), 21, 2));
        assertTrue(p.arming.alarms(fence(FenceEvents.INTRUSION, "north")));
        await(() -> publishedOf("zone.armed").size() == 2);
        assertEquals(List.of("manual", "schedule"), publishedOf("zone.armed").stream()
                .map(e -> e.attributes().get("source")).toList());
        assertEquals("patrol at the fence", publishedOf("zone.disarmed").get(1).attributes().get("reason"));
        List<String> actions = auditActions();
        for (String a : List.of("zone-arm", "zone-disarm", "zone-manual-end", "zone-armed", "zone-disarmed")) {
            assertTrue(actions.contains(a), a + " in " + actions);
        }
    }

    @Test
    void byHandWithoutScheduleSetsTheZoneFlagAndSurvivesARestart() {
        now(at(MONDAY, 12, 0));
        ZoneArming fixed = p.arming.zone("north");
        assertEquals(ArmingServiceImpl.FIXED, fixed.source());
        assertTrue(fixed.armed());
        ZoneArming off = p.arming.arm("north", false, null, "fence repair", "guard");
        assertFalse(off.armed());
        assertEquals(ArmingServiceImpl.MANUAL, off.source());
        assertFalse(p.sites.zone("north").orElseThrow().armed(), "the zone's flag follows");
        assertEquals(new ArmingServiceImpl.CheckRun(0, 0, 0), p.arming.check(at(MONDAY.plusDays(30), 12, 0)),
                "without a schedule and an end it lasts");

        p.stop();
        p = TestDb.platform(ds, channels);
        p.start();
        now(at(MONDAY.plusDays(31), 12, 0));
        ZoneArming after = p.arming.zone("north");
        assertFalse(after.armed());
        assertEquals("guard", after.by());
        assertEquals(1, p.arming.zones().size(), "only perimeter zones");

        // with an end, the flag stays and the zone comes back to it
        ZoneArming on = p.arming.arm("north", true, at(MONDAY.plusDays(31), 13, 0), null, "guard");
        assertTrue(on.armed());
        assertFalse(p.sites.zone("north").orElseThrow().armed());
        p.arming.check(at(MONDAY.plusDays(31), 13, 0));
        assertFalse(north(at(MONDAY.plusDays(31), 13, 0)).armed());
        assertEquals(ArmingServiceImpl.FIXED, north(at(MONDAY.plusDays(31), 13, 0)).source());
    }

    @Test
    void bypassExpiresByItself() throws Exception {
        Instant t0 = at(MONDAY, 20, 0);
        now(t0);
        assertTrue(p.arming.alarms(fence(FenceEvents.INTRUSION, "north")), "armed by its flag");
        ZoneArming bypassed = p.arming.bypass("north", "gardener at the fence", t0.plusSeconds(7200), "guard");
        assertTrue(bypassed.armed(), "still armed");
        assertFalse(bypassed.alarming());
        assertNotNull(bypassed.bypass());
        assertEquals("gardener at the fence", bypassed.bypass().reason());
        assertEquals("guard", bypassed.bypass().by());
        assertFalse(p.arming.alarms(fence(FenceEvents.INTRUSION, "north")));
        assertFalse(p.arming.alarms(fence(FenceEvents.TENSION_HIGH, "north")));
        assertTrue(p.arming.alarms(fence(FenceEvents.TAMPER, "north")));

        assertEquals(new ArmingServiceImpl.CheckRun(0, 0, 0), p.arming.check(t0.plusSeconds(3600)));
        assertEquals(new ArmingServiceImpl.CheckRun(0, 0, 1), p.arming.check(t0.plusSeconds(7260)));
        now(t0.plusSeconds(7260));
        assertNull(p.arming.zone("north").bypass());
        assertTrue(p.arming.alarms(fence(FenceEvents.INTRUSION, "north")));
        await(() -> publishedOf("zone.bypass.ended").size() == 1);
        assertEquals("expired", publishedOf("zone.bypass.ended").get(0).attributes().get("ended"));
        assertEquals("bypass", publishedOf("zone.bypassed").get(0).attributes().get("source"));

        // ended by hand; ending again is a no-op
        p.arming.bypass("north", "detector repair", t0.plusSeconds(10_000), "guard");
        assertNull(p.arming.endBypass("north", "admin").bypass());
        assertNull(p.arming.endBypass("north", "admin").bypass());
        await(() -> publishedOf("zone.bypass.ended").size() == 2);
        List<String> actions = auditActions();
        assertEquals(2, actions.stream().filter("zone-bypass"::equals).count(), actions.toString());
        assertEquals(2, actions.stream().filter("zone-bypass-end"::equals).count(), actions.toString());
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        Instant t0 = at(MONDAY, 20, 0);
        now(t0);
        assertCode("unknown-zone", GatehouseException.Kind.NOT_FOUND, () -> p.arming.zone("nowhere"));
        assertCode("not-perimeter", GatehouseException.Kind.INVALID, () -> p.arming.zone("gate"));
        assertCode("not-perimeter", GatehouseException.Kind.INVALID,
                () -> p.arming.arm("gate", true, null, null, "guard"));
        assertCode("reason-required", GatehouseException.Kind.INVALID,
                () -> p.arming.arm("north", false, null, " ", "guard"));
        assertCode("reason-too-long", GatehouseException.Kind.INVALID,
                () -> p.arming.arm("north", false, null, "x".repeat(501), "guard"));
        assertCode("bad-until", GatehouseException.Kind.INVALID,
                () -> p.arming.arm("north", false, t0.minusSeconds(1), "late", "guard"));
        assertCode("reason-required", GatehouseException.Kind.INVALID,
                () -> p.arming.bypass("north", null, t0.plusSeconds(60), "guard"));
        assertCode("bad-until", GatehouseException.Kind.INVALID,
                () -> p.arming.bypass("north", "why", null, "guard"));
        assertCode("bad-until", GatehouseException.Kind.INVALID,
                () -> p.arming.bypass("north", "why", t0.minusSeconds(60), "guard"));
        assertCode("bad-until", GatehouseException.Kind.INVALID,
                () -> p.arming.bypass("north", "why", t0.plusSeconds(73 * 3600), "guard"));
        p.arming.configure(100);
        assertNotNull(p.arming.bypass("north", "why", t0.plusSeconds(73 * 3600), "guard").bypass(),
                "perimeter.bypass.max.hours");
        p.arming.endBypass("north", "guard");
        assertThrows(IllegalArgumentException.class, () -> p.arming.configure(0));
        assertCode("bad-days", GatehouseException.Kind.INVALID,
                () -> p.arming.schedule("north", schedule("weekdays 18:00-06:00"), "admin"));
        assertCode("bad-window", GatehouseException.Kind.INVALID, () -> p.arming.schedule("north",
                new ArmingSchedule(List.of(new ArmingSchedule.Window("all", null, LocalTime.NOON))), "admin"));
        assertCode("bad-window", GatehouseException.Kind.INVALID, () -> p.arming.schedule("north",
                new ArmingSchedule(List.of(new ArmingSchedule.Window("all", LocalTime.of(1, 0, 30),
                        LocalTime.NOON))), "admin"));
        assertCode("missing-body", GatehouseException.Kind.INVALID, () -> p.arming.schedule("north", null, "admin"));

        ZoneArming z = p.arming.zone("north");
        assertEquals(ArmingServiceImpl.FIXED, z.source());
        assertTrue(z.alarming());
        assertTrue(z.schedule().windows().isEmpty());
        assertEquals(List.of("zone-add", "zone-bypass", "zone-bypass-end"), auditActions().stream().sorted().toList(),
                "the seed's zone, and the one bypass that was accepted");
    }

    private static void assertCode(String code, GatehouseException.Kind kind, Runnable call) {
        GatehouseException e = assertThrows(GatehouseException.class, call::run);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(kind, e.kind());
    }
}
