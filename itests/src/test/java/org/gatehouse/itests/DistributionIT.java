package org.gatehouse.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The distribution as an operator runs it: {@code bin/karaf server} from the unpacked tar.gz, on free ports. First
 * start generates the admin password; events and alarms survive a clean restart and a {@code kill -9} right after
 * an event was acknowledged to its sender.
 */
public class DistributionIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path home;
    private static int httpPort;
    private static Process karaf;

    @BeforeClass
    public static void unpack() throws Exception {
        Path target = Path.of("target", "dist-it").toAbsolutePath();
        if (Files.exists(target)) {
            run(List.of("rm", "-rf", target.toString()));
        }
        Files.createDirectories(target);
        run(List.of("tar", "xzf", new File(System.getProperty("gatehouse.dist")).getAbsolutePath(), "-C",
                target.toString()));
        try (var dirs = Files.list(target)) {
            home = dirs.findFirst().orElseThrow();
        }
        httpPort = Http.freePort();
        set("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", "" + httpPort);
        set("etc/org.apache.karaf.shell.cfg", "sshPort", "" + Http.freePort());
        set("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", "" + Http.freePort());
        set("etc/org.apache.karaf.management.cfg", "rmiServerPort", "" + Http.freePort());
        set("etc/org.gatehouse.core.cfg", "spine.wait.for.routes.seconds", "60");
    }

    @AfterClass
    public static void stopAll() throws Exception {
        kill(true);
    }

    private static void set(String file, String key, String value) throws IOException {
        Path p = home.resolve(file);
        List<String> lines = Files.readAllLines(p);
        List<String> out = new java.util.ArrayList<>();
        boolean done = false;
        for (String l : lines) {
            if (l.strip().startsWith(key + " ") || l.strip().startsWith(key + "=")) {
                out.add(key + " = " + value);
                done = true;
            } else {
                out.add(l);
            }
        }
        if (!done) {
            out.add(key + " = " + value);
        }
        Files.write(p, out);
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertEquals(String.join(" ", cmd), 0, p.waitFor());
    }

    private static String api() {
        return "http://127.0.0.1:" + httpPort + "/gatehouse/api";
    }

    private static long start(String adminPassword) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        home.resolve("console.out").toFile()));
        pb.environment().put("EXTRA_JAVA_OPTS", "-Xmx384m");
        if (adminPassword == null) {
            pb.environment().remove("GATEHOUSE_ADMIN_PASSWORD");
        } else {
            pb.environment().put("GATEHOUSE_ADMIN_PASSWORD", adminPassword);
        }
        long t0 = System.nanoTime();
        karaf = pb.start();
        Http.await("/health UP after start", Duration.ofSeconds(120), () -> {
            Http.Response r = Http.send("GET", api() + "/health", null, (String) null);
            return r.status() == 200 && r.body().contains("\"UP\"");
        });
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    /** Stops Karaf: SIGTERM (graceful) or SIGKILL of the JVM and its launcher script. */
    private static void kill(boolean forcibly) throws Exception {
        if (karaf == null) {
            return;
        }
        List<ProcessHandle> all = new java.util.ArrayList<>(karaf.toHandle().descendants().toList());
        all.add(karaf.toHandle());
        for (ProcessHandle h : all) {
            if (forcibly) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
        }
        for (ProcessHandle h : all) {
            h.onExit().get(60, TimeUnit.SECONDS);
        }
        karaf = null;
    }

    @Test
    public void survivesRestartAndKill() throws Exception {
        long firstStart = start(null);
        Path generated = home.resolve("data/initial-admin-password");
        assertTrue("first start writes the generated admin password", Files.exists(generated));
        String password = Files.readString(generated, StandardCharsets.UTF_8).strip();
        String auth = Http.basic("admin", password);
        Http.awaitDemoCampus(api(), auth);
        assertEquals(401, Http.send("GET", api() + "/alarms", Http.basic("admin", "guess"), (String) null).status());
        // bin/setenv and etc/custom.properties give the face index its Vector API scan in the real bin/karaf
        assertEquals("vector", json(Http.send("GET", api() + "/faces/status", auth, (String) null))
                .path("searchKernel").asText());

        Http.Response posted = Http.send("POST", api() + "/events", auth,
                "{\"id\":\"restart-1\",\"deviceId\":\"fence-n1\",\"type\":\"fence.intrusion\",\"severity\":\"MAJOR\"}");
        assertEquals(posted.body(), 201, posted.status());
        long[] alarmId = new long[1];
        Http.await("alarm for restart-1", Duration.ofSeconds(30), () -> {
            JsonNode page = json(Http.send("GET", api() + "/alarms", auth, (String) null));
            for (JsonNode a : page.path("items")) {
                if ("restart-1".equals(a.path("lastEventId").asText())) {
                    alarmId[0] = a.path("id").asLong();
                    return true;
                }
            }
            return false;
        });
        assertEquals(200, Http.send("POST", api() + "/alarms/" + alarmId[0] + "/ack", auth, "{\"note\":\"seen\"}").status());

        kill(false);
        long secondStart = start("ignored-because-admin-exists");
        assertEquals(200, Http.send("GET", api() + "/events/restart-1", auth, (String) null).status());
        JsonNode alarm = json(Http.send("GET", api() + "/alarms/" + alarmId[0], auth, (String) null));
        assertEquals("ACKNOWLEDGED", alarm.path("state").asText());
        assertEquals("admin", alarm.path("ackBy").asText());

        // kill -9 right after the 201: the event was stored before the answer, and reaches the routes after restart
        Http.Response k9 = Http.send("POST", api() + "/events", auth,
                "{\"id\":\"kill9-1\",\"deviceId\":\"gate-1\",\"type\":\"gate.forced\",\"severity\":\"CRITICAL\"}");
        assertEquals(k9.body(), 201, k9.status());
        kill(true);
        long thirdStart = start(null);
        assertEquals(200, Http.send("GET", api() + "/events/kill9-1", auth, (String) null).status());
        Http.await("an alarm for the event stored just before kill -9", Duration.ofSeconds(30), () -> {
            JsonNode page = json(Http.send("GET", api() + "/alarms?state=RAISED", auth, (String) null));
            for (JsonNode a : page.path("items")) {
                if ("gate-1".equals(a.path("deviceId").asText()) && "gate.forced".equals(a.path("type").asText())) {
                    return true;
                }
            }
            return false;
        });
        System.out.printf("Start to /health UP: first %d ms, second %d ms, after kill -9 %d ms%n", firstStart,
                secondStart, thirdStart);
        kill(false);
    }

    private static JsonNode json(Http.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.status() + "): " + r.body());
        }
    }
}
