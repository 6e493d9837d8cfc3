package org.gatehouse.core.internal.stranger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmQuery;
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
import org.gatehouse.api.access.GateDecision;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.stranger.StrangerAlert;
import org.gatehouse.api.stranger.StrangerRule;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.access.GateSettings;
import org.gatehouse.core.internal.store.Db;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.core.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stranger alerts on the real platform (Derby store, the passage store's gate decisions, the spine, the alarm
 * service) with the deterministic test engine: a spine subscriber raises an alarm for every event of at least
 * WARNING, as the gatehouse-alarm-rules route does by default.
 */
class StrangerServiceTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    /** A Monday. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

    private final Platform p = TestDb.platform();
    private final Path dir = Path.of("target/test-snapshots/" + UUID.randomUUID()).toAbsolutePath();
    private final List<SecurityEvent> alerts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void seed() {
        p.passages.configure(new GateSettings(dir, 30, 37.3f, SH));
        p.faces.engineAdded("onnx", new TestEngine("onnx", "test-a", false));
        p.sites.saveSite(new Site("s1", "School 1", "Asia/Shanghai", null), "test");
        p.sites.saveZone(new Zone("main-gate", "s1", "Main gate", ZoneKind.GATE, false, List.of()), "test");
        p.sites.saveZone(new Zone("dorm", "s1", "Dormitory 1", ZoneKind.BUILDING, false, List.of()), "test");
        p.sites.saveDevice(new Device("gate-in", "s1", "main-gate", "facegate", "http", "Gate in", DeviceStatus.UNKNOWN,
                Map.of("direction", "in")), "test");
        p.sites.saveDevice(new Device("dorm-door", "s1", "dorm", "facegate", "http", "Dorm door", DeviceStatus.UNKNOWN,
                Map.of("direction", "in")), "test");
        p.sites.saveDevice(new Device("dorm-door-2", "s1", "dorm", "facegate", "http", "Dorm door 2",
                DeviceStatus.UNKNOWN, Map.of("direction", "in")), "test");
        p.persons.savePerson(new Person("staff1", "Staff 1", PersonRole.STAFF, null, null, null, "security"), "admin");
        p.faces.enroll("staff1", face(3, 0, 200), "admin");
        // what the alarm-rules route does with its defaults (min.severity WARNING)
        p.events.subscribe("*", e -> {
            if (e.type().equals("stranger.alert")) {
                alerts.add(e);
            }
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

    private static Frame face(int identity, int photo, int size) {
        TestEngine.Face f = TestEngine.face(identity, photo);
        return new Frame(TestEngine.png(new TestEngine.Face(size, f.sharpness(), f.yaw(), f.vector())), "png");
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(SH).toInstant();
    }

    private static StrangerRule rule(String id, String zone, String days, String from, String to, Severity sev,
                                     int fold) {
        return new StrangerRule(id, null, zone, days, LocalTime.parse(from), LocalTime.parse(to), sev, fold, true);
    }

    private GateDecision decide(String device, Frame f, Instant at) {
        return p.passages.decide(device, f, null, at);
    }

    private List<Alarm> strangerAlarms() {
        return p.alarms.query(new AlarmQuery(java.util.EnumSet.allOf(org.gatehouse.api.AlarmState.class), null, null, 0, 100)).items().stream()
                .filter(a -> a.type().equals("stranger.alert")).toList();
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (!done.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        assertTrue(done.getAsBoolean(), "timed out");
    }

    @Test
    void threeNightCapturesOfOneUnknownFaceAreOneAlarmWithCountThree() throws Exception {
        StrangerRule saved = p.strangers.save(rule("dorm-night", "dorm", "all", "22:00", "06:00", null, 0), "admin");
        assertEquals(Severity.MAJOR, saved.severity(), "default severity");
        assertEquals(30, saved.foldMinutes(), "default fold");
        assertEquals("dorm-night", saved.name(), "the name defaults to the id");

        GateDecision d1 = decide("dorm-door", face(7, 1, 200), at(MONDAY, 23, 40));
        GateDecision d2 = decide("dorm-door-2", face(7, 2, 320), at(MONDAY, 23, 55));
        GateDecision d3 = decide("dorm-door", face(7, 3, 160), at(MONDAY.plusDays(1), 0, 10)); // after midnight
        assertNull(d1.personId());
        assertEquals(GateDecision.REASON_STRANGER, d1.reason());

        List<StrangerAlert> clusters = p.strangers.alerts(0, 10).items();
        assertEquals(1, clusters.size(), clusters.toString());
        StrangerAlert a = clusters.get(0);
        assertEquals(3, a.count());
        assertEquals("dorm-night", a.ruleId());
        assertEquals("dorm", a.zoneId());
        assertEquals(at(MONDAY, 23, 40), a.firstAt());
        assertEquals(at(MONDAY.plusDays(1), 0, 10), a.lastAt());
        assertEquals(d2.passage().id(), a.bestPassage(), "the largest face is the best snapshot");

        await(() -> alerts.size() == 3 && strangerAlarms().size() == 1 && strangerAlarms().get(0).count() == 3);
        Alarm alarm = strangerAlarms().get(0);
        assertEquals(Severity.MAJOR, alarm.severity());
        assertEquals("dorm-door/stranger.alert/" + a.id(), alarm.sourceKey());
        SecurityEvent last = alerts.get(2);
        assertEquals(Long.toString(a.id()), last.attributes().get(AlarmService.SOURCE_ATTRIBUTE));
        assertEquals(Long.toString(a.id()), last.attributes().get("clusterId"));
        assertEquals("dorm-night", last.attributes().get("ruleId"));
        assertEquals("3", last.attributes().get("count"));
        assertEquals(Long.toString(d3.passage().id()), last.attributes().get("passageId"));
        assertEquals("passages/" + d2.passage().id() + "/snapshot", last.snapshotRef());
        assertEquals("passages/" + d1.passage().id() + "/snapshot", alerts.get(0).snapshotRef());
        await(() -> alarm.id() == p.strangers.alerts(0, 10).items().get(0).alarmId());
    }

    @Test
    void twoUnknownFacesAreTwoClustersAndTheFoldWindowEnds() throws Exception {
        p.strangers.save(rule("dorm-night", "dorm", "all", "22:00", "06:00", Severity.CRITICAL, 60), "admin");
        decide("dorm-door", face(7, 1, 200), at(MONDAY, 22, 30));
        decide("dorm-door", face(8, 1, 200), at(MONDAY, 22, 31));
        decide("dorm-door", face(7, 2, 200), at(MONDAY, 22, 40));
        List<StrangerAlert> clusters = p.strangers.alerts(0, 10).items();
        assertEquals(2, clusters.size(), clusters.toString());
        assertEquals(List.of(2, 1), clusters.stream().map(StrangerAlert::count).toList(), "newest first");
        await(() -> strangerAlarms().size() == 2);
        assertTrue(strangerAlarms().stream().allMatch(al -> al.severity() == Severity.CRITICAL));

        // 2 hours later the 60-minute fold window of the first face is over: a new cluster, a new alarm
        decide("dorm-door", face(7, 3, 200), at(MONDAY.plusDays(1), 0, 45));
        assertEquals(3, p.strangers.alerts(0, 10).total());
        assertEquals(1, p.strangers.alerts(0, 10).items().get(0).count());
        await(() -> strangerAlarms().size() == 3);
    }

    @Test
    void daytimeOtherZonesAndKnownPeopleRaiseNothing() throws Exception {
        p.strangers.save(rule("dorm-night", "dorm", "all", "22:00", "06:00", null, 0), "admin");
        decide("dorm-door", face(7, 1, 200), at(MONDAY, 10, 0)); // daytime
        decide("dorm-door", face(7, 2, 200), at(MONDAY, 6, 0)); // the window ends at 06:00
        decide("gate-in", face(7, 3, 200), at(MONDAY, 23, 0)); // another zone
        GateDecision known = decide("dorm-door", face(3, 4, 200), at(MONDAY, 23, 0)); // enrolled
        assertEquals("staff1", known.personId());
        assertEquals(0, p.strangers.alerts(0, 10).total());

        p.strangers.save(new StrangerRule("dorm-night", "Dorm at night", "dorm", "all", LocalTime.of(22, 0),
                LocalTime.of(6, 0), null, 0, false), "admin");
        decide("dorm-door", face(7, 5, 200), at(MONDAY, 23, 30));
        assertEquals(0, p.strangers.alerts(0, 10).total(), "a disabled rule does not apply");

        // the whole campus, whole day, on holidays (no school terms: every day is a holiday)
        p.strangers.save(rule("holidays", "*", "holiday", "00:00", "00:00", Severity.WARNING, 30), "admin");
        assertNull(p.strangers.rule("holidays").orElseThrow().zoneId(), "* is every zone");
        decide("gate-in", face(7, 6, 200), at(MONDAY, 10, 0));
        assertEquals(1, p.strangers.alerts(0, 10).total());
        await(() -> alerts.size() == 1);
        assertEquals(0L, (long) p.db.tx(c -> Db.count(c, "SELECT COUNT(*) FROM EVENTS WHERE TYPE = 'stranger.alert'"
                + " AND DEVICE_ID = 'dorm-door'")));
    }

    @Test
    void daysAndWindowsInTheGateTimeZone() {
        StrangerServiceImpl s = new StrangerServiceImpl(p.db, p.audit, p.sites, p.events, null, () -> SH);
        s.save(rule("weekend", null, "holiday", "08:00", "08:00", null, 0), "admin");
        s.save(rule("x-fri-night", null, "FRI", "22:00", "02:00", null, 0), "admin");
        LocalDate friday = MONDAY.plusDays(4);
        assertEquals("weekend", s.applying("dorm", at(friday.plusDays(1), 12, 0)).orElseThrow().id());
        assertTrue(s.applying("dorm", at(friday, 12, 0)).isEmpty(), "no calendar: a weekday is a school day");
        assertEquals("x-fri-night", s.applying("dorm", at(friday, 23, 0)).orElseThrow().id());
        assertEquals("weekend", s.applying("dorm", at(friday.plusDays(1), 1, 0)).orElseThrow().id(),
                "rules apply in id order");
        s.delete("weekend", "admin");
        assertEquals("x-fri-night", s.applying("dorm", at(friday.plusDays(1), 1, 0)).orElseThrow().id(),
                "Saturday 01:00 is Friday night");
        assertTrue(s.applying("dorm", at(friday.plusDays(1), 2, 0)).isEmpty(), "the window ends at 02:00");
        assertTrue(s.applying("dorm", at(friday.plusDays(2), 1, 0)).isEmpty(), "Sunday 01:00 is Saturday night");
        assertTrue(s.applying("dorm", at(friday, 1, 0)).isEmpty(), "Friday 01:00 is Thursday night");
        assertEquals("MON,WED,SUN", s.save(rule("days", null, "sun, wed,mon", "08:00", "09:00", null, 0), "t").days());
    }

    @Test
    void badRulesAreRefusedAndNothingChanges() {
        p.strangers.save(rule("dorm-night", "dorm", "all", "22:00", "06:00", null, 0), "admin");
        assertEquals("bad-days", error(() -> p.strangers.save(rule("r", null, "weekdays", "22:00", "06:00", null, 0),
                "admin")).code());
        assertEquals("bad-days", error(() -> p.strangers.save(rule("r", null, "MON,MON", "22:00", "06:00", null, 0),
                "admin")).code());
        assertEquals("bad-days", error(() -> p.strangers.save(rule("r", null, null, "22:00", "06:00", null, 0),
                "admin")).code());
        assertEquals("bad-window", error(() -> p.strangers.save(new StrangerRule("r", null, null, "all", null,
                LocalTime.of(6, 0), null, 0, true), "admin")).code());
        assertEquals("bad-window", error(() -> p.strangers.save(new StrangerRule("r", null, null, "all",
                LocalTime.of(6, 0, 30), LocalTime.of(7, 0), null, 0, true), "admin")).code());
        GatehouseException unknown = error(() -> p.strangers.save(rule("r", "nowhere", "all", "22:00", "06:00", null,
                0), "admin"));
        assertEquals("unknown-zone", unknown.code());
        assertEquals(GatehouseException.Kind.NOT_FOUND, unknown.kind());
        assertEquals("bad-rule-id", error(() -> p.strangers.save(rule("a b", null, "all", "22:00", "06:00", null, 0),
                "admin")).code());
        assertEquals("bad-rule-id", error(() -> p.strangers.save(rule(null, null, "all", "22:00", "06:00", null, 0),
                "admin")).code());
        assertEquals("bad-fold", error(() -> p.strangers.save(rule("r", null, "all", "22:00", "06:00", null, 1441),
                "admin")).code());
        assertEquals("bad-fold", error(() -> p.strangers.save(rule("r", null, "all", "22:00", "06:00", null, -5),
                "admin")).code());
        assertEquals("unknown-rule", error(() -> p.strangers.delete("r", "admin")).code());
        assertEquals(List.of("dorm-night"), p.strangers.rules().stream().map(StrangerRule::id).toList());
        assertEquals(1, p.audit.query("stranger-rule", "dorm-night", null, 0, 10).total());
        assertEquals("bad-limit", error(() -> p.strangers.alerts(0, 5000)).code());
    }

    @Test
    void clusterThresholdSetting() {
        assertThrows(IllegalArgumentException.class, () -> p.strangers.configure(1.5f));
        assertEquals(StrangerServiceImpl.DEFAULT_THRESHOLD, p.strangers.threshold());
        p.strangers.configure(0.6f);
        assertEquals(0.6f, p.strangers.threshold());
        assertNotEquals(0, StrangerServiceImpl.MAX_OPEN);
        assertNotNull(p.strangers.rules());
        assertFalse(p.strangers.rule("none").isPresent());
    }

    private static GatehouseException error(Runnable r) {
        return assertThrows(GatehouseException.class, r::run);
    }
}
