package org.gatehouse.itests;

import static org.gatehouse.itests.Http.admin;
import static org.gatehouse.itests.Http.api;
import static org.gatehouse.itests.Http.json;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.karaf.features.FeaturesService;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.perimeter.ArmingService;
import org.gatehouse.api.perimeter.FenceEvents;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.device.fence.dc09.internal.Panel;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The perimeter in the real distribution, one Karaf for three drivers and the arming they obey (tests run in name
 * order; each leaves the demo's north fence armed and its alarms resolved):
 * <ol>
 * <li>arming through REST and the alarm rules route: the north fence disarmed by hand -> a fence.intrusion on
 * fence-n1 is stored but raises nothing, a fence.tamper still raises; armed again -> an intrusion raises; bypassed ->
 * an intrusion is only recorded. "Raises nothing" is checked in order: the events of one device reach the route in
 * order, so once the tamper sent after an intrusion has its alarm, the intrusion was judged;</li>
 * <li>the DC-09 receiver configured by the test on a free port: a panel (the test's sender) reports an intrusion on
 * the north fence over TCP, gets its ACK once the event is stored, the alarm is raised and its notification is handed
 * to a webhook channel; an encrypted account gets an encrypted ACK; a bad frame gets NAK, an unknown account DUH, and
 * the receiver goes on serving;</li>
 * <li>the Modbus TCP fence driver ({@code gatehouse-fence-modbus} installed from {@code system/}) polling a real Modbus
 * server of another implementation (Debian's python3-pymodbus, the script of the driver's own tests): an input toggled
 * on the server raises an alarm in an armed perimeter zone; toggled back, the restore clears it.</li>
 * </ol>
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class PerimeterIT {
    private static final String NORTH = "/perimeter/zones/north-fence";

    @Inject
    private EventService events;
    @Inject
    private AlarmService alarms;
    @Inject
    private ArmingService arming;
    /** The boot features (the alarm rules route among them) are installed. */
    @Inject
    private org.apache.karaf.features.BootFinished bootFinished;


    private static JsonNode call(String method, String path, String body) {
        Http.Response r = Http.send(method, api() + path, admin(), body);
        assertEquals(r.body(), 200, r.status());
        return json(r.body());
    }

    private static void post(String id, String type) {
        Http.Response r = Http.send("POST", api() + "/events", admin(), "{\"id\":\"" + id
                + "\",\"deviceId\":\"fence-n1\",\"type\":\"" + type + "\",\"severity\":\"MAJOR\"}");
        assertEquals(r.body(), 201, r.status());
    }

    private List<Alarm> active(String type) {
        return alarms.query(new AlarmQuery(EnumSet.of(AlarmState.RAISED, AlarmState.ACKNOWLEDGED), null, null, 0,
                500)).items().stream().filter(a -> "fence-n1".equals(a.deviceId()) && type.equals(a.type()))
                .toList();
    }

    private void awaitAlarm(String type, String eventId) {
        Http.await("alarm " + type + " of " + eventId, Duration.ofSeconds(30),
                () -> active(type).stream().anyMatch(a -> eventId.equals(a.lastEventId())));
    }

    private void resolveAll() {
        for (String type : List.of("fence.intrusion", "fence.tamper")) {
            for (Alarm a : active(type)) {
                alarms.resolve(a.id(), "itest", "PerimeterIT");
            }
        }
    }

    @Test
    public void a_disarmedAndBypassedZonesOnlyRecordIntrusions() {
        Http.awaitDemoCampus(api(), admin());
        // the rules route is live once an event raises (on a loaded machine the spine may start before the routes)
        resolveAll();
        int[] probe = {0};
        Http.await("the alarm rules route", Duration.ofSeconds(120), () -> {
            post("arming-it-probe-" + probe[0]++, "fence.tamper");
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return !active("fence.tamper").isEmpty();
        });
        resolveAll();
        JsonNode start = call("GET", NORTH, null);
        assertTrue(start.toString(), start.get("armed").asBoolean());

        // disarmed: the intrusion is stored, no alarm; tamper always alarms
        JsonNode off = call("POST", NORTH + "/disarm", "{\"reason\":\"PerimeterIT: fence repair\"}");
        assertFalse(off.toString(), off.get("armed").asBoolean());
        assertEquals("manual", off.get("source").asText());
        post("arming-it-1", "fence.intrusion");
        post("arming-it-2", "fence.tamper");
        awaitAlarm("fence.tamper", "arming-it-2");
        assertTrue(events.get("arming-it-1").isPresent());
        assertTrue("no alarm for an intrusion in a disarmed zone", active("fence.intrusion").isEmpty());

        // armed again: the intrusion raises
        assertTrue(call("POST", NORTH + "/arm", "{}").get("armed").asBoolean());
        post("arming-it-3", "fence.intrusion");
        awaitAlarm("fence.intrusion", "arming-it-3");

        // bypassed: only recorded
        resolveAll();
        JsonNode bypass = call("POST", NORTH + "/bypass", "{\"reason\":\"PerimeterIT: gardener\",\"until\":\""
                + Instant.now().plus(Duration.ofHours(1)) + "\"}");
        assertFalse(bypass.toString(), bypass.get("alarming").asBoolean());
        post("arming-it-4", "fence.intrusion");
        post("arming-it-5", "fence.tamper");
        awaitAlarm("fence.tamper", "arming-it-5");
        assertTrue(events.get("arming-it-4").isPresent());
        assertTrue("no alarm for an intrusion in a bypassed zone", active("fence.intrusion").isEmpty());
        call("DELETE", NORTH + "/bypass", null);
        assertTrue(arming.zone("north-fence").alarming());

        // every change reached the spine as an event of the zone
        for (String type : List.of("zone.disarmed", "zone.armed", "zone.bypassed", "zone.bypass.ended")) {
            Http.await(type + " event", Duration.ofSeconds(30), () -> {
                JsonNode page = json(Http.send("GET", api() + "/events?type=" + type + "&limit=10", admin(),
                        (String) null).body());
                for (JsonNode e : page.path("items")) {
                    if ("north-fence".equals(e.path("zoneId").asText())) {
                        return true;
                    }
                }
                return false;
            });
        }
        resolveAll();
    }

    // ---------------------------------------------------------------- DC-09

    private static final String SECRET = "itest-dc09-hmac";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] KEY = HexFormat.of().parseHex("F0E1D2C3B4A5968778695A4B3C2D1E0F");

    @Inject
    private ConfigurationAdmin configAdmin;


    private org.osgi.service.cm.Configuration factory(String pid, Dictionary<String, Object> props) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin.getFactoryConfiguration(pid, "dc09it", "?");
        c.update(props);
        return c;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String body(String reply) {
        return reply.substring(8);
    }

    @Test
    public void b_dc09PanelAlarmIsAckedAndNotified() throws Exception {
        Http.awaitDemoCampus(api(), admin());
        int port = Http.freePort();
        Dictionary<String, Object> dc09 = new Hashtable<>();
        dc09.put("device.id", "dc09-it");
        dc09.put("host", "127.0.0.1");
        dc09.put("port", String.valueOf(port));
        dc09.put("zone.4321.001", "fence-n1");
        dc09.put("account.8765.key", HexFormat.of().formatHex(KEY));
        dc09.put("zone.8765.*", "fence-n1");
        Dictionary<String, Object> hook = new Hashtable<>();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            hook.put("url", receiver.url());
            hook.put("secret", SECRET);
            hook.put("provider", "itest-dc09");
            org.osgi.service.cm.Configuration webhook = factory("org.gatehouse.notify.webhook", hook);
            org.osgi.service.cm.Configuration cfg = factory("org.gatehouse.device.fence.dc09", dc09);
            try {
                Http.await("the receiver listening on " + port, Duration.ofSeconds(60), () -> listening(port));
                Instant at = Instant.now();
                try (Panel panel = new Panel(port)) {
                    String ack = panel.send(Panel.cid("4321", "0001", "1130", "001", null, at));
                    assertTrue(ack, body(ack).startsWith("\"ACK\"0001R0L0#4321[]_"));
                    // acknowledged: stored already
                    SecurityEvent e = events.get("dc09-4321-0001-" + at.getEpochSecond()).orElseThrow();
                    assertEquals("fence-n1", e.deviceId());
                    assertEquals("fence.intrusion", e.type());
                    assertEquals("001", e.attributes().get("panel.zone"));

                    // the alarm this event raised (messages about the arming test's alarms, resolved just before,
                    // may still be on their way to any channel, this webhook among them)
                    String eventId = e.id();
                    long[] alarmId = {0};
                    Http.await("the alarm of " + eventId, Duration.ofSeconds(60), () -> alarms.query(new AlarmQuery(
                            EnumSet.of(AlarmState.RAISED), null, null, 0, 500)).items().stream()
                            .filter(a -> eventId.equals(a.lastEventId())).findFirst()
                            .map(a -> alarmId[0] = a.id()).isPresent());
                    java.util.function.Predicate<WebhookReceiver.Hit> ofAlarm = h -> Http.json(h.body()).path("data")
                            .path("alarmId").asText().equals(Long.toString(alarmId[0]));
                    Http.await("the fence alarm to reach the webhook", Duration.ofSeconds(60),
                            () -> receiver.hits.stream().anyMatch(ofAlarm));
                    WebhookReceiver.Hit hit = receiver.hits.stream().filter(ofAlarm).findFirst().orElseThrow();
                    assertEquals(WebhookReceiver.sign(SECRET, hit.timestamp(), hit.body()), hit.signature());
                    JsonNode data = JSON.readTree(hit.body()).path("data");
                    assertEquals(alarmId[0], data.path("alarmId").asLong());
                    assertTrue(hit.body(), hit.body().contains("fence-n1"));
                    assertEquals("RAISED", alarms.get(alarmId[0]).orElseThrow().state().name());

                    // encrypted account: encrypted ACK, the event stored
                    String enc = panel.send(Panel.cid("8765", "0002", "1137", "003", KEY));
                    assertTrue(enc, body(enc).startsWith("\"*ACK\"0002R0L0#8765["));
                    assertEquals("ACK", Panel.replyId(enc, KEY));

                    // bad frames: NAK for a wrong CRC, DUH for an unknown account; the connection goes on
                    byte[] bad = Panel.cid("4321", "0003", "1130", "001", null);
                    bad[1] = (byte) (bad[1] == 'A' ? 'B' : 'A');
                    assertTrue(body(panel.send(bad)).startsWith("\"NAK\"0000R0L0A0[]_"));
                    assertTrue(body(panel.send(Panel.cid("1111", "0004", "1130", "001", null)))
                            .startsWith("\"DUH\"0004"));
                    assertTrue(body(panel.send(Panel.link("4321", "0005", null))).startsWith("\"ACK\"0005"));
                }
                // a new connection is served too, and the receiver is ONLINE
                try (Panel again = new Panel(port)) {
                    assertTrue(body(again.send(Panel.sia("4321", "0006", "BR001", null))).startsWith("\"ACK\"0006"));
                }
                Http.Response device = Http.send("GET", api() + "/devices/dc09-it", admin(), (String) null);
                assertEquals(device.body(), 200, device.status());
                assertEquals(device.body(), "ONLINE", JSON.readTree(device.body()).path("status").asText());
            } finally {
                cfg.delete();
                webhook.delete();
            }
        }
    }

    // ---------------------------------------------------------------- Modbus

    private static final String SITE = "demo-school";
    private static final String MODBUS_ZONE = "itest-modbus-fence";
    private static final String MODBUS_DEVICE = "fence-mb1";

    @Inject
    private FeaturesService features;
    @Inject
    private SiteService sites;

    @Configuration
    public Option[] config() {
        Option[] base = GatehouseOptions.options(Http.freePort());
        Option[] all = Arrays.copyOf(base, base.length + 1);
        // the test server of the driver's module; this method runs in the build's JVM, in itests/
        all[base.length] = systemProperty("gatehouse.itest.modbus.server").value(
                new File("../bundles/device/fence-modbus/src/test/resources/modbus_server.py").getAbsolutePath());
        return all;
    }

    @Test
    public void c_aModbusInputToggledRaisesThenClearsAnAlarm() throws Exception {
        Http.awaitDemoCampus(Http.api(), Http.admin());
        features.installFeature("gatehouse-fence-modbus");
        assertTrue(features.isInstalled(features.getFeature("gatehouse-fence-modbus")));
        sites.saveZone(new Zone(MODBUS_ZONE, SITE, "Modbus fence", ZoneKind.PERIMETER, true, List.of()), "itest");
        sites.saveDevice(new Device(MODBUS_DEVICE, SITE, MODBUS_ZONE, "fence", "modbus", "Modbus fence controller",
                DeviceStatus.UNKNOWN, Map.of()), "itest");

        Process server = new ProcessBuilder("/usr/bin/python3", System.getProperty("gatehouse.itest.modbus.server"),
                "0").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        Writer in = new OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8);
        org.osgi.service.cm.Configuration cfg = null;
        try {
            String ready = out.readLine();
            assertTrue("the pymodbus server starts (Debian python3-pymodbus): " + ready,
                    ready != null && ready.startsWith("ready "));
            cfg = configAdmin.getFactoryConfiguration("org.gatehouse.device.fence.modbus", "itest", "?");
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("device.id", MODBUS_DEVICE);
            props.put("host", "127.0.0.1");
            props.put("port", ready.substring(6).trim());
            props.put("poll.ms", "100");
            props.put("point.fence.intrusion", "di:0");
            props.put("point.fence.tamper", "di:1");
            cfg.update(props);
            Http.await("the Modbus device ONLINE", Duration.ofSeconds(60), () -> sites.device(MODBUS_DEVICE)
                    .map(d -> d.status() == DeviceStatus.ONLINE).orElse(false));

            assertEquals("ok", set(in, out, "set di 0 1"));
            Http.await("an intrusion alarm", Duration.ofSeconds(30), () -> intrusion().isPresent());
            Alarm alarm = intrusion().orElseThrow();
            assertEquals(MODBUS_ZONE, alarm.zoneId());

            assertEquals("ok", set(in, out, "set di 0 0"));
            Http.await("the alarm cleared by the restore", Duration.ofSeconds(30), () -> alarms.get(alarm.id())
                    .map(a -> a.state() == AlarmState.CLEARED).orElse(false));
        } finally {
            if (cfg != null) {
                cfg.delete();
            }
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Optional<Alarm> intrusion() {
        return alarms.query(new AlarmQuery(EnumSet.of(AlarmState.RAISED, AlarmState.ACKNOWLEDGED), SITE, null, 0,
                100)).items().stream()
                .filter(a -> MODBUS_DEVICE.equals(a.deviceId()) && FenceEvents.INTRUSION.equals(a.type())).findFirst();
    }

    private static String set(Writer in, BufferedReader out, String command) throws IOException {
        in.write(command + "\n");
        in.flush();
        return out.readLine();
    }
}
