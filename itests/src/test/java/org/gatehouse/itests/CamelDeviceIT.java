package org.gatehouse.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.service.SiteService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A device by Camel URI in the distribution: gatehouse-device-camel and camel-paho installed at run time from
 * {@code system/}, a factory configuration written through ConfigAdmin, Debian {@code mosquitto} on a free loopback
 * port. An MQTT message (published over a plain socket, MQTT 3.1.1 QoS 0) raises an alarm seen through REST; a sample
 * is mapped through {@code POST /devices/{id}/test} and {@code gatehouse:device-test} without being stored; a bad
 * payload is counted in {@code GET /devices/{id}/mapping}. Deleting the configuration stops the route. A second
 * device reads text lines over TCP ({@code netty:tcp}, camel-netty installed at run time): a line from a plain socket
 * becomes an event, and a restore line resolves its alarm.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CamelDeviceIT {
    private static final String SITE = "demo-school";
    private static final String ZONE = "itest-camel-fence";
    private static final String DEVICE = "fence-camel-1";

    @Inject
    private ConfigurationAdmin configAdmin;
    @Inject
    private FeaturesService features;
    @Inject
    private SiteService sites;
    @Inject
    private SessionFactory sessions;

    @Configuration
    public Option[] config() {
        return GatehouseOptions.options(Http.freePort());
    }

    @Test
    public void anMqttMessageRaisesAnAlarmAndSamplesAreMappedWithoutStoring() throws Exception {
        Http.awaitDemoCampus(Http.api(), Http.admin());
        features.installFeature("gatehouse-device-camel");
        features.installFeature("camel-paho");
        features.installFeature("camel-netty");
        assertTrue(features.isInstalled(features.getFeature("gatehouse-device-camel")));
        sites.saveZone(new Zone(ZONE, SITE, "Camel fence", ZoneKind.PERIMETER, true, List.of()), "itest");
        sites.saveDevice(new Device(DEVICE, SITE, ZONE, "fence", "camel", "MQTT fence gateway", DeviceStatus.UNKNOWN,
                Map.of()), "itest");

        int port = Http.freePort();
        Path conf = Files.createTempFile("mosquitto", ".conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        Process broker = new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        org.osgi.service.cm.Configuration cfg = null;
        try {
            Http.await("mosquitto listening (Debian mosquitto)", Duration.ofSeconds(20), () -> listening(port));
            cfg = startDevice("itest", DEVICE, Map.of(
                    "uri", "paho:fence/+/state?brokerUrl=tcp://127.0.0.1:" + port + "&clientId=gatehouse-itest",
                    "map.1.when", "$.state == 'alarm'",
                    "map.1.restore", "$.state == 'normal'",
                    "map.1.type", "fence.intrusion",
                    "map.1.severity", "major",
                    "map.1.device", "%{topic.1}",
                    "map.1.id", "%{jsonpath:$.seq}",
                    "map.1.attr.section", "%{jsonpath:$.section}"));

            publish(port, "fence/" + DEVICE + "/state", "{\"state\":\"alarm\",\"seq\":7,\"section\":\"S3\"}");
            Http.await("an intrusion alarm through REST", Duration.ofSeconds(30), () -> {
                Http.Response r = Http.send("GET", Http.api() + "/alarms?type=fence.intrusion", Http.admin(),
                        (String) null);
                return r.status() == 200 && r.body().contains(DEVICE);
            });
            Http.Response event = Http.send("GET", Http.api() + "/events/camel:" + DEVICE + ":7", Http.admin(),
                    (String) null);
            assertEquals(event.body(), 200, event.status());
            assertEquals("S3", Http.json(event.body()).get("attributes").get("section").asText());

            // a sample: mapped, not stored
            Http.Response test = Http.send("POST", Http.api() + "/devices/" + DEVICE + "/test", Http.admin(),
                    "{\"payload\":\"{\\\"state\\\":\\\"alarm\\\",\\\"seq\\\":99}\"}");
            assertEquals(test.body(), 200, test.status());
            JsonNode result = Http.json(test.body());
            assertTrue(result.get("matched").asBoolean());
            assertEquals("map.1: $.state == 'alarm'", result.get("rule").asText());
            assertEquals("fence.intrusion", result.get("events").get(0).get("type").asText());
            assertEquals(404, Http.send("GET", Http.api() + "/events/camel:" + DEVICE + ":99", Http.admin(),
                    (String) null).status());
            Http.Response bad = Http.send("POST", Http.api() + "/devices/" + DEVICE + "/test", Http.admin(),
                    "{\"payload\":\"{broken\"}");
            assertFalse(Http.json(bad.body()).get("matched").asBoolean());
            assertTrue(bad.body(), Http.json(bad.body()).get("error").asText().startsWith("not JSON"));
            assertEquals(404, Http.send("POST", Http.api() + "/devices/no-such-device/test", Http.admin(),
                    "{\"payload\":\"x\"}").status());

            String shell = KarafShell.run(sessions, "gatehouse:device-test " + DEVICE
                    + " '{\"state\":\"normal\",\"seq\":100}'");
            assertTrue(shell, shell.contains("Matched map.1.restore: $.state == 'normal'"));
            assertTrue(shell, shell.contains("fence.intrusion device=" + DEVICE));

            // a bad payload received: counted, no event
            publish(port, "fence/" + DEVICE + "/state", "not json at all");
            Http.await("the bad payload counted", Duration.ofSeconds(30), () -> {
                Http.Response r = Http.send("GET", Http.api() + "/devices/" + DEVICE + "/mapping", Http.admin(),
                        (String) null);
                return r.status() == 200 && Http.json(r.body()).get("failed").asLong() == 1;
            });
            JsonNode stats = Http.json(Http.send("GET", Http.api() + "/devices/" + DEVICE + "/mapping", Http.admin(),
                    (String) null).body());
            assertEquals(2, stats.get("received").asLong());
            assertEquals(1, stats.get("mapped").asLong());
            assertTrue(stats.toString(), stats.get("lastUnmatched").asText().contains("not JSON"));
        } finally {
            if (cfg != null) {
                cfg.delete();
                Http.await("the device OFFLINE once its configuration is deleted", Duration.ofSeconds(30),
                        () -> sites.device(DEVICE).map(d -> d.status() == DeviceStatus.OFFLINE).orElse(false));
            }
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(conf);
        }
    }

    @Test
    public void tcpLinesFromASocketBecomeEventsAndARestoreResolvesTheAlarm() throws Exception {
        Http.awaitDemoCampus(Http.api(), Http.admin());
        features.installFeature("gatehouse-device-camel");
        features.installFeature("camel-netty");
        String device = "fence-camel-tcp";
        sites.saveZone(new Zone(ZONE, SITE, "Camel fence", ZoneKind.PERIMETER, true, List.of()), "itest");
        sites.saveDevice(new Device(device, SITE, ZONE, "fence", "camel", "TCP line fence controller",
                DeviceStatus.UNKNOWN, Map.of()), "itest");
        int port = Http.freePort();
        org.osgi.service.cm.Configuration cfg = null;
        try {
            cfg = startDevice("itest-tcp", device, Map.of(
                    "uri", "netty:tcp://127.0.0.1:" + port + "?textline=true&sync=false",
                    "format", "text",
                    "map.1.when", "^ALARM (\\S+) (\\d+)$",
                    "map.1.restore", "^CLEAR (\\S+) (\\d+)$",
                    "map.1.type", "fence.tamper",
                    "map.1.severity", "major",
                    "map.1.device", "%{1}",
                    "map.1.id", "%{2}"));
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write(("ALARM " + device + " 41\nnot a fence line\n")
                        .getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                Http.await("the tamper alarm of line 41", Duration.ofSeconds(30), () -> alarmState(device) != null);
                assertEquals("RAISED", alarmState(device));
                s.getOutputStream().write(("CLEAR " + device + " 42\n").getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                Http.await("the alarm cleared by the restore line", Duration.ofSeconds(30),
                        () -> !"RAISED".equals(alarmState(device)));
            }
            assertEquals(200, Http.send("GET", Http.api() + "/events/camel:" + device + ":41", Http.admin(),
                    (String) null).status());
            JsonNode stats = Http.json(Http.send("GET", Http.api() + "/devices/" + device + "/mapping",
                    Http.admin(), (String) null).body());
            assertEquals(stats.toString(), 3, stats.get("received").asLong());
            assertEquals(stats.toString(), 2, stats.get("mapped").asLong());
            assertEquals(stats.toString(), 1, stats.get("unmatched").asLong());
        } finally {
            if (cfg != null) {
                cfg.delete();
            }
        }
    }

    /**
     * Writes a device's factory configuration through ConfigAdmin, as an integrator's cfg file would, and waits until
     * its route is up.
     *
     * @param alias    the factory configuration's alias
     * @param device   its {@code device.id}
     * @param settings the URI and mapping keys ({@code status.check.seconds} is 1)
     */
    private org.osgi.service.cm.Configuration startDevice(String alias, String device, Map<String, String> settings)
            throws Exception {
        org.osgi.service.cm.Configuration cfg = configAdmin.getFactoryConfiguration("org.gatehouse.device.camel",
                alias, "?");
        Dictionary<String, Object> props = new Hashtable<>(settings);
        props.put("device.id", device);
        props.put("status.check.seconds", "1");
        cfg.update(props);
        Http.await("the Camel device " + device + " ONLINE", Duration.ofSeconds(90), () -> sites.device(device)
                .map(d -> d.status() == DeviceStatus.ONLINE).orElse(false));
        return cfg;
    }

    /** @return the state of the newest fence.tamper alarm of a device, or null when it has none */
    private static String alarmState(String device) {
        Http.Response r = Http.send("GET", Http.api() + "/alarms?type=fence.tamper&limit=100", Http.admin(),
                (String) null);
        if (r.status() != 200) {
            return null;
        }
        for (JsonNode a : Http.json(r.body()).path("items")) {
            if (device.equals(a.path("deviceId").asText())) {
                return a.path("state").asText();
            }
        }
        return null;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Publishes one message at QoS 0 as an MQTT 3.1.1 client: CONNECT, CONNACK, PUBLISH, DISCONNECT. */
    static void publish(int port, String topic, String payload) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream connect = new ByteArrayOutputStream();
            string(connect, "MQTT");
            connect.write(4); // protocol level 3.1.1
            connect.write(0x02); // clean session
            connect.write(0);
            connect.write(30); // keep alive
            string(connect, "itest-publisher");
            packet(out, 0x10, connect.toByteArray());
            byte[] ack = in.readNBytes(4);
            if (ack.length != 4 || ack[0] != 0x20 || ack[3] != 0) {
                throw new IOException("CONNACK refused");
            }
            ByteArrayOutputStream publish = new ByteArrayOutputStream();
            string(publish, topic);
            publish.write(payload.getBytes(StandardCharsets.UTF_8));
            packet(out, 0x30, publish.toByteArray());
            packet(out, 0xE0, new byte[0]);
            out.flush();
        }
    }

    private static void string(ByteArrayOutputStream out, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length & 0xFF);
        out.write(b, 0, b.length);
    }

    private static void packet(OutputStream out, int type, byte[] body) throws IOException {
        out.write(type);
        int len = body.length;
        do {
            int digit = len % 128;
            len /= 128;
            out.write(len > 0 ? digit | 0x80 : digit);
        } while (len > 0);
        out.write(body);
    }
}
