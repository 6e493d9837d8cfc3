package org.gatehouse.device.fence.dc09.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.perimeter.FenceEvents;
import org.gatehouse.support.gate.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The receiver on a real socket (port 0) with the core's real sink on Derby: what each frame of the standard gets
 * back, and what is stored.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class Dc09ReceiverTest {
    private static final byte[] KEY = Panel.DEMO_KEY;
    private static final String NAK = "\"NAK\"0000R0L0A0\\[\\]_\\d\\d:\\d\\d:\\d\\d,\\d\\d-\\d\\d-\\d{4}";

    private Fixture f;

    @BeforeEach
    void start() throws Exception {
        f = new Fixture(Map.of("max.connections", "4", "zone.9999.*", "fence-n1",
                "account.9999.supervision.seconds", "1"));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static String body(String reply) {
        return reply.substring(8);
    }

    @Test
    void receiverIsOnlineWhileListening() {
        assertEquals(DeviceStatus.ONLINE, f.platform.sites.device("dc09-1").orElseThrow().status());
    }

    @Test
    void plainContactIdIsStoredThenAcked() throws Exception {
        Instant at = Instant.now().minusSeconds(5);
        try (Panel p = new Panel(f.port)) {
            String reply = p.send(Panel.cid("1234", "0001", "1130", "001", null, at));
            assertTrue(body(reply).matches("\"ACK\"0001R0L0#1234\\[\\]_.*"), reply);
        }
        SecurityEvent e = f.platform.events.get("dc09-1234-0001-" + at.getEpochSecond()).orElseThrow();
        assertEquals("fence-n1", e.deviceId());
        assertEquals("north", e.zoneId());
        assertEquals(FenceEvents.INTRUSION, e.type());
        assertEquals(Severity.MAJOR, e.severity());
        assertEquals("1234", e.attributes().get(FenceEvents.ATTR_ACCOUNT));
        assertEquals("001", e.attributes().get(FenceEvents.ATTR_PANEL_ZONE));
        assertEquals("E130", e.attributes().get(FenceEvents.ATTR_CODE));
        assertEquals("01", e.attributes().get(Dc09Handler.ATTR_PARTITION));
        assertTrue(!e.isRestore());
    }

    @Test
    void encryptedAccountGetsEncryptedAck() throws Exception {
        try (Panel p = new Panel(f.port)) {
            String reply = p.send(Panel.cid("5678", "0002", "1137", "001", KEY));
            assertTrue(body(reply).startsWith("\"*ACK\"0002R0L0#5678["), reply);
            Dc09Message ack = Panel.reply(reply, KEY);
            assertEquals("ACK", ack.id());
            assertNotNull(ack.timestamp());
            String restore = p.send(Panel.cid("5678", "0003", "3137", "001", KEY));
            assertTrue(body(restore).startsWith("\"*ACK\"0003"), restore);
        }
        List<SecurityEvent> events = f.events("fence-n1");
        assertEquals(2, events.size());
        assertTrue(events.stream().allMatch(e -> e.type().equals(FenceEvents.TAMPER)));
        assertEquals(1, events.stream().filter(SecurityEvent::isRestore).count());
    }

    @Test
    void siaDcsAlarmAndRestore() throws Exception {
        try (Panel p = new Panel(f.port)) {
            assertTrue(body(p.send(Panel.sia("1234", "0004", "BA001", null))).startsWith("\"ACK\"0004"));
            assertTrue(body(p.send(Panel.sia("1234", "0005", "BR001", null))).startsWith("\"ACK\"0005"));
            assertTrue(body(p.send(Panel.sia("5678", "0006", "TA001", KEY))).startsWith("\"*ACK\"0006"));
        }
        List<SecurityEvent> events = f.events("fence-n1");
        assertEquals(3, events.size());
        assertEquals(2, events.stream().filter(e -> e.type().equals(FenceEvents.INTRUSION)).count());
        assertTrue(events.stream().anyMatch(e -> e.isRestore() && "BR".equals(e.attributes().get("code"))));
        assertTrue(events.stream().anyMatch(e -> "1".equals(e.attributes().get(Dc09Handler.ATTR_PARTITION))));
    }

    @Test
    void linkTestIsAckedAndStoresNothing() throws Exception {
        try (Panel p = new Panel(f.port)) {
            assertTrue(body(p.send(Panel.link("1234", "0007", null))).startsWith("\"ACK\"0007R0L0#1234["));
            assertTrue(body(p.send(Panel.link("5678", "0008", KEY))).startsWith("\"*ACK\"0008"));
        }
        assertEquals(0, f.events("fence-n1").size());
    }

    @Test
    void badFramesGetNakAndTheConnectionGoesOn() throws Exception {
        try (Panel p = new Panel(f.port)) {
            byte[] crc = Panel.cid("1234", "0010", "1130", "001", null);
            crc[1] = (byte) (crc[1] == 'A' ? 'B' : 'A');
            assertTrue(body(p.send(crc)).matches(NAK));
            byte[] length = Panel.cid("1234", "0011", "1130", "001", null);
            length[8] = (byte) (length[8] == 'F' ? 'E' : 'F');
            assertTrue(body(p.send(length)).matches(NAK));
            // truncated: cut short by the next frame; the cut one gets NAK, the next one ACK
            byte[] whole = Panel.cid("1234", "0012", "1130", "001", null);
            byte[] next = Panel.cid("1234", "0013", "1130", "001", null);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(whole, 0, whole.length - 10);
            b.write(next);
            p.write(b.toByteArray());
            assertTrue(body(p.read()).matches(NAK));
            assertTrue(body(p.read()).startsWith("\"ACK\"0013"));
            // garbage before a frame is skipped
            b.reset();
            b.write("GET / HTTP/1.0 garbage".getBytes());
            b.write(Panel.cid("1234", "0014", "1130", "001", null));
            assertTrue(body(p.send(b.toByteArray())).startsWith("\"ACK\"0014"));
        }
        assertEquals(2, f.events("fence-n1").size());
    }

    @Test
    void staleAndFutureTimestampsGetNak() throws Exception {
        try (Panel p = new Panel(f.port)) {
            assertTrue(body(p.send(Panel.cid("1234", "0020", "1130", "001", null, Instant.now().minusSeconds(60))))
                    .matches(NAK));
            assertTrue(body(p.send(Panel.cid("5678", "0021", "1130", "001", KEY, Instant.now().plusSeconds(40))))
                    .matches(NAK), "never encrypted");
            assertTrue(body(p.send(Panel.cid("1234", "0022", "1130", "001", null, Instant.now().minusSeconds(30))))
                    .startsWith("\"ACK\"0022"));
        }
        assertEquals(1, f.events("fence-n1").size());
    }

    @Test
    void correctFramesThatCannotBeHandledGetDuh() throws Exception {
        try (Panel p = new Panel(f.port)) {
            assertTrue(body(p.send(Panel.cid("4321", "0030", "1130", "001", null))).startsWith("\"DUH\"0030R0L0#4321["),
                    "unknown account");
            assertTrue(body(p.send(Panel.cid("1234", "0031", "1130", "007", null))).startsWith("\"DUH\"0031"),
                    "unknown zone");
            assertTrue(body(p.send(Panel.cid("5678", "0032", "1130", "001", new byte[16]))).startsWith("\"DUH\"0032"),
                    "wrong key");
            assertTrue(body(p.send(Panel.cid("5678", "0033", "1130", "001", null))).startsWith("\"DUH\"0033"),
                    "plain from an encrypted account");
            byte[] unknownId = Dc09Codec.message("ADM-XYZ", "0034", "0", "0", "1234", "x", List.of(), Instant.now(),
                    null);
            assertTrue(body(p.send(unknownId)).startsWith("\"DUH\"0034"), "unknown message id");
            assertTrue(body(p.send(Panel.cid("1234", "0035", "1130", "001", null))).startsWith("\"ACK\"0035"));
        }
        assertEquals(1, f.events("fence-n1").size());
    }

    @Test
    void repeatedSequenceIsAckedAgainAndStoredOnce() throws Exception {
        byte[] frame = Panel.cid("1234", "0040", "1130", "001", null);
        try (Panel p = new Panel(f.port)) {
            assertTrue(body(p.send(frame)).startsWith("\"ACK\"0040"));
            assertTrue(body(p.send(frame)).startsWith("\"ACK\"0040"));
            // the same sequence again with a newer timestamp, as a panel retrying may send it
            assertTrue(body(p.send(Panel.cid("1234", "0040", "1130", "001", null, Instant.now().plusSeconds(2))))
                    .startsWith("\"ACK\"0040"));
        }
        assertEquals(1, f.events("fence-n1").size());
        assertTrue(f.platform.events.stats().duplicates() >= 2);
    }

    @Test
    void framesSplitAcrossReadsAndSeveralInOneRead() throws Exception {
        try (Panel p = new Panel(f.port)) {
            for (byte b : Panel.cid("1234", "0050", "1130", "001", null)) {
                p.write(new byte[] {b});
            }
            assertTrue(body(p.read()).startsWith("\"ACK\"0050"));
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(Panel.cid("1234", "0051", "1131", "001", null));
            b.write(Panel.sia("5678", "0052", "BA001", KEY));
            p.write(b.toByteArray());
            assertTrue(body(p.read()).startsWith("\"ACK\"0051"));
            assertTrue(body(p.read()).startsWith("\"*ACK\"0052"));
        }
        assertEquals(3, f.events("fence-n1").size());
    }

    @Test
    void udpFramesAreAckedToTheSender() throws Exception {
        assertTrue(body(Panel.udp(f.port, Panel.cid("1234", "0060", "1130", "001", null))).startsWith("\"ACK\"0060"));
        assertTrue(body(Panel.udp(f.port, Panel.cid("5678", "0061", "1130", "001", KEY))).startsWith("\"*ACK\"0061"));
        assertTrue(body(Panel.udp(f.port, Panel.cid("1234", "0062", "1130", "001", null,
                Instant.now().minusSeconds(300)))).matches(NAK));
        assertEquals(2, f.events("fence-n1").size());
    }

    @Test
    void connectionFloodIsBoundedAndTheOthersAreServed() throws Exception {
        List<Panel> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                held.add(new Panel(f.port));
            }
            Eventually.await("4 connections served", () -> f.driver.connections() == 4);
            try (Panel extra = new Panel(f.port)) {
                assertNull(extra.read(), "the fifth connection is closed");
            }
            assertTrue(body(held.get(2).send(Panel.cid("1234", "0070", "1130", "001", null)))
                    .startsWith("\"ACK\"0070"));
            held.remove(0).close();
            Eventually.await("a connection freed", () -> f.driver.connections() == 3);
            try (Panel again = new Panel(f.port)) {
                assertTrue(body(again.send(Panel.cid("1234", "0071", "1130", "001", null)))
                        .startsWith("\"ACK\"0071"));
            }
        } finally {
            for (Panel p : held) {
                p.close();
            }
        }
    }

    @Test
    void silentAccountRaisesLinkLostAndSpeakingRestoresIt() throws Exception {
        Eventually.await("fence.link.lost of account 9999", () -> f.events("fence-n1").stream()
                .anyMatch(e -> e.type().equals(FenceEvents.LINK_LOST) && !e.isRestore()));
        try (Panel p = new Panel(f.port)) {
            assertTrue(body(p.send(Panel.link("9999", "0080", null))).startsWith("\"ACK\"0080"));
        }
        Eventually.await("the link restored", () -> f.events("fence-n1").stream()
                .anyMatch(e -> e.type().equals(FenceEvents.LINK_LOST) && e.isRestore()));
        SecurityEvent lost = f.events("fence-n1").stream().filter(e -> e.type().equals(FenceEvents.LINK_LOST))
                .findFirst().orElseThrow();
        assertEquals("9999", lost.attributes().get(FenceEvents.ATTR_ACCOUNT));
        assertEquals(Severity.MAJOR, lost.severity());
    }

    @Test
    void busyPortIsOfflineUntilItIsFree() throws Exception {
        java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        Map<String, Object> props = Map.of("device.id", "dc09-2", "port", busy.getLocalPort(), "zone.1234.001",
                "fence-n1");
        Dc09Driver d = new Dc09Driver(Dc09Settings.from(Fixture.config(props), props, n -> null),
                java.time.Clock.systemUTC());
        f.platform.devices.add(d, Map.of(org.gatehouse.api.device.DeviceDriver.DEVICE_ID, "dc09-2"), "test");
        try {
            Eventually.await("dc09-2 OFFLINE", () -> f.platform.sites.device("dc09-2")
                    .map(x -> x.status() == DeviceStatus.OFFLINE).orElse(false));
            busy.close();
            Eventually.await("dc09-2 ONLINE once the port is free", () -> f.platform.sites.device("dc09-2")
                    .map(x -> x.status() == DeviceStatus.ONLINE).orElse(false));
            assertEquals(busy.getLocalPort(), d.port());
        } finally {
            busy.close();
            f.platform.devices.remove(d);
        }
    }

    @Test
    void closedReceiverFreesThePort() throws IOException {
        int port = f.port;
        f.platform.devices.remove(f.driver);
        try (java.net.ServerSocket s = new java.net.ServerSocket(port, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            assertEquals(port, s.getLocalPort());
        }
    }
}
