package org.gatehouse.notify.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gatehouse.api.notify.ChannelHealth;
import org.gatehouse.api.notify.DeliveryException;
import org.gatehouse.api.notify.DeliveryReceipt;
import org.gatehouse.api.notify.Notification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The channel against a real broker (Moquette) on loopback, checked by a second, independent MQTT client. */
class MqttChannelTest {

    private static final String ALARM_TEXT = "告警：北门围栏被剪断";

    /** One broker for the tests that do not stop it; stopping Moquette takes about two seconds. */
    private static MoquetteBroker shared;

    @TempDir
    static Path sharedDataDir;

    @TempDir
    Path dataDir;

    private MoquetteBroker broker;
    private MqttClient subscriber;
    private MqttChannel channel;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private record Received(String topic, String payload, int qos, boolean retained) {
    }

    @BeforeAll
    static void startSharedBroker() throws Exception {
        shared = new MoquetteBroker(sharedDataDir, null, null);
        shared.start();
    }

    @AfterAll
    static void stopSharedBroker() {
        shared.close();
    }

    @BeforeEach
    void useSharedBroker() {
        broker = shared;
    }

    @AfterEach
    void stopAll() throws Exception {
        if (channel != null) {
            channel.close();
        }
        if (subscriber != null) {
            if (subscriber.isConnected()) {
                subscriber.disconnect(1000);
            }
            subscriber.close(true);
        }
        if (broker != shared) {
            broker.close();
        }
    }

    private void subscribe(MoquetteBroker on, String filter) throws Exception {
        subscriber = new MqttClient(on.url(), "test-subscriber-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setConnectionTimeout(5);
        subscriber.connect(options);
        subscriber.subscribe(filter, 2, (topic, message) -> received.add(new Received(topic,
                new String(message.getPayload(), StandardCharsets.UTF_8), message.getQos(), message.isRetained())));
    }

    private Received next() throws InterruptedException {
        Received r = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(r, "the subscriber received nothing");
        return r;
    }

    private static MqttSettings settings(String url, String topic, int qos, boolean retained) {
        return new MqttSettings(url, "gatehouse-test", "", "", topic, qos, retained, Duration.ofSeconds(2),
                Duration.ofSeconds(30), "mqtt");
    }

    private static Notification notification(String recipient, String text) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("zone", "north \"fence\"");
        data.put("alarmId", "42");
        data.put("snapshotUrl", "http://127.0.0.1/snap/42.jpg");
        return new Notification("msg-1", "alarm.raised", recipient, "zh-CN", "入侵 Intrusion", text, data,
                Instant.parse("2025-03-01T08:29:59Z"));
    }

    @Test
    void publishesJsonWithChineseTextAtQos1() throws Exception {
        subscribe(broker, "gatehouse/#");
        channel = new MqttChannel(settings(broker.url(), MqttSettings.DEFAULT_TOPIC, 1, false));
        assertEquals(ChannelHealth.UNKNOWN, channel.health());

        DeliveryReceipt receipt = channel.send(notification("guard-7", ALARM_TEXT + "\nline 2"));

        assertEquals("PUBACK", receipt.detail());
        assertFalse(receipt.delivered());
        assertNotNull(receipt.providerMessageId());
        assertTrue(Integer.parseInt(receipt.providerMessageId()) > 0);
        assertEquals(ChannelHealth.UP, channel.health());

        Received r = next();
        assertEquals("gatehouse/notify/guard-7", r.topic());
        assertEquals(1, r.qos());
        assertFalse(r.retained());
        assertEquals("{\"id\":\"msg-1\",\"kind\":\"alarm.raised\",\"recipient\":\"guard-7\",\"language\":\"zh-CN\","
                + "\"subject\":\"入侵 Intrusion\",\"text\":\"告警：北门围栏被剪断\\nline 2\","
                + "\"created\":\"2025-03-01T08:29:59Z\",\"data\":{\"alarmId\":\"42\","
                + "\"snapshotUrl\":\"http://127.0.0.1/snap/42.jpg\",\"zone\":\"north \\\"fence\\\"\"}}", r.payload());
        assertTrue(r.payload().contains("告警"));

        // The connection is kept: a second send reuses it and gets the next packet id.
        DeliveryReceipt second = channel.send(notification("guard-8", ALARM_TEXT));
        assertFalse(receipt.providerMessageId().equals(second.providerMessageId()));
        assertEquals("gatehouse/notify/guard-8", next().topic());
    }

