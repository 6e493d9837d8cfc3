package org.gatehouse.core.internal.danger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.AuditEntry;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.danger.DangerKind;
import org.gatehouse.api.danger.DangerZoneRule;
import org.gatehouse.api.danger.DangerZoneRule.Window;
import org.gatehouse.api.danger.PresenceEvents;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Danger zones on the real platform (Derby store, the spine, the alarm service): presences are ingested on the spine
 * as a driver does, the service follows them there, and a spine subscriber raises an alarm for every event of at
 * least WARNING, as the gatehouse-alarm-rules route does by default.
 */
class DangerZoneServiceTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    /** A Monday, a school day of the spring term. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

    private final Platform p = TestDb.platform();

    @BeforeEach
    void seed() {
        p.sites.saveSite(new Site("s1", "School 1", "Asia/Shanghai", null), "test");
        p.sites.saveZone(new Zone("pond", "s1", "Pond", ZoneKind.DANGER, false, List.of("staff-wang")), "test");
        p.sites.saveZone(new Zone("lab", "s1", "Chemistry lab", ZoneKind.DANGER, false, List.of("staff-li")), "test");
        p.sites.saveZone(new Zone("main-gate", "s1", "Main gate", ZoneKind.GATE, false, List.of()), "test");
        p.sites.saveDevice(new Device("pir-pond", "s1", "pond", "pir", "http", "Pond PIR", DeviceStatus.UNKNOWN,
                Map.of()), "test");
        p.sites.saveDevice(new Device("cam-pond", "s1", "pond", "camera", "http", "Pond camera", DeviceStatus.UNKNOWN,
                Map.of()), "test");
        p.sites.saveDevice(new Device("door-lab", "s1", "lab", "door", "http", "Lab door", DeviceStatus.UNKNOWN,
                Map.of()), "test");
        p.sites.saveDevice(new Device("gate-1", "s1", "main-gate", "facegate", "http", "Gate 1", DeviceStatus.UNKNOWN,
                Map.of()), "test");
        p.persons.savePerson(new Person("staff-wang", "Wang", PersonRole.STAFF, null, null, null, "security"), "t");
        p.persons.savePerson(new Person("staff-li", "Li", PersonRole.STAFF, null, null, null, "teachers"), "t");
        p.persons.savePerson(new Person("stu-1", "Student", PersonRole.STUDENT, null, null, null, "3-2"), "t");
        p.attendance.saveTerm(new org.gatehouse.api.access.SchoolTerm("2026-spring", "Spring", LocalDate.of(2026, 2, 23),
                LocalDate.of(2026, 7, 10)), "t");
        // what the alarm-rules route does with its defaults (min.severity WARNING)
        p.events.subscribe("*", e -> {
            if (e.severity().atLeast(Severity.WARNING)) {
                p.alarms.raise(e, null);
            }
        });
        p.start();
    }

    @AfterEach
    void stop() {
        p.stop();
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(SH).toInstant();
    }

    private static Window window(String days, String from, String to) {
        return new Window(days, LocalTime.parse(from), LocalTime.parse(to));
    }

    private DangerZoneRule pondRule() {
        return p.dangerZones.save(new DangerZoneRule("pond", DangerKind.WATER, List.of(), List.of(),
                List.of("cam-pond"), null, 0, true), "sec");
    }

    private DangerZoneRule labRule() {
        return p.dangerZones.save(new DangerZoneRule("lab", DangerKind.CHEMICAL_STORE,
                List.of(window("school", "08:00", "17:00")), List.of("staff-li"), List.of(), Severity.CRITICAL, 30,
                true), "sec");
    }

    private void presence(String id, String device, Instant time, String personId, Map<String, String> attrs) {
        p.events.ingest(new SecurityEvent(id, time, null, device, null, PresenceEvents.PRESENCE, Severity.INFO, attrs,
                device.startsWith("cam") ? "passages/7/snapshot" : null, personId));
    }

    private Optional<SecurityEvent> warning(String presenceId) {
        return p.events.get(DangerZoneServiceImpl.PREFIX + presenceId);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until the spine dispatched everything a device reported so far (the events of one device are dispatched
     * in order, with what their subscribers ingest in the device's name).
     */
    private void drain(String device) throws InterruptedException {
        String marker = "marker-" + System.nanoTime();
        java.util.concurrent.CountDownLatch seen = new java.util.concurrent.CountDownLatch(1);
        try (AutoCloseable s = p.events.subscribe("test.marker", e -> {
            if (e.id().equals(marker)) {
                seen.countDown();
            }
        })) {
            p.events.ingest(new SecurityEvent(marker, null, null, device, null, "test.marker", Severity.INFO,
                    Map.of(), null, null));
            assertTrue(seen.await(10, java.util.concurrent.TimeUnit.SECONDS), "the spine dispatches");
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<Alarm> alarms(String type) {
        return p.alarms.query(new AlarmQuery(null, null, null, 0, 100)).items().stream()
                .filter(a -> a.type().equals(type)).toList();
    }

    @Test
    void aPirPresenceAtNightAtThePondIsAWarningWithItsSourceKindAndCameraAndRaisesAnAlarm() throws Exception {
        pondRule();
        presence("pir-1", "pir-pond", at(MONDAY, 22, 15), null, Map.of(PresenceEvents.ATTR_SENSOR, "pir"));
        await(() -> warning("pir-1").isPresent(), "the warning of pir-1");
        SecurityEvent w = warning("pir-1").orElseThrow();
        assertEquals(PresenceEvents.WARNING, w.type());
        assertEquals("pond", w.zoneId());
        assertEquals("pir-pond", w.deviceId());
        assertEquals("s1", w.siteId());
        assertEquals(Severity.MAJOR, w.severity(), "the default severity");
        assertEquals(at(MONDAY, 22, 15), w.time());
        assertEquals("danger-pond", w.attributes().get(AlarmService.SOURCE_ATTRIBUTE));
        assertEquals("WATER", w.attributes().get(PresenceEvents.ATTR_KIND));
        assertEquals("cam-pond", w.attributes().get(PresenceEvents.ATTR_CAMERA), "the rule's first camera");
        assertEquals("pir", w.attributes().get(PresenceEvents.ATTR_SENSOR));
        assertEquals("pir-1", w.attributes().get(DangerZoneServiceImpl.ATTR_PRESENCE));
        await(() -> alarms(PresenceEvents.WARNING).size() == 1, "the warning's alarm");
        Alarm a = alarms(PresenceEvents.WARNING).get(0);
        assertEquals("pir-pond/danger.warning/danger-pond", a.sourceKey());
        assertEquals(Severity.MAJOR, a.severity());
    }

    @Test
    void aCameraPresenceNamesTheCameraCarriesTheSnapshotAndTheCount() throws Exception {
        pondRule();
        presence("cam-1", "cam-pond", at(MONDAY, 3, 0), null, Map.of(PresenceEvents.ATTR_SENSOR, "camera",
                PresenceEvents.ATTR_PERSONS, "2", PresenceEvents.ATTR_SCORE, "0.83"));
        await(() -> warning("cam-1").isPresent(), "the warning of cam-1");
        SecurityEvent w = warning("cam-1").orElseThrow();
        assertEquals("cam-pond", w.deviceId());
        assertEquals("cam-pond", w.attributes().get(PresenceEvents.ATTR_CAMERA));
        assertEquals("camera", w.attributes().get(PresenceEvents.ATTR_SENSOR));
        assertEquals("2", w.attributes().get(PresenceEvents.ATTR_PERSONS));
        assertEquals("0.83", w.attributes().get(PresenceEvents.ATTR_SCORE));
        assertEquals("passages/7/snapshot", w.snapshotRef());
    }

    @Test
    void aPresenceInTheAllowedHoursOrByAnAllowedPersonIsNoWarning() throws Exception {
        labRule();
        presence("lab-day", "door-lab", at(MONDAY, 10, 0), null, Map.of());
        presence("lab-li", "door-lab", at(MONDAY, 21, 0), "staff-li", Map.of());
        presence("lab-sunday", "door-lab", at(MONDAY.plusDays(6), 10, 0), "stu-1", Map.of());
        drain("door-lab");
        assertFalse(warning("lab-day").isPresent(), "a school day at 10:00 is inside the window");
        assertFalse(warning("lab-li").isPresent(), "staff-li is always allowed");
        SecurityEvent w = warning("lab-sunday").orElseThrow(() -> new AssertionError("Sunday is no school day"));
        assertEquals(Severity.CRITICAL, w.severity(), "the rule's severity");
        assertEquals("CHEMICAL_STORE", w.attributes().get(PresenceEvents.ATTR_KIND));
        assertFalse(w.attributes().containsKey(PresenceEvents.ATTR_CAMERA), "no camera in the rule: no live view");
        assertEquals("stu-1", w.personId());
        // evaluate says the same without ingesting anything new
        SecurityEvent day = new SecurityEvent("x-day", at(MONDAY, 16, 59), null, "door-lab", "lab",
                PresenceEvents.PRESENCE, Severity.INFO, Map.of(), null, null);
        assertTrue(p.dangerZones.evaluate(day).isEmpty());
    }

    @Test
    void presencesWithinTheFoldTimeFoldIntoOneWarningAndARedeliveryRaisesNothingNew() throws Exception {
        pondRule(); // fold 10 min
        presence("p-1", "pir-pond", at(MONDAY, 22, 0), null, Map.of());
        presence("p-2", "pir-pond", at(MONDAY, 22, 5), null, Map.of());
        presence("p-3", "pir-pond", at(MONDAY, 22, 11), null, Map.of());
        drain("pir-pond");
        assertTrue(warning("p-1").isPresent());
        assertFalse(warning("p-2").isPresent(), "5 minutes later: folded");
        assertTrue(warning("p-3").isPresent(), "11 minutes after the first warning: a new one");
        SecurityEvent again = new SecurityEvent("p-1", at(MONDAY, 22, 0), "s1", "pir-pond", "pond",
                PresenceEvents.PRESENCE, Severity.INFO, Map.of(), null, null);
        assertEquals(DangerZoneServiceImpl.PREFIX + "p-1", p.dangerZones.evaluate(again).orElseThrow().id());
        drain("pir-pond");
        long warnings = p.events.query(new org.gatehouse.api.EventQuery(null, null,
                PresenceEvents.WARNING, null, null, null, 0, 100)).total();
        assertEquals(2, warnings, "p-1 and p-3; the redelivery of p-1 is the same event");
        await(() -> alarms(PresenceEvents.WARNING).size() == 1
                && alarms(PresenceEvents.WARNING).get(0).count() == 2, "the second warning folded into the alarm");
    }

    @Test
    void withoutAnEnabledRuleOrOutsideADangerZoneNothingHappens() throws Exception {
        p.dangerZones.save(new DangerZoneRule("pond", DangerKind.WATER, List.of(), List.of(), List.of(), null, 0,
                false), "sec");
        presence("off-1", "pir-pond", at(MONDAY, 23, 0), null, Map.of());
        presence("lab-1", "door-lab", at(MONDAY, 23, 0), null, Map.of());
        presence("gate-p", "gate-1", at(MONDAY, 23, 0), null, Map.of());
        SecurityEvent restore = new SecurityEvent("r-1", at(MONDAY, 23, 1), null, "pir-pond", null,
                PresenceEvents.PRESENCE, Severity.INFO, Map.of("state", "restore"), null, null);
        p.events.ingest(restore);
        drain("pir-pond");
        drain("door-lab");
        drain("gate-1");
        assertFalse(warning("off-1").isPresent(), "the rule is disabled");
        assertFalse(warning("lab-1").isPresent(), "the lab has no rule");
        assertFalse(warning("gate-p").isPresent(), "not a danger zone");
        pondRule();
        assertTrue(p.dangerZones.evaluate(restore).isEmpty(), "a restore is no presence");
    }

    @Test
    void rulesAreSavedNormalisedListedDeletedAndAudited() {
        DangerZoneRule saved = p.dangerZones.save(new DangerZoneRule(" lab", DangerKind.LAB,
                List.of(window("mon,wed", "18:00", "06:00")), List.of("staff-li", "staff-li"), List.of("door-lab"),
                null, 0, true), "sec");
        assertEquals(new DangerZoneRule("lab", DangerKind.LAB, List.of(window("MON,WED", "18:00", "06:00")),
                List.of("staff-li"), List.of("door-lab"), Severity.MAJOR, 10, true), saved);
        pondRule();
        assertEquals(List.of("lab", "pond"), p.dangerZones.rules().stream().map(DangerZoneRule::zoneId).toList());
        assertEquals(saved, p.dangerZones.rule("lab").orElseThrow());
        p.dangerZones.delete("lab", "sec");
        assertTrue(p.dangerZones.rule("lab").isEmpty());
        List<AuditEntry> audit = p.audit.query("danger-zone", null, null, 0, 10).items();
        assertEquals(List.of("danger-zone-delete", "danger-zone-save", "danger-zone-save"),
                audit.stream().map(AuditEntry::action).toList());
        assertEquals("sec", audit.get(0).actor());
        assertTrue(audit.get(2).detail().contains("LAB allowed MON,WED 18:00-06:00 persons staff-li cameras door-lab"),
                audit.get(2).detail());
    }

    private String error(Runnable r) {
        return assertThrows(GatehouseException.class, r::run).code();
    }

    private static DangerZoneRule rule(String zone, List<Window> allowed, List<String> persons, List<String> cameras,
                                       int fold) {
        return new DangerZoneRule(zone, DangerKind.WATER, allowed, persons, cameras, null, fold, true);
    }

    @Test
    void badRulesAreRefusedWithTheirCodeAndChangeNothing() {
        pondRule();
        assertEquals("unknown-zone", error(() -> p.dangerZones.save(rule("nowhere", List.of(), List.of(), List.of(),
                0), "sec")));
        assertEquals("not-danger-zone", error(() -> p.dangerZones.save(rule("main-gate", List.of(), List.of(),
                List.of(), 0), "sec")));
        assertEquals("unknown-person", error(() -> p.dangerZones.save(rule("pond", List.of(), List.of("ghost"),
                List.of(), 0), "sec")));
        assertEquals("unknown-device", error(() -> p.dangerZones.save(rule("pond", List.of(), List.of(),
                List.of("cam-x"), 0), "sec")));
        assertEquals("bad-window", error(() -> p.dangerZones.save(rule("pond", List.of(window("weekdays", "08:00",
                "17:00")), List.of(), List.of(), 0), "sec")));
        assertEquals("bad-window", error(() -> p.dangerZones.save(rule("pond", List.of(new Window("all", null,
                LocalTime.NOON)), List.of(), List.of(), 0), "sec")));
        assertEquals("bad-window", error(() -> p.dangerZones.save(rule("pond", List.of(new Window("all",
                LocalTime.of(8, 0, 30), LocalTime.NOON)), List.of(), List.of(), 0), "sec")));
        assertEquals("bad-fold", error(() -> p.dangerZones.save(rule("pond", List.of(), List.of(), List.of(), -1),
                "sec")));
        assertEquals("bad-fold", error(() -> p.dangerZones.save(rule("pond", List.of(), List.of(), List.of(), 1441),
                "sec")));
        assertEquals("bad-kind", error(() -> p.dangerZones.save(new DangerZoneRule("pond", null, List.of(),
                List.of(), List.of(), null, 0, true), "sec")));
        assertEquals("missing-body", error(() -> p.dangerZones.save(null, "sec")));
        assertEquals("no-rule", error(() -> p.dangerZones.delete("lab", "sec")));
        assertEquals("unknown-zone", error(() -> p.dangerZones.delete("nowhere", "sec")));
        assertEquals(List.of("cam-pond"), p.dangerZones.rule("pond").orElseThrow().cameraIds(), "unchanged");
        assertEquals(1, p.audit.query("danger-zone", null, null, 0, 10).total(), "only the first save");
    }
}
