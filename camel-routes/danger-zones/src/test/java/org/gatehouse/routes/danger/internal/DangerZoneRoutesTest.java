package org.gatehouse.routes.danger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.danger.DangerKind;
import org.gatehouse.api.danger.DangerZoneRule;
import org.gatehouse.api.danger.PresenceEvents;
import org.gatehouse.api.service.DutyService.Shift;
import org.gatehouse.camel.internal.AlarmComponent;
import org.gatehouse.camel.internal.EventComponent;
import org.gatehouse.camel.internal.NotifyComponent;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.store.Db;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The route on a real CamelContext behind the platform's real gatehouse-event, gatehouse-alarm and gatehouse-notify
 * components, over the core's real services on Derby: a presence goes through the spine, the core's danger-zone
 * service turns it into a warning, a test alarm rule raises it as gatehouse-alarm-rules does, and the RAISED
 * transition reaches the route; messages are rendered from the shipped templates and stored in the outbox.
 */
class DangerZoneRoutesTest {
    static final String BASE = "https://school.example";
    /** 22:40 in Shanghai on a Monday: outside any allowed window. */
    private static final Instant NIGHT = Instant.parse("2026-03-02T14:40:00Z");

    record Sent(String kind, String recipient, String language, String subject, String body, String dedupeKey,
                String priority) {
    }

    private final Platform core = TestDb.platform();
    private final CamelContext context = new DefaultCamelContext();

