package org.gatehouse.device.opcua.internal;

import static org.gatehouse.device.opcua.internal.TestConfigs.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.device.MappingResult;
import org.gatehouse.api.device.MappingStats;
import org.gatehouse.support.gate.Eventually;
import org.gatehouse.support.gate.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver against a real Eclipse Milo server on a free loopback port ({@link TestServer}), with the core's real
 * sink on Derby ({@link Fixture}): value changes to events and restores, a resent value stored once, a node that does
 * not exist, the server stopped and restarted, writes, Basic256Sha256 with certificates, users.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OpcUaDriverTest {
    @TempDir
    Path tmp;

    private TestServer server;
    private Fixture f;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(tmp.resolve("server"));
        f = new Fixture();
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
        server.close();
    }

    private Map<String, String> base() {
        return props("device.id", "plc-1", "endpoint", server.endpoint(), "publishing.ms", "50", "sampling.ms", "20",
                "keepalive.ms", "500", "timeout.ms", "3000",
                "rule.1", "ns=2;s=Fence.Zone3.Alarm == true -> fence.intrusion zone=north severity=MAJOR",
                "rule.2", "ns=2;s=Tank.Level >= 80 -> tank.high device=tank-1 severity=warning unit=percent",
                "rule.3", "ns=2;s=Plc.Mode changed -> plc.mode",
                "rule.4", "ns=2;s=No.Such.Node == true -> plc.ghost",
                "command.open", "ns=2;s=Gate1.Open:Boolean:true",
                "command.close", "ns=2;s=Gate1.Open:Boolean:false",
                "command.serial", "ns=2;s=Plc.Serial:Int32:1",
                "command.wrongtype", "ns=2;s=Gate1.Open:String:yes");
    }

    private boolean online() {
        return f.status().startsWith("ONLINE");
    }

    @Test
    void valueChangesBecomeEventsAndRestores() throws Exception {
        try (LogCapture log = new LogCapture()) {
            OpcUaDriver d = f.attach(base(), tmp);
            Eventually.await("ONLINE", this::online);
            assertTrue(f.status().contains("3 node(s) subscribed"), f.status());
            assertTrue(f.status().contains("unknown nodes in rule.4"), f.status());
            Eventually.await("ONLINE in the core",
                    () -> f.platform.sites.device("plc-1").orElseThrow().status() == DeviceStatus.ONLINE);
            assertTrue(f.events("plc-1").isEmpty(), "initial values that hold no alarm only set the baseline");

            server.set("Fence.Zone3.Alarm", true);
            Eventually.await("the intrusion", () -> f.events("plc-1", "fence.intrusion").size() == 1);
            SecurityEvent e = f.events("plc-1", "fence.intrusion").get(0);
            assertEquals("north", e.zoneId());
            assertEquals(Severity.MAJOR, e.severity());
            assertEquals("ns=2;s=Fence.Zone3.Alarm", e.attributes().get("node"));
            assertEquals("true", e.attributes().get("value"));
            assertEquals("rule.1", e.attributes().get("rule"));
            assertFalse(e.isRestore());
            assertTrue(e.id().startsWith("opcua:"), e.id());

            server.set("Fence.Zone3.Alarm", false);
            Eventually.await("the restore", () -> f.events("plc-1", "fence.intrusion").size() == 2);
            SecurityEvent r = f.events("plc-1", "fence.intrusion").get(0);
            assertTrue(r.isRestore());
            assertEquals(Severity.INFO, r.severity());
            assertEquals("false", r.attributes().get("value"));

            server.set("Tank.Level", 85.5);
            Eventually.await("the tank event for tank-1", () -> f.events("tank-1", "tank.high").size() == 1);
            SecurityEvent t = f.events("tank-1", "tank.high").get(0);
            assertEquals(Severity.WARNING, t.severity());
            assertEquals("percent", t.attributes().get("unit"));
            assertEquals("85.5", t.attributes().get("value"));
            server.set("Tank.Level", 90.0); // still high: nothing new
            server.set("Plc.Mode", "manual");
            Eventually.await("the mode change", () -> f.events("plc-1", "plc.mode").size() == 1);
            assertEquals("manual", f.events("plc-1", "plc.mode").get(0).attributes().get("value"));
            assertEquals(Severity.INFO, f.events("plc-1", "plc.mode").get(0).severity());
            assertEquals(1, f.events("tank-1", "tank.high").size());

            MappingStats s = d.stats();
            assertTrue(s.mapped() >= 4, s.toString());
            assertTrue(s.unmatched() >= 3, s.toString()); // the initial values and the level still high
            assertTrue(s.received() >= s.mapped() + s.unmatched(), s.toString());
            assertEquals(0, s.failed(), s.toString());
            assertTrue(s.lastReceived() != null);

            // the rule on a node the server does not know: one WARN naming the rule
            assertEquals(1, log.lines("rule.4 watches ns=2;s=No.Such.Node, which the server refuses"));
            assertEquals(0, log.lines("\tat org.eclipse.milo.opcua.sdk.client") + log.lines("\tat org.gatehouse"),
                    "no stack trace from the client");
        }
    }

    @Test
    void aResentValueIsStoredOnce() throws Exception {
        server.set("Fence.Zone3.Alarm", true);
        f.attach(base(), tmp);
        Eventually.await("the alarm active at the start", () -> f.events("plc-1", "fence.intrusion").size() == 1);
        // a new driver instance (a restart) gets the same value with the same source timestamp: same id
        f.detachAll();
        f.statuses.clear();
        int before = f.ingested.size();
        f.attach(base(), tmp);
        Eventually.await("ONLINE again", this::online);
        Eventually.await("the value offered again", () -> f.ingested.size() > before);
        assertTrue(f.ingested.get(f.ingested.size() - 1).duplicate());
        assertEquals(1, f.events("plc-1", "fence.intrusion").size());
    }

    @Test
    void payloadTestShowsTheEventsAndStoresNothing() throws Exception {
        OpcUaDriver d = f.attach(base(), tmp);
        Eventually.await("ONLINE", this::online);
        Eventually.await("the initial values", () -> d.stats().received() >= 3);
        long received = d.stats().received();
        MappingResult m = d.test("ns=2;s=Fence.Zone3.Alarm=true");
        assertTrue(m.matched(), m.toString());
        assertTrue(m.rule().contains("rule.1"), m.rule());
        assertEquals(1, m.events().size());
        SecurityEvent e = m.events().get(0);
        assertEquals("fence.intrusion", e.type());
        assertEquals("north", e.zoneId());
        assertEquals("plc-1", e.deviceId());
        assertNull(e.id());
        assertFalse(e.isRestore());
        MappingResult low = d.test("ns=2;s=Tank.Level=12");
        assertFalse(low.matched());
        assertTrue(low.error().contains("rule.2"), low.error());
        MappingResult tank = d.test("ns=2;s=Tank.Level=95");
        assertEquals("tank-1", tank.events().get(0).deviceId());
        MappingResult mode = d.test("ns=2;s=Plc.Mode=\"service\"");
        assertEquals("service", mode.events().get(0).attributes().get("value"));
        assertEquals("no rule watches node ns=2;s=Other", d.test("ns=2;s=Other=1").error());
        assertTrue(d.test("hello").error().contains("is not <nodeId>=<value>"));
        assertTrue(d.test(" ").error().startsWith("empty payload"));
        assertTrue(d.test("ns=2;s=Tank.Level=high").error().contains("is not a number"));
        assertTrue(f.events("plc-1").isEmpty());
        assertTrue(f.events("tank-1").isEmpty());
        assertEquals(received, d.stats().received(), "a test is not counted");
    }

    @Test
    void serverStoppedIsOfflineThenReconnectsAndResumes() throws Exception {
        try (LogCapture log = new LogCapture()) {
            OpcUaDriver d = f.attach(base(), tmp);
            Eventually.await("ONLINE", this::online);
            server.stop();
            Eventually.await("OFFLINE", () -> f.status().startsWith("OFFLINE"));
            Eventually.await("OFFLINE in the core",
                    () -> f.platform.sites.device("plc-1").orElseThrow().status() == DeviceStatus.OFFLINE);
            CommandResult r = d.execute(new DeviceCommand("open", Map.of())).toCompletableFuture().get();
            assertFalse(r.ok());
            assertTrue(r.message().contains("OFFLINE"), r.message());
            Thread.sleep(3500); // a few reconnect attempts (1 s, 2 s)
            server.set("Fence.Zone3.Alarm", true); // changed while the driver cannot see it
            server.start();
            Eventually.await("ONLINE again", this::online);
            Eventually.await("the change made meanwhile", () -> f.events("plc-1", "fence.intrusion").size() == 1);
            server.set("Fence.Zone3.Alarm", false);
            Eventually.await("the restore", () -> f.events("plc-1", "fence.intrusion").size() == 2);
            assertEquals(1, log.lines("OFFLINE, reconnecting"), "one line for the state change, not per retry");
            assertEquals(2, log.lines(": ONLINE"));
            assertEquals(0, log.lines("\tat org.eclipse.milo.opcua.sdk.client") + log.lines("\tat org.gatehouse"),
                    "no stack trace from the client");
        }
    }

    @Test
    void commandsWriteToTheServer() throws Exception {
        OpcUaDriver d = f.attach(base(), tmp);
        Eventually.await("ONLINE", this::online);
        assertEquals(List.of("close", "open", "serial", "wrongtype"), List.copyOf(d.info().capabilities()).stream()
                .sorted().toList());
        CommandResult open = d.execute(new DeviceCommand("open", Map.of())).toCompletableFuture().get();
        assertTrue(open.ok(), open.message());
        assertEquals(Boolean.TRUE, server.get("Gate1.Open"));
        CommandResult close = f.platform.devices.execute("plc-1", new DeviceCommand("close", Map.of()), "tester")
                .toCompletableFuture().get();
        assertTrue(close.ok(), close.message());
        assertEquals(Boolean.FALSE, server.get("Gate1.Open"));
        CommandResult ro = d.execute(new DeviceCommand("serial", Map.of())).toCompletableFuture().get();
        assertFalse(ro.ok());
        assertTrue(ro.message().contains("Bad_NotWritable"), ro.message());
        assertEquals(4711, server.get("Plc.Serial"));
        CommandResult type = d.execute(new DeviceCommand("wrongtype", Map.of())).toCompletableFuture().get();
        assertFalse(type.ok());
        assertTrue(type.message().contains("Bad_TypeMismatch"), type.message());
        CommandResult unknown = d.execute(new DeviceCommand("fly", Map.of())).toCompletableFuture().get();
        assertFalse(unknown.ok());
        assertTrue(unknown.message().contains("supported: close, open, serial, wrongtype"), unknown.message());
    }

    @Test
    void basic256Sha256WithATrustedClientCertificateAndAUser() throws Exception {
        Path etc = tmp.resolve("etc");
        Path pki = etc.resolve("opcua-client/pki/trusted/certs");
        Files.createDirectories(pki);
        Files.write(pki.resolve("plc.der"), server.certificate.getEncoded()); // the client trusts the server
        Map<String, String> p = base();
        p.put("security.policy", "Basic256Sha256");
        p.put("security.mode", "SignAndEncrypt");
        p.put("username", TestServer.USER);
        p.put("password", TestServer.PASSWORD);
        try (LogCapture log = new LogCapture()) {
            f.attach(p, etc);
            // first the server does not know the client's certificate, created on first use
            Eventually.await("OFFLINE for the certificate", () -> f.status().startsWith("OFFLINE")
                    && f.status().contains("bad certificate"));
            Path der = etc.resolve("opcua-client").resolve(ClientIdentity.CERTIFICATE);
            assertTrue(Files.exists(der));
            assertTrue(Files.exists(etc.resolve("opcua-client").resolve(ClientIdentity.KEYSTORE)));
            X509Certificate cert;
            try (var in = Files.newInputStream(der)) {
                cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            Eventually.await("the server's rejected list", () -> !server.rejected().isEmpty());
            server.trust(cert);
            Eventually.await("ONLINE once trusted", this::online);
            assertTrue(f.status().contains("Basic256Sha256 SignAndEncrypt"), f.status());
            server.set("Fence.Zone3.Alarm", true);
            Eventually.await("the intrusion", () -> f.events("plc-1", "fence.intrusion").size() == 1);
            assertEquals(1, log.lines("OPC UA client certificate created"));
            assertEquals(0, log.lines("\tat org.eclipse.milo.opcua.sdk.client") + log.lines("\tat org.gatehouse"),
                    "no stack trace from the client");
        }
    }

    @Test
    void anUntrustedServerCertificateIsRefused() throws Exception {
        Map<String, String> p = base();
        p.put("security.policy", "Basic256Sha256");
        p.put("security.mode", "Sign");
        Path etc = tmp.resolve("etc2");
        f.attach(p, etc);
        // the server trusts the client once it has seen its certificate; the client does not trust the server
        Eventually.await("the server's rejected list", () -> !server.rejected().isEmpty());
        try (var in = Files.newInputStream(etc.resolve("opcua-client").resolve(ClientIdentity.CERTIFICATE))) {
            server.trust((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        Eventually.await("OFFLINE for the server's certificate", () -> f.status().startsWith("OFFLINE")
                && f.status().contains("server's certificate is not trusted"));
        Eventually.await("the certificate in pki/rejected", () -> {
            try (var s = Files.list(tmp.resolve("etc2/opcua-client/pki/rejected"))) {
                return s.findAny().isPresent();
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    @Test
    void aWrongPasswordIsOfflineWithTheReason() throws Exception {
        Map<String, String> p = base();
        p.put("username", TestServer.USER);
        p.put("password", "wrong");
        try (LogCapture log = new LogCapture()) {
            f.attach(p, tmp);
            Eventually.await("OFFLINE, bad user", () -> f.status().startsWith("OFFLINE"));
            assertTrue(f.status().contains("bad user: the server refused user 'ops'"), f.status());
            Thread.sleep(3500); // retries with back-off
            assertEquals(1, log.lines("OFFLINE, reconnecting"), "one line, not one per retry");
            assertEquals(0, log.lines("Skipping validation"), "no warning per attempt");
            assertEquals(0, log.lines("\tat org.eclipse.milo.opcua.sdk.client") + log.lines("\tat org.gatehouse"),
                    "no stack trace from the client");
        }
    }
}
