package org.gatehouse.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.karaf.features.FeaturesService;
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

/**
 * The OPC UA server in the distribution: feature {@code gatehouse-opcua} installed from {@code system/} on a free port
 * (through its cfg), with the real core. An independent client, npm node-opcua 2.186 (installed by
 * build/node-opcua.sh, the script {@code src/test/resources/opcua/client.js}), browses the zones, reads one, arms it
 * as a user of the karaf realm with the admin role (and is refused as a teacher), and a client with an untrusted
 * certificate is refused until it is trusted over REST. Then the alarm conditions: a fence alarm raised through REST
 * reaches a node-opcua client subscribed to the Server object's events (after ConditionRefresh), the client calls
 * Acknowledge with a comment, and REST shows the alarm acknowledged by {@code opcua:<user>}
 * ({@code src/test/resources/opcua/alarms-client.mjs}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OpcUaIT {
    private static final String SITE = "demo-school";
    private static final String ZONE = "itest-opcua-fence";

    @Inject
    private FeaturesService features;
    @Inject
    private SiteService sites;

    @Configuration
    public Option[] config() {
        int port = portBelowEphemeral();
        Option[] base = GatehouseOptions.options(portBelowEphemeral());
        List<Option> all = new ArrayList<>(Arrays.asList(base));
        all.add(editConfigurationFilePut("etc/org.gatehouse.opcua.server.cfg", "port", "" + port));
        all.add(editConfigurationFilePut("etc/org.gatehouse.opcua.server.cfg", "resync.seconds", "1"));
        all.add(systemProperty("gatehouse.itest.opcua.port").value("" + port));
        // this method runs in the build's JVM, in itests/: paths from failsafe's system properties
        all.add(systemProperty("gatehouse.itest.node.opcua").value(System.getProperty("gatehouse.itest.node.opcua",
                System.getProperty("user.home") + "/.cache/gatehouse/node-opcua-2.186.4/node_modules")));
        all.add(systemProperty("gatehouse.itest.opcua.client").value(System.getProperty(
                "gatehouse.itest.opcua.client", new java.io.File("src/test/resources/opcua/client.js")
                        .getAbsolutePath())));
        all.add(systemProperty("gatehouse.itest.opcua.pki").value(new java.io.File("target/node-opcua-pki-"
                + port).getAbsolutePath()));
        return all.toArray(new Option[0]);
    }

    /**
     * A free port below Linux's ephemeral range (32768-60999): Karaf binds it a minute after it was chosen, and on a
     * busy machine an ephemeral port can be taken by an outgoing connection in between (Pax Web then fails to bind).
     */
    static int portBelowEphemeral() {
        java.util.Random random = new java.util.Random();
        for (int i = 0; i < 200; i++) {
            int candidate = 20_000 + random.nextInt(12_000);
            try (java.net.ServerSocket s = new java.net.ServerSocket(candidate, 1,
                    java.net.InetAddress.getLoopbackAddress())) {
                return candidate;
            } catch (IOException e) {
                // taken: try another
            }
        }
        return Http.freePort();
    }

    static String endpoint() {
        return "opc.tcp://127.0.0.1:" + System.getProperty("gatehouse.itest.opcua.port") + "/gatehouse";
    }

    /**
     * Runs a node-opcua script with arguments and parses the one JSON line it prints.
     *
     * @param script the script (a file path)
     * @param args   its arguments
     */
    static JsonNode node(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        String modules = System.getProperty("gatehouse.itest.node.opcua");
        pb.environment().put("NODE_PATH", modules); // for require() in client.js
        pb.environment().put("NODE_OPCUA_HOME", java.nio.file.Paths.get(modules).getParent().toString()); // ESM
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        assertTrue("node exits", p.waitFor(120, TimeUnit.SECONDS));
        String text = out.toString(StandardCharsets.UTF_8).trim();
        String last = text.substring(text.lastIndexOf('\n') + 1);
        assertTrue("node-opcua printed JSON: " + text, last.startsWith("{"));
        return Http.json(last);
    }

    /** Runs the test client ({@code client.js}) against the server: action and key=value options. */
    static JsonNode client(String action, String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(endpoint(), action));
        args.addAll(List.of(options));
        return node(System.getProperty("gatehouse.itest.opcua.client"), args.toArray(new String[0]));
    }

    @Test
    public void anIndependentClientBrowsesReadsArmsAndAnUntrustedCertificateIsRefused() throws Exception {
        Http.awaitDemoCampus(Http.api(), Http.admin());
        features.installFeature("gatehouse-opcua");
        assertTrue(features.isInstalled(features.getFeature("gatehouse-opcua")));
        Http.await("GET /opcua/status answers", Duration.ofSeconds(120), () -> Http.send("GET", Http.api()
                + "/opcua/status", Http.admin(), (byte[]) null).status() == 200);
        JsonNode status = Http.json(Http.send("GET", Http.api() + "/opcua/status", Http.admin(), (byte[]) null)
                .body());
        assertEquals(endpoint(), status.get("endpoints").get(0).asText());
        assertEquals("urn:gatehouse:opcua", status.get("namespaceUri").asText());

        sites.saveZone(new Zone(ZONE, SITE, "OPC UA fence", ZoneKind.PERIMETER, false, List.of()), "itest");
        Http.await("the new zone in the address space", Duration.ofSeconds(60), () -> {
            try {
                JsonNode browse = client("browse", "path=Sites/" + SITE + "/Zones");
                return browse.get("ok").asBoolean() && browse.get("names").toString().contains(ZONE);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode read = client("read", "nodes=Zones/" + ZONE + "/Kind,Zones/" + ZONE + "/Armed");
        assertTrue(read.toString(), read.get("ok").asBoolean());
        assertEquals("PERIMETER", read.get("values").get("Zones/" + ZONE + "/Kind").asText());
        assertFalse(read.get("values").get("Zones/" + ZONE + "/Armed").asBoolean());

        JsonNode write = client("write", "node=Zones/" + ZONE + "/Armed", "value=b:true");
        assertEquals(write.toString(), "BadNotWritable", write.get("status").asText());
        JsonNode teacher = client("call", "object=Zones/" + ZONE, "method=Arm", "user=" + GatehouseOptions.TEACHER,
                "password=teach");
        assertEquals(teacher.toString(), "BadUserAccessDenied", teacher.get("status").asText());
        JsonNode arm = client("call", "object=Zones/" + ZONE, "method=Arm", "user=" + GatehouseOptions.USER,
                "password=" + GatehouseOptions.PASSWORD);
        assertEquals(arm.toString(), "Good", arm.get("status").asText());
        JsonNode arming = Http.json(Http.send("GET", Http.api() + "/perimeter/zones/" + ZONE, Http.admin(),
                (byte[]) null).body());
        assertTrue(arming.toString(), arming.get("armed").asBoolean());
        assertEquals("opcua:" + GatehouseOptions.USER, arming.get("by").asText());

        String pki = "pki=" + System.getProperty("gatehouse.itest.opcua.pki");
        JsonNode refused = client("read", "nodes=Zones/" + ZONE + "/Kind", "security=SignAndEncrypt", pki);
        assertFalse(refused.toString(), refused.get("ok").asBoolean());
        JsonNode certificates = Http.json(Http.send("GET", Http.api() + "/opcua/certificates", Http.admin(),
                (byte[]) null).body());
        assertEquals(certificates.toString(), 1, certificates.size());
        assertEquals("REJECTED", certificates.get(0).get("state").asText());
        String thumbprint = certificates.get(0).get("thumbprint").asText();
        Http.Response trust = Http.send("POST", Http.api() + "/opcua/certificates/" + thumbprint + "/trust",
                Http.admin(), (byte[]) null);
        assertEquals(trust.body(), 200, trust.status());
        JsonNode accepted = client("read", "nodes=Zones/" + ZONE + "/Kind", "security=SignAndEncrypt", pki,
                "user=" + GatehouseOptions.USER, "password=" + GatehouseOptions.PASSWORD);
        assertTrue(accepted.toString(), accepted.get("ok").asBoolean());
        assertEquals("PERIMETER", accepted.get("values").get("Zones/" + ZONE + "/Kind").asText());

        // Alarms & Conditions: a fence alarm raised through REST, acknowledged over OPC UA, seen acknowledged in REST
        String eventId = "opcua-it-" + System.currentTimeMillis();
        Http.Response posted = Http.send("POST", Http.api() + "/events", Http.admin(), "{\"id\":\"" + eventId
                + "\",\"deviceId\":\"fence-n1\",\"type\":\"fence.intrusion\",\"severity\":\"MAJOR\"}");
        assertEquals(posted.body(), 201, posted.status());
        long[] alarmId = new long[1];
        Http.await("the alarm of " + eventId, Duration.ofSeconds(30), () -> {
            JsonNode page = Http.json(Http.send("GET", Http.api() + "/alarms?state=RAISED&limit=100", Http.admin(),
                    (byte[]) null).body());
            for (JsonNode a : page.path("items")) {
                if (eventId.equals(a.path("lastEventId").asText())) {
                    alarmId[0] = a.path("id").asLong();
                    return true;
                }
            }
            return false;
        });
        String script = java.nio.file.Paths.get(System.getProperty("gatehouse.itest.opcua.client"))
                .resolveSibling("alarms-client.mjs").toString();
        JsonNode condition = node(script, endpoint(), GatehouseOptions.USER, GatehouseOptions.PASSWORD, "fence-n1",
                "60000");
        assertTrue(condition.toString(), condition.get("received").asBoolean());
        assertEquals(condition.toString(), "fence-n1", condition.get("sourceName").asText());
        assertEquals(condition.toString(), "Good", condition.get("ackStatus").asText());
        assertTrue(condition.toString(), condition.get("ackedEvent").asBoolean());
        JsonNode alarm = Http.json(Http.send("GET", Http.api() + "/alarms/" + alarmId[0], Http.admin(),
                (byte[]) null).body());
        assertEquals(alarm.toString(), "ACKNOWLEDGED", alarm.get("state").asText());
        assertEquals(alarm.toString(), "opcua:" + GatehouseOptions.USER, alarm.get("ackBy").asText());
    }
}