    @Test
    void concurrentSendsShareOneConnection() throws Exception {
        subscribe(broker, "burst/#");
        channel = new MqttChannel(settings(broker.url(), "burst/{recipient}", 1, false));
        int count = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<DeliveryReceipt>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String recipient = "r" + i;
                results.add(pool.submit(() -> channel.send(notification(recipient, ALARM_TEXT))));
            }
            for (Future<DeliveryReceipt> f : results) {
                assertEquals("PUBACK", f.get(10, TimeUnit.SECONDS).detail());
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> topics = new HashSet<>();
        for (int i = 0; i < count; i++) {
            topics.add(next().topic());
        }
        assertEquals(count, topics.size());
    }

    @Test
    void substitutesRecipientAndKind() throws Exception {
        subscribe(broker, "site/#");
        channel = new MqttChannel(settings(broker.url(), "site/{kind}/to/{recipient}", 1, false));

        channel.send(notification(null, ALARM_TEXT));
        Received r = next();
        assertEquals("site/alarm.raised/to/all", r.topic());
        assertTrue(r.payload().contains("\"recipient\":null"), r.payload());

        channel.send(new Notification("msg-2", "notice", "ops/desk-1", "en", null, "hello", null, null));
        r = next();
        assertEquals("site/notice/to/ops/desk-1", r.topic());
        assertTrue(r.payload().contains("\"subject\":null,\"text\":\"hello\",\"created\":null,\"data\":{}"),
                r.payload());
    }

