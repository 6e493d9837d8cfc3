package org.gatehouse.device.opcua.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.gatehouse.api.device.MappingStats;

/**
 * The OPC UA client driver against the Milo test server on loopback, with the core's sink on an embedded Derby (the
 * driver's test fixture): one thread changes {@code Tank.Level} as fast as it can for S seconds; the rule
 * {@code ns=2;s=Tank.Level changed -> tank.level} makes every value notification an event. Reports values set,
 * notifications received (the server samples at {@code sampling.ms}, so several changes between two samples are one
 * notification), events stored/s, with the machine's load average.
 *
 * <p>Args: seconds (20), sampling.ms (0: as fast as the server samples), publishing.ms (50).
 */
public final class OpcUaBench {
    private OpcUaBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String sampling = args.length > 1 ? args[1] : "0";
        String publishing = args.length > 2 ? args[2] : "50";
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "bench-opcua");
        String load0 = load();
        try (TestServer server = new TestServer(dir.resolve("server")); Fixture f = new Fixture()) {
            Map<String, String> props = TestConfigs.props("device.id", "plc-1", "endpoint", server.endpoint(),
                    "publishing.ms", publishing, "sampling.ms", sampling,
                    "rule.1", "ns=2;s=Tank.Level changed -> tank.level device=tank-1");
            OpcUaDriver d = f.attach(props, dir);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!f.status().startsWith("ONLINE") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            if (!f.status().startsWith("ONLINE")) {
                throw new IllegalStateException("not ONLINE: " + f.status());
            }
            long stored0 = f.platform.events.stats().stored();
            long t0 = System.nanoTime();
            long end = t0 + seconds * 1_000_000_000L;
            long set = 0;
            while (System.nanoTime() < end) {
                server.set("Tank.Level", (double) ++set);
            }
            Thread.sleep(1000); // the last publish
            double secs = (System.nanoTime() - t0) / 1e9;
            MappingStats s = d.stats();
            long stored = f.platform.events.stats().stored() - stored0;
            System.out.printf(Locale.ROOT, "OPC UA client, Milo server on loopback, sampling %s ms, publishing %s ms,"
                    + " core on Derby%n", sampling, publishing);
            System.out.printf(Locale.ROOT, "values set: %d in %.1f s = %.0f/s%n", set, secs, set / secs);
            System.out.printf(Locale.ROOT, "notifications received: %d (%.0f/s), events stored: %d = %.0f/s%n",
                    s.received(), s.received() / secs, stored, stored / secs);
            System.out.printf(Locale.ROOT, "load average before: %s, after: %s, cores: %d%n", load0, load(),
                    Runtime.getRuntime().availableProcessors());
        }
        System.exit(0);
    }

    private static String load() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return p[0] + " " + p[1] + " " + p[2];
        } catch (Exception e) {
            return "?";
        }
    }
}
