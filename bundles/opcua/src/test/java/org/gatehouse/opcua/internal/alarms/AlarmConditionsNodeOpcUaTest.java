package org.gatehouse.opcua.internal.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.AuditEntry;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The independent client: npm {@code node-opcua} 2.186.4 runs {@code itests/src/test/resources/opcua/alarms-client.mjs}
 * (the script OpcUaIT runs against the distribution) against a real Milo server with {@link AlarmConditions} on the
 * core's AlarmService (embedded Derby). node-opcua is installed by {@code npm install} into
 * {@code ~/.cache/gatehouse/node-opcua-2.186.4} on first use; the test is skipped only when node is not installed.
 */
class AlarmConditionsNodeOpcUaTest {
    static final String VERSION = "2.186.4";
    static final ObjectMapper JSON = new ObjectMapper();
    static Path home;
    static Path script;
    static Platform p;
    static AlarmsTestServer server;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(run(List.of("node", "--version"), null, 30) != null,
                "node is not installed: the node-opcua client test is skipped (.ci/run installs node)");
        script = Path.of(System.getProperty("gatehouse.opcua.alarmsScript",
                "../../itests/src/test/resources/opcua/alarms-client.mjs")).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(script), "no client script at " + script);
        home = installNodeOpcua();
        p = TestDb.platform();
        TestDb.seed(p);
        p.sites.saveDevice(new org.gatehouse.api.Device("fence-2", "s1", null, "fence", "http", "Fence 2",
                org.gatehouse.api.DeviceStatus.UNKNOWN, Map.of()), "test");
        p.start();
        server = AlarmsTestServer.start(p.alarms, List.of("fence-1", "fence-2"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (p != null) {
            p.stop();
        }
    }

    /** node-opcua in the user's cache, installed once (npm's own cache makes a re-install offline). */
    static Path installNodeOpcua() throws Exception {
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "gatehouse", "node-opcua-" + VERSION);
        Path pkg = dir.resolve("node_modules/node-opcua/package.json");
        if (Files.isRegularFile(pkg) && Files.readString(pkg).contains("\"version\": \"" + VERSION + "\"")) {
            return dir;
        }
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve("package.json"))) {
            Files.writeString(dir.resolve("package.json"), "{\"name\":\"gatehouse-opcua-client\",\"private\":true}\n");
        }
        String out = run(List.of("npm", "install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error",
                "node-opcua@" + VERSION), dir.toFile(), 600);
        assertTrue(out != null && Files.isRegularFile(pkg), "npm install node-opcua@" + VERSION + " failed: " + out);
        return dir;
    }

    static Alarm raise(String device, Severity sev, String message) {
        SecurityEvent e = p.events.ingest(new SecurityEvent("n-" + System.nanoTime(), null, null, device, null,
                "fence.intrusion", sev, Map.of(), null, null)).event();
        return p.alarms.raise(e, message);
    }

    /** Runs the script; its one JSON line. */
    static JsonNode client(String user, String expected) throws Exception {
        List<String> cmd = List.of("node", script.toString(), server.endpoint, user, "pw", expected, "60000");
        Path stderr = Files.createTempFile(Path.of("target"), "node-opcua", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectError(stderr.toFile());
        pb.environment().put("NODE_OPCUA_HOME", home.toString());
        pb.environment().put("NODE_OPCUA_PKI", Path.of("target/node-opcua-pki").toAbsolutePath().toString());
        Process proc = pb.start();
        proc.getOutputStream().close();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!proc.waitFor(90, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
        }
        String err = Files.readString(stderr);
        String line = null;
        for (String l : out.split("\n")) {
            if (l.startsWith("{")) {
                line = l;
            }
        }
        assertTrue(line != null, "no JSON line from the client (exit " + proc.exitValue() + "): " + out + "\n"
                + err);
        return JSON.readTree(line);
    }

    @Test
    void nodeOpcUaReceivesTheConditionAndAcknowledgesIt() throws Exception {
        Alarm a = raise("fence-1", Severity.CRITICAL, "Fence 1 cut (node-opcua)");
        JsonNode r;
        try {
            r = client("guard", "Fence 1 cut (node-opcua)");
        } finally {
            p.alarms.resolve(a.id(), "guard", "done"); // each test has its own device and closes its alarm
        }
        assertTrue(r.get("received").asBoolean(), r.toString());
        assertEquals(900, r.get("severity").asInt());
        assertEquals("Fence 1 cut (node-opcua)", r.get("message").asText());
        assertEquals("fence-1", r.get("sourceName").asText());
        assertEquals(32, r.get("eventId").asText().length(), "a 16-byte EventId");
        assertEquals("ns=" + server.namespace.getNamespaceIndex() + ";s=Alarms/" + a.id(),
                r.get("conditionId").asText());
        assertTrue(r.get("acknowledged").asBoolean(), r.toString());
        assertTrue(r.get("ackedEvent").asBoolean(), "the acknowledgement came back as an event: " + r);
        Alarm stored = p.alarms.get(a.id()).orElseThrow();
        assertEquals("opcua:guard", stored.ackBy(), "acknowledged before it was resolved");
        AuditEntry ack = p.audit.query("alarm", Long.toString(a.id()), null, 0, 10).items().stream()
                .filter(x -> x.action().equals("alarm-acknowledge")).findFirst().orElseThrow();
        assertEquals("opcua:guard", ack.actor(), "audited with the OPC UA user");
        assertEquals("acknowledged by node-opcua", ack.detail(), "the comment is the note");
    }

    @Test
    void nodeOpcUaWithoutTheRoleIsRefused() throws Exception {
        Alarm a = raise("fence-2", Severity.MAJOR, "Fence 2 touched (viewer)");
        JsonNode r;
        try {
            r = client("viewer", "Fence 2 touched (viewer)");
        } finally {
            assertEquals(AlarmState.RAISED, p.alarms.get(a.id()).orElseThrow().state(), "not acknowledged");
            p.alarms.resolve(a.id(), "guard", "done");
        }
        assertTrue(r.get("received").asBoolean(), r.toString());
        assertFalse(r.get("acknowledged").asBoolean(), r.toString());
        assertEquals("BadUserAccessDenied", r.get("ackStatus").asText());
    }

    static String run(List<String> cmd, File dir, int timeoutS) {
        try {
            Process proc = new ProcessBuilder(new ArrayList<>(cmd)).directory(dir).redirectErrorStream(true).start();
            proc.getOutputStream().close();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!proc.waitFor(timeoutS, TimeUnit.SECONDS) || proc.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
