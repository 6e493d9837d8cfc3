package org.gatehouse.device.camel.internal;

import static org.gatehouse.device.camel.internal.MappingTest.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.device.IngestResult;
import org.gatehouse.api.device.MappingResult;
import org.gatehouse.support.gate.Eventually;
import org.gatehouse.support.gate.LogCapture;
import org.gatehouse.support.gate.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver against real peers: Debian mosquitto with a Paho publisher, a plain TCP socket, a spool folder. */
class CamelDeviceTest {

    /** Records events with the device they were reported for; refuses events for device "unknown". */
    static final class Sink extends RecordingSink {
        final List<String> forDevices = new CopyOnWriteArrayList<>();
        final List<String> reasons = new CopyOnWriteArrayList<>();

        @Override
        public void status(DeviceStatus status, String reason) {
            reasons.add(status + " " + reason);
            super.status(status, reason);
        }

        @Override
        public IngestResult event(SecurityEvent event, String forDevice) {
            if ("unknown".equals(forDevice)) {
                throw GatehouseException.invalid("unknown-device", "device 'unknown' is not registered");
            }
            forDevices.add(String.valueOf(forDevice));
            return super.event(event);
        }
    }

    static CamelDevice device(String id, String uri, String format, Map<String, Object> rules) {
        CamelDeviceSettings s = new CamelDeviceSettings(id, uri, "fence", Mapping.parse(id, format, rules), 200,
                60_000);
        return new CamelDevice(s, DefaultCamelContext::new, Clock.systemUTC());
    }