    @Test
    void wildcardInRecipientIsPermanent() throws Exception {
        channel = new MqttChannel(settings(broker.url(), MqttSettings.DEFAULT_TOPIC, 1, false));
        for (String bad : new String[] {"a+b", "#", "x/#"}) {
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> channel.send(notification(bad, ALARM_TEXT)), bad);
            assertFalse(e.retryable(), bad);
            assertTrue(e.getMessage().contains("invalid topic"), e.getMessage());
            assertEquals(ChannelHealth.DEGRADED, channel.health());
        }
    }

    @Test
    void qos2RetainedAndQos0() throws Exception {
        channel = new MqttChannel(settings(broker.url(), "status/{recipient}", 2, true));
        DeliveryReceipt receipt = channel.send(notification("gate-1", ALARM_TEXT));
        assertEquals("PUBCOMP", receipt.detail());
        // Subscribing after the publish: the broker hands over the retained message.
        subscribe(broker, "status/#");
        Received r = next();
        assertEquals("status/gate-1", r.topic());
        assertEquals(2, r.qos());
        // Moquette 0.17 hands retained messages over without the RETAIN flag, so only their arrival is checked.
        assertTrue(r.payload().contains(ALARM_TEXT));

        MqttChannel qos0 = new MqttChannel(settings(broker.url(), "status/{recipient}", 0, false));
        try {
            DeliveryReceipt sent = qos0.send(notification("gate-2", "x"));
            assertNull(sent.providerMessageId());
            assertEquals("QoS 0 sent", sent.detail());
            r = next();
            assertEquals("status/gate-2", r.topic());
            assertEquals(0, r.qos());
        } finally {
            qos0.close();
        }
    }

    @Test
    void brokerDownIsRetryableAndTheSameChannelReconnects() throws Exception {
        broker = new MoquetteBroker(dataDir, null, null);
        broker.start();
        channel = new MqttChannel(settings(broker.url(), MqttSettings.DEFAULT_TOPIC, 1, false));
        channel.send(notification("guard-7", "before"));
        assertEquals(ChannelHealth.UP, channel.health());

        broker.stop();
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel.send(notification("guard-7", "while down")));
        assertTrue(e.retryable(), e.getMessage());
        assertEquals(ChannelHealth.DOWN, channel.health());
        // Still down: the next try fails fast on connect and stays retryable.
        e = assertThrows(DeliveryException.class, () -> channel.send(notification("guard-7", "still down")));
        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot connect to " + broker.url()), e.getMessage());

        broker.start(); // same port
        subscribe(broker, "gatehouse/#");
        DeliveryReceipt receipt = channel.send(notification("guard-7", "after " + ALARM_TEXT));
        assertEquals("PUBACK", receipt.detail());
        assertEquals(ChannelHealth.UP, channel.health());
        Received r = next();
        assertTrue(r.payload().contains("\"text\":\"after " + ALARM_TEXT + "\""), r.payload());
    }

    @Test
    void nothingListeningIsRetryable() throws Exception {
        channel = new MqttChannel(settings("tcp://127.0.0.1:" + MoquetteBroker.freePort(),
                MqttSettings.DEFAULT_TOPIC, 1, false));
        DeliveryException e = assertThrows(DeliveryException.class, () -> channel.send(notification("a", "b")));
        assertTrue(e.retryable());
        assertEquals(ChannelHealth.DOWN, channel.health());
    }

    @Test
    void silentPeerTimesOutRetryable() throws Exception {
        // Accepts TCP connections but never answers CONNECT, like a hung broker.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    s.getInputStream().readAllBytes();
                } catch (Exception ignored) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            channel = new MqttChannel(new MqttSettings("tcp://127.0.0.1:" + silent.getLocalPort(), "gatehouse-test",
                    "", "", MqttSettings.DEFAULT_TOPIC, 1, false, Duration.ofSeconds(1), Duration.ofSeconds(30),
                    "mqtt"));
            long start = System.nanoTime();
            DeliveryException e = assertThrows(DeliveryException.class, () -> channel.send(notification("a", "b")));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(e.retryable(), e.getMessage());
            assertTrue(millis < 4000, "took " + millis + " ms");
        }
    }

    @Test
    void wrongPasswordIsPermanentAndRightOneWorks() throws Exception {
        try (MoquetteBroker secured = new MoquetteBroker(dataDir, "gate", "s3cret")) {
            secured.start();
            channel = new MqttChannel(new MqttSettings(secured.url(), "gatehouse-test", "gate", "wrong",
                    MqttSettings.DEFAULT_TOPIC, 1, false, Duration.ofSeconds(2), Duration.ofSeconds(30), "mqtt"));
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> channel.send(notification("a", ALARM_TEXT)));
            assertFalse(e.retryable(), e.getMessage());
            assertTrue(e.getMessage().contains("bad user name or password"), e.getMessage());
            assertTrue(e.getMessage().contains("permanent"), e.getMessage());
            assertEquals(ChannelHealth.DEGRADED, channel.health());
            channel.close();

            channel = new MqttChannel(new MqttSettings(secured.url(), "gatehouse-test", "", "",
                    MqttSettings.DEFAULT_TOPIC, 1, false, Duration.ofSeconds(2), Duration.ofSeconds(30), "mqtt"));
            e = assertThrows(DeliveryException.class, () -> channel.send(notification("a", ALARM_TEXT)));
            // Moquette refuses an anonymous client with CONNACK 4 (bad user name or password).
            assertFalse(e.retryable(), "anonymous refused: " + e.getMessage());
            channel.close();

            channel = new MqttChannel(new MqttSettings(secured.url(), "gatehouse-test", "gate", "s3cret",
                    MqttSettings.DEFAULT_TOPIC, 1, false, Duration.ofSeconds(2), Duration.ofSeconds(30), "mqtt"));
            assertEquals("PUBACK", channel.send(notification("a", ALARM_TEXT)).detail());
        } finally {
            channel.close();
            channel = null;
        }
    }

    @Test
    void closedChannelRefusesRetryable() {
        channel = new MqttChannel(settings(broker.url(), MqttSettings.DEFAULT_TOPIC, 1, false));
        channel.close();
        DeliveryException e = assertThrows(DeliveryException.class, () -> channel.send(notification("a", "b")));
        assertTrue(e.retryable());
    }
}
