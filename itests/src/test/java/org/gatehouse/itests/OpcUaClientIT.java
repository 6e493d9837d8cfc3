package org.gatehouse.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
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

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The OPC UA client driver in the distribution: feature {@code gatehouse-device-opcua} installed at run time from
 * {@code system/}, one connection configured through ConfigAdmin (a factory configuration), against a real Eclipse
 * Milo server run by the test as a process of its own (the driver's TestServer) on a free loopback port. A value
 * changed on the server raises a fence intrusion alarm in an armed perimeter zone, read through REST.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OpcUaClientIT {
    private static final String SITE = "demo-school";
    private static final String ZONE = "itest-opcua-fence";
    private static final String PLC = "plc-opc1";
    private static final String FENCE = "fence-opc1";

    @Inject
    private ConfigurationAdmin configAdmin;
    @Inject
    private FeaturesService features;
    @Inject
    private SiteService sites;

    @Configuration
    public Option[] config() throws IOException {
        Option[] base = GatehouseOptions.options(Http.freePort());
        Option[] all = Arrays.copyOf(base, base.length + 1);
        // this method runs in the build's JVM: the classpath of the Milo test server, written by the itests pom
        String cp = Files.readString(Path.of(System.getProperty("gatehouse.itest.opcua.classpath",
                "target/opcua-test-server.classpath"))).trim();
        all[base.length] = systemProperty("gatehouse.itest.opcua.cp").value(cp);
        return all;
    }

    @Test
    public void aValueChangedRaisesAnAlarm() throws Exception {
        Http.awaitDemoCampus(Http.api(), Http.admin());
        features.installFeature("gatehouse-device-opcua");
        assertTrue(features.isInstalled(features.getFeature("gatehouse-device-opcua")));
        sites.saveZone(new Zone(ZONE, SITE, "OPC UA fence", ZoneKind.PERIMETER, true, List.of()), "itest");
        sites.saveDevice(new Device(PLC, SITE, null, "gateway", "opcua", "Fence PLC", DeviceStatus.UNKNOWN,
                Map.of()), "itest");
        sites.saveDevice(new Device(FENCE, SITE, ZONE, "fence", "opcua", "Fence zone 3", DeviceStatus.UNKNOWN,
                Map.of()), "itest");

        Path state = Files.createTempDirectory("opcua-it-server");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process server = new ProcessBuilder(java, "-cp", System.getProperty("gatehouse.itest.opcua.cp"),
                "org.gatehouse.device.opcua.internal.TestServer", state.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        Writer in = new OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8);
        org.osgi.service.cm.Configuration cfg = null;
        try {
            String ready = readLine(out);
            assertTrue("the Milo test server starts: " + ready, ready != null && ready.startsWith("ready "));
            cfg = configAdmin.getFactoryConfiguration("org.gatehouse.device.opcua", "itest", "?");
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("device.id", PLC);
            props.put("endpoint", "opc.tcp://127.0.0.1:" + ready.substring(6).trim() + "/plc");
            props.put("publishing.ms", "100");
            props.put("sampling.ms", "50");
            props.put("rule.1", "ns=2;s=Fence.Zone3.Alarm == true -> fence.intrusion device=" + FENCE
                    + " severity=MAJOR");
            props.put("command.open", "ns=2;s=Gate1.Open:Boolean:true");
            cfg.update(props);
            Http.await("the OPC UA connection ONLINE", Duration.ofSeconds(60), () -> sites.device(PLC)
                    .map(d -> d.status() == DeviceStatus.ONLINE).orElse(false));

            assertEquals("ok", command(in, out, "set Fence.Zone3.Alarm boolean true"));
            Http.await("an intrusion alarm through REST", Duration.ofSeconds(30), () -> intrusion() != null);
            JsonNode alarm = intrusion();
            assertEquals(ZONE, alarm.path("zoneId").asText());
            assertEquals("MAJOR", alarm.path("severity").asText());

            // a device command is a write on the server
            Http.Response r = Http.send("POST", Http.api() + "/devices/" + PLC + "/commands", Http.admin(),
                    "{\"name\":\"open\"}");
            assertTrue("command: " + r.status() + " " + r.body(), r.status() / 100 == 2);
            Http.await("Gate1.Open written", Duration.ofSeconds(20), () -> {
                try {
                    return "true".equals(command(in, out, "get Gate1.Open"));
                } catch (IOException e) {
                    return false;
                }
            });
        } finally {
            if (cfg != null) {
                cfg.delete();
            }
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static JsonNode intrusion() {
        Http.Response r = Http.send("GET", Http.api() + "/alarms?zone=" + ZONE + "&limit=100", Http.admin(),
                (String) null);
        for (JsonNode a : Http.json(r.body()).path("items")) {
            if (FENCE.equals(a.path("deviceId").asText()) && "fence.intrusion".equals(a.path("type").asText())) {
                return a;
            }
        }
        return null;
    }

    private static String command(Writer in, BufferedReader out, String command) throws IOException {
        in.write(command + "\n");
        in.flush();
        return readLine(out);
    }

    /** @return the next line of the server that is not a log line */
    private static String readLine(BufferedReader out) throws IOException {
        String line;
        while ((line = out.readLine()) != null && line.startsWith("[")) {
            // slf4j-simple writes to stderr; anything else that starts so is skipped
        }
        return line;
    }
}