    @Test
    void tcpLinesBecomeEvents() throws Exception {
        int port = Mosquitto.freePort();
        CamelDevice d = device("tcp-gw", "netty:tcp://127.0.0.1:" + port + "?textline=true&sync=false", "text",
                props("map.1.when", "^ALARM (\\S+) (\\S+)$", "map.1.restore", "^CLEAR (\\S+) (\\S+)$",
                        "map.1.type", "fence.intrusion", "map.1.device", "%{1}", "map.1.zone", "%{2}",
                        "map.1.severity", "major"));
        Sink sink = new Sink();
        d.attach(sink);
        try (LogCapture log = new LogCapture()) {
            Eventually.await("ONLINE", () -> sink.last() == DeviceStatus.ONLINE);
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                out.write(("ALARM tcp-gw north\nhello there\nALARM fence-2 south\nCLEAR fence-2 south\n"
                        + "ALARM unknown east\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                Eventually.await("5 messages handled", () -> handled(d) == 5);
            }
            assertEquals(3, sink.events.size());
            assertEquals(List.of("null", "fence-2", "fence-2"), sink.forDevices);
            assertEquals("north", sink.events.get(0).zoneId());
            assertTrue(sink.events.get(2).isRestore());
            var stats = d.stats();
            assertEquals(3, stats.mapped());
            assertEquals(1, stats.unmatched());
            assertEquals(1, stats.failed(), "an event the spine refuses counts as failed");
            assertTrue(stats.lastUnmatched().contains("unknown-device"), stats.lastUnmatched());
            assertEquals(1, log.lines("Device tcp-gw: 1 message(s) gave no event"), "one line for the first");
            assertEquals(0, log.lines("Exception"));
        } finally {
            d.detach();
        }
        MappingResult r = d.test("ALARM fence-9 west");
        assertTrue(r.matched());
        assertEquals("fence-9", r.events().get(0).deviceId());
        assertFalse(d.test("nothing").matched());
        assertEquals(5, d.stats().received(), "a sample is not counted");
    }

    @Test
    void mqttMessagesBecomeEventsAndALostBrokerIsOffline() throws Exception {
        assumeTrue(Mosquitto.installed(), "Debian mosquitto is not installed (apt-get install mosquitto)");
        try (Mosquitto broker = new Mosquitto().start()) {
            CamelDevice d = device("mqtt-gw", "paho:fence/+/state?brokerUrl=" + broker.url()
                            + "&clientId=gatehouse-test&maxReconnectDelay=1000&qos=1", "json",
                    props("map.1.when", "$.state == 'alarm'", "map.1.restore", "$.state == 'normal'",
                            "map.1.type", "fence.intrusion", "map.1.device", "%{topic.1}",
                            "map.1.zone", "%{jsonpath:$.zone}", "map.1.id", "%{jsonpath:$.seq}"));
            Sink sink = new Sink();
            d.attach(sink);
            MqttClient publisher = new MqttClient(broker.url(), "publisher", new MemoryPersistence());
            try {
                Eventually.await("ONLINE", () -> sink.last() == DeviceStatus.ONLINE);
                publisher.connect();
                publisher.publish("fence/f-1/state", msg("{\"state\":\"alarm\",\"zone\":\"north\",\"seq\":1}"));
                publisher.publish("fence/mqtt-gw/state", msg("{\"state\":\"normal\",\"seq\":2}"));
                publisher.publish("fence/f-1/state", msg("{broken"));
                Eventually.await("3 messages handled", () -> handled(d) == 3);
                assertEquals(2, sink.events.size());
                assertEquals("camel:f-1:1", sink.events.get(0).id());
                assertEquals("north", sink.events.get(0).zoneId());
                assertEquals(List.of("f-1", "null"), sink.forDevices);
                assertTrue(sink.events.get(1).isRestore());
                assertEquals(1, d.stats().failed());
                publisher.disconnect();

                broker.stop();
                Eventually.await("OFFLINE", () -> sink.last() == DeviceStatus.OFFLINE);
                assertTrue(sink.reasons.get(sink.reasons.size() - 1).contains("broker connection lost"),
                        sink.reasons.toString());
                broker.start();
                Eventually.await("ONLINE again", () -> sink.last() == DeviceStatus.ONLINE);
                // Paho resubscribes after its reconnection: a message sent now arrives
                publisher.connect();
                Eventually.await("delivered after the reconnection", () -> {
                    try {
                        publisher.publish("fence/f-2/state", msg("{\"state\":\"alarm\",\"seq\":3}"));
                    } catch (Exception e) {
                        return false;
                    }
                    return sink.events.stream().anyMatch(e -> "camel:f-2:3".equals(e.id()));
                });
                assertEquals(List.of(DeviceStatus.ONLINE, DeviceStatus.OFFLINE, DeviceStatus.ONLINE),
                        sink.statuses, "one report per change");
            } finally {
                if (publisher.isConnected()) {
                    publisher.disconnect();
                }
                publisher.close();
                d.detach();
            }
        }
    }

    @Test
    void aBrokerAbsentAtStartIsOfflineUntilItComes() throws Exception {
        assumeTrue(Mosquitto.installed(), "Debian mosquitto is not installed");
        try (Mosquitto broker = new Mosquitto()) {
            CamelDevice d = device("late", "paho:x/y?brokerUrl=" + broker.url() + "&clientId=late-test", "json",
                    props("map.1.type", "sensor.value"));
            Sink sink = new Sink();
            d.attach(sink);
            try (LogCapture log = new LogCapture()) {
                Eventually.await("OFFLINE", () -> sink.last() == DeviceStatus.OFFLINE);
                assertTrue(sink.reasons.get(0).startsWith("OFFLINE route failed: "), sink.reasons.toString());
                Thread.sleep(600); // a few failed checks: still one report
                assertEquals(1, sink.statuses.size(), sink.reasons.toString());
                broker.start();
                Eventually.await("ONLINE", () -> sink.last() == DeviceStatus.ONLINE);
                assertEquals(List.of(DeviceStatus.OFFLINE, DeviceStatus.ONLINE), sink.statuses);
                assertEquals(0, log.lines("Connection refused"), "no line per attempt (the core logs the change)");
            } finally {
                d.detach();
            }
        }
    }

    @Test
    void filesOfASpoolFolderAndAnUnknownComponent(@TempDir Path dir) throws Exception {
        CamelDevice d = device("spool", "file:" + dir + "?delete=true&initialDelay=0&delay=100", "json",
                props("map.1.when", "$.alarm", "map.1.type", "door.forced", "map.1.attr.door", "%{jsonpath:$.door}"));
        Sink sink = new Sink();
        d.attach(sink);
        try {
            Files.writeString(dir.resolve("a.json"), "{\"alarm\":true,\"door\":\"D1\"}");
            Files.writeString(dir.resolve("b.json"), "{\"alarm\":false}");
            Eventually.await("2 files handled", () -> handled(d) == 2);
            assertEquals(1, sink.events.size());
            assertEquals("D1", sink.events.get(0).attributes().get("door"));
            Eventually.await("files deleted", () -> dir.toFile().list().length == 0);
        } finally {
            d.detach();
        }

        CamelDevice bad = device("nosuch", "nosuch:thing?password=secret", "json", props("map.1.type", "a"));
        Sink badSink = new Sink();
        bad.attach(badSink);
        try {
            Eventually.await("OFFLINE", () -> badSink.last() == DeviceStatus.OFFLINE);
            Thread.sleep(600); // a few more attempts: still one report
            assertEquals(1, badSink.statuses.size());
            String reason = badSink.reasons.get(0);
            assertTrue(reason.contains("nosuch"), reason);
            assertFalse(reason.contains("secret"), reason);
        } finally {
            bad.detach();
        }
    }

    /** @return the messages mapped or counted as bad: received ones whose handling is over */
    private static long handled(CamelDevice d) {
        var s = d.stats();
        return s.mapped() + s.unmatched() + s.failed();
    }

    private static MqttMessage msg(String text) {
        MqttMessage m = new MqttMessage(text.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        return m;
    }
}