    private void start(Settings settings, Severity severity) throws Exception {
        core.sites.saveSite(new Site("s1", "School", "Asia/Shanghai", null), "t");
        core.sites.saveZone(new Zone("pond", "s1", "池塘 Pond", ZoneKind.DANGER, false, List.of("staff-wang")), "t");
        core.sites.saveZone(new Zone("lab", "s1", "Lab", ZoneKind.DANGER, false, List.of()), "t");
        core.sites.saveDevice(new Device("pir-pond", "s1", "pond", "pir", "http", "Pond PIR", DeviceStatus.UNKNOWN,
                Map.of()), "t");
        core.sites.saveDevice(new Device("cam-pond", "s1", "pond", "camera", "http", "Pond camera",
                DeviceStatus.UNKNOWN, Map.of()), "t");
        core.sites.saveDevice(new Device("door-lab", "s1", "lab", "door", "http", "Lab door", DeviceStatus.UNKNOWN,
                Map.of()), "t");
        core.persons.savePerson(new Person("staff-wang", "王保安", PersonRole.STAFF, "+8613800000101", null, "zh-CN",
                "security"), "t");
        core.persons.savePerson(new Person("leader-1", "Duty Leader", PersonRole.STAFF, null, "leader@school.example",
                "en", null), "t");
        core.duty.save(new Shift(null, "s1", "leader-1", "leader", List.of(), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                null, null), "t");
        core.dangerZones.save(new DangerZoneRule("pond", DangerKind.WATER, List.of(), List.of(), List.of("cam-pond"),
                severity, 0, true), "t");
        core.dangerZones.save(new DangerZoneRule("lab", DangerKind.LAB, List.of(), List.of(), List.of(), null, 0,
                true), "t");
        context.addComponent("gatehouse-event", new EventComponent(core.events));
        context.addComponent("gatehouse-alarm", new AlarmComponent(core.alarms));
        context.addComponent("gatehouse-notify", new NotifyComponent(core.outbox, core.messages));
        DangerZoneRoutes r = new DangerZoneRoutes(DangerZoneRoutes.SOURCE, settings);
        r.sites = core.sites;
        r.links = core.links;
        r.duty = core.duty;
        r.events = core.events;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("gatehouse-event:*").routeId("test-alarm-rules")
                        .filter(simple("${header.GatehouseSeverity} != 'INFO'")).to("gatehouse-alarm:raise");
            }
        });
        context.addRoutes(r);
        context.start();
        core.events.start();
    }

    @AfterEach
    void stop() throws Exception {
        context.stop();
        core.stop();
    }

    static Settings settings() {
        return Settings.of(true, BASE + "/", 72, 15, "leader", "zh-CN", "Asia/Shanghai");
    }

    private void presence(String id, String device, String snapshot) {
        core.events.ingest(new SecurityEvent(id, NIGHT, null, device, null, PresenceEvents.PRESENCE, Severity.INFO,
                Map.of(PresenceEvents.ATTR_SENSOR, device.startsWith("cam") ? "camera" : "pir"), snapshot, null));
    }

    private List<Sent> sent() {
        return core.db.tx(c -> Db.list(c, "SELECT * FROM OUTBOX ORDER BY CREATED_MS, DEDUPE_KEY", rs -> new Sent(
                rs.getString("KIND"), rs.getString("RECIPIENT"), rs.getString("LANGUAGE"), rs.getString("SUBJECT"),
                rs.getString("BODY"), rs.getString("DEDUPE_KEY"), rs.getString("PRIORITY"))));
    }

    private List<Sent> await(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            List<Sent> s = sent().stream().filter(m -> m.dedupeKey().startsWith("danger.warning:")).toList();
            if (s.size() >= n) {
                return s;
            }
            if (System.currentTimeMillis() > deadline) {
                fail("expected " + n + " danger.warning messages, the outbox holds " + sent());
            }
            Thread.sleep(20);
        }
    }

    private long alarmId() {
        return core.alarms.query(new org.gatehouse.api.AlarmQuery(null, null, null, 0, 10)).items().stream()
                .filter(a -> a.type().equals(PresenceEvents.WARNING)).findFirst().orElseThrow().id();
    }

    /** @return the token after a prefix in a text, up to the next space */
    private static String token(String body, String prefix) {
        int i = body.indexOf(prefix);
        assertTrue(i >= 0, prefix + " in " + body);
        String rest = body.substring(i + prefix.length());
        int end = rest.indexOf(' ');
        return end < 0 ? rest : rest.substring(0, end);
    }

    @Test
    void aCameraPresenceAtNightGoesToTheZoneStaffAndTheDutyLeaderWithSnapshotAndLiveViewLinks() throws Exception {
        start(settings(), null);
        // a camera's presence snapshot: the link opens it through the warning event (/s answers event:<id>)
        presence("cam-1", "cam-pond", "cameras/cam-pond/snapshots/2026/12/02/cam-1.jpg");
        List<Sent> sent = await(2);
        long alarm = alarmId();
        assertEquals(List.of("danger.warning:" + alarm + ":leader-1", "danger.warning:" + alarm + ":staff-wang"),
                sent.stream().map(Sent::dedupeKey).sorted().toList());
        assertTrue(sent.stream().allMatch(m -> m.priority().equals("CRITICAL")), "MAJOR is CRITICAL: " + sent);
        Sent wang = sent.stream().filter(m -> m.dedupeKey().endsWith(":staff-wang")).findFirst().orElseThrow();
        assertEquals("+8613800000101", wang.recipient());
        assertEquals("【危险区域预警】池塘 Pond 有人进入", wang.subject());
        assertTrue(wang.body().startsWith("22:40 Pond camera 发现有人在非允许时段进入危险区域 池塘 Pond，请立即前往查看并确认："
                + BASE + "/gatehouse/#/alarms/" + alarm + " 现场抓拍：" + BASE + "/gatehouse/api/s/"), wang.body());
        assertEquals("event:danger-cam-1", core.links.verify(token(wang.body(), BASE + "/gatehouse/api/s/")).orElseThrow());
        assertEquals("live:cam-pond", core.links.verify(token(wang.body(), "实时画面：" + BASE
                + "/gatehouse/api/live/")).orElseThrow());
        Sent leader = sent.stream().filter(m -> m.dedupeKey().endsWith(":leader-1")).findFirst().orElseThrow();
        assertEquals("leader@school.example", leader.recipient());
        assertEquals("DANGER ZONE: someone at 池塘 Pond", leader.subject());
        assertTrue(leader.body().startsWith("Someone is in the danger zone 池塘 Pond at 22:40 (Pond camera) outside the"
                + " allowed hours."), leader.body());
        assertEquals("live:cam-pond", core.links.verify(token(leader.body(), "Live view: " + BASE
                + "/gatehouse/api/live/")).orElseThrow());
        presence("pir-1", "pir-pond", null); // folds: same minute, same zone
        Thread.sleep(500);
        assertEquals(2, sent().size(), "the folded presence sends nothing more: " + sent());
    }

    @Test
    void aWarningSeverityIsNormalPriorityAndAZoneWithoutCameraOrStaffGoesToTheDutyLeaderWithoutLiveView()
            throws Exception {
        start(Settings.of(true, BASE, 72, 15, "leader", "en", "Asia/Shanghai"), Severity.WARNING);
        presence("pir-1", "pir-pond", null);
        List<Sent> pond = await(2);
        assertTrue(pond.stream().allMatch(m -> m.priority().equals("NORMAL")), pond.toString());
        Sent wang = pond.stream().filter(m -> m.dedupeKey().endsWith(":staff-wang")).findFirst().orElseThrow();
        assertTrue(wang.body().contains("现场抓拍： 实时画面：" + BASE + "/gatehouse/api/live/"),
                "no snapshot, the rule's camera gives the live view: " + wang.body());
        presence("door-1", "door-lab", null);
        List<Sent> all = await(3);
        Sent lab = all.stream().filter(m -> !pond.contains(m)).findFirst().orElseThrow();
        assertTrue(lab.dedupeKey().endsWith(":leader-1"), "the lab has no staff: " + lab);
        assertEquals("CRITICAL", lab.priority(), "the lab's rule is MAJOR");
        assertTrue(lab.body().contains("Snapshot:  Live view:") && !lab.body().contains("/live/"),
                "no camera, no snapshot: " + lab.body());
    }

    @Test
    void withNobodyToTellTheLogSaysSoAndBadSettingsNameTheKey() throws Exception {
        start(Settings.of(true, "", 72, 15, "", "en", "Asia/Shanghai"), null);
        String log = logOf(() -> presence("door-1", "door-lab", null), "nobody to tell");
        assertTrue(log.contains("in lab: nobody to tell (the zone has no responsible staff and duty.post is not set)"),
                log);
        assertFalse(log.contains("Exception"), log);
        assertEquals(0, sent().size());
        assertEquals("live.minutes must be 1..1440, not 0", assertThrows(IllegalArgumentException.class,
                () -> Settings.of(true, "", 72, 0, "", "en", "UTC")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Settings.of(true, "ftp://x", 72, 15, "", "en",
                "UTC")).getMessage().startsWith("public.base.url must be an http(s) address"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Settings.of(true, "", 72, 15, "Leader!", "en",
                "UTC")).getMessage().startsWith("duty.post must be a post"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Settings.of(true, "", 72, 15, "", "fr",
                "UTC")).getMessage().startsWith("language must be zh-CN or en"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Settings.of(true, "", 72, 15, "", "en",
                "Mars/Base")).getMessage().startsWith("timezone 'Mars/Base' is not a time zone"));
    }

    @Test
    void aBadConfigurationStartsNoRoute() throws Exception {
        start(null, null);
        assertTrue(context.getRoute(DangerZoneRoutes.ROUTE_ID) == null);
        assertEquals("LOW", DangerZoneRoutes.priority(Severity.INFO));
        assertEquals("CRITICAL", DangerZoneRoutes.priority(Severity.CRITICAL));
    }

    /** Runs the action and returns what was logged (slf4j-simple writes to System.err) once it holds the text. */
    static String logOf(Runnable action, String expected) {
        PrintStream err = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.run();
            long deadline = System.currentTimeMillis() + 20_000;
            while (!out.toString(StandardCharsets.UTF_8).contains(expected) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            System.setErr(err);
        }
        String log = out.toString(StandardCharsets.UTF_8);
        err.print(log);
        return log;
    }
}
