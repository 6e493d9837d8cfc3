package org.gatehouse.opcua.internal.alarms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;

/**
 * Alarm raise -> OPC UA event at a subscribed Milo client: the core on an embedded Derby, the Milo server of the
 * alarms tests with {@link AlarmConditions} on a loopback port, one sdk-client subscribed to the Server object's
 * events. Latency from the {@code AlarmService#raise} call (the alarm row stored, the node created, the event posted)
 * to the client's event callback, and from the return of {@code raise} to it; one alarm at a time (paced), then a
 * burst of alarms raised back to back. Each alarm is resolved after its event, so the retained conditions stay few.
 *
 * <pre>
 * java ... org.gatehouse.opcua.internal.alarms.AlarmEventBench 300 10 200 50
 * </pre>
 * arguments: paced alarms, alarms/s of the paced run, burst size, publishing interval of the client's subscription (ms)
 */
public final class AlarmEventBench {
    private AlarmEventBench() {
    }

    public static void main(String[] args) throws Exception {
        int paced = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int burst = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        double publishing = args.length > 3 ? Double.parseDouble(args[3]) : 50.0;
        System.setProperty("derby.stream.error.file", "target/derby.log");
        Files.createDirectories(Path.of("target"));
        Platform p = TestDb.platform();
        TestDb.seed(p);
        int devices = Math.max(burst, 1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            ids.add("bench-" + i);
            p.sites.saveDevice(new Device("bench-" + i, "s1", null, "fence", "http", "bench " + i,
                    DeviceStatus.UNKNOWN, Map.of()), "bench");
        }
        p.start();
        AlarmsTestServer server = AlarmsTestServer.start(p.alarms, ids);
        EventClient client = EventClient.connect(server.endpoint, "guard", publishing);
        try {
            // warm-up
            run(p, server, client, 20, 20, devices);
            client.events.clear();
            double[][] pacedRun = run(p, server, client, paced, rate, devices);
            double[][] burstRun = burst > 0 ? run(p, server, client, burst, 0, devices) : new double[][] {{}, {}};
            System.out.printf("OPC UA alarm events, Milo 0.6.16, client publishing interval %.0f ms, %d cores, load %s%n",
                    publishing, Runtime.getRuntime().availableProcessors(), load());
            report("paced " + rate + "/s, raise call -> event", pacedRun[0]);
            report("paced " + rate + "/s, raise returned -> event", pacedRun[1]);
            if (burst > 0) {
                report("burst of " + burst + ", raise call -> event", burstRun[0]);
            }
        } finally {
            client.close();
            server.close();
            p.stop();
        }
        System.exit(0);
    }

    /**
     * Raises n alarms (paced at rate/s, or back to back when rate is 0), each on its own device, waits for each one's
     * event, then resolves them all and waits for their final events.
     *
     * @return latencies in ms: from the raise call, from its return
     */
    static double[][] run(Platform p, AlarmsTestServer server, EventClient client, int n, int rate, int devices)
            throws Exception {
        ConditionIds ns = new ConditionIds(server);
        long[] start = new long[n];
        long[] returned = new long[n];
        long[] ids = new long[n];
        long period = rate > 0 ? TimeUnit.SECONDS.toNanos(1) / rate : 0;
        long t0 = System.nanoTime();
        List<double[]> out = new ArrayList<>();
        double[] fromCall = new double[n];
        double[] fromReturn = new double[n];
        for (int i = 0; i < n; i++) {
            if (period > 0) {
                long due = t0 + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            String device = "bench-" + (i % devices);
            SecurityEvent e = p.events.ingest(new SecurityEvent("b-" + System.nanoTime(), null, null, device, null,
                    "fence.intrusion", Severity.MAJOR, Map.of(), null, null)).event();
            start[i] = System.nanoTime();
            Alarm a = p.alarms.raise(e, "bench alarm " + i);
            returned[i] = System.nanoTime();
            ids[i] = a.id();
            if (period > 0) {
                Map<String, Object> ev = client.next(x -> ns.condition(a.id()).equals(x.get("ConditionId")));
                long at = (Long) ev.get(EventClient.RECEIVED_NANOS);
                fromCall[i] = (at - start[i]) / 1e6;
                fromReturn[i] = (at - returned[i]) / 1e6;
                p.alarms.resolve(a.id(), "bench", null);
                client.next(x -> ns.condition(a.id()).equals(x.get("ConditionId")));
            }
        }
        if (period == 0) {
            for (int i = 0; i < n; i++) {
                long id = ids[i];
                Map<String, Object> ev = client.next(x -> ns.condition(id).equals(x.get("ConditionId"))
                        && Boolean.TRUE.equals(x.get("Retain")));
                long at = (Long) ev.get(EventClient.RECEIVED_NANOS);
                fromCall[i] = (at - start[i]) / 1e6;
                fromReturn[i] = (at - returned[i]) / 1e6;
            }
            for (int i = 0; i < n; i++) {
                p.alarms.resolve(ids[i], "bench", null);
            }
            client.drain(500);
        }
        out.add(fromCall);
        out.add(fromReturn);
        return out.toArray(new double[0][]);
    }

    /** The namespace index of the server, for condition ids. */
    private static final class ConditionIds {
        final AlarmsTestServer server;

        ConditionIds(AlarmsTestServer server) {
            this.server = server;
        }

        NodeId condition(long id) {
            return ConditionFields.conditionId(server.namespace.getNamespaceIndex(), id);
        }
    }

    static void report(String what, double[] ms) {
        if (ms.length == 0) {
            return;
        }
        List<Double> l = new ArrayList<>();
        for (double d : ms) {
            l.add(d);
        }
        Collections.sort(l);
        System.out.printf("%-45s n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, l.size(), pct(l, 50),
                pct(l, 99), l.get(l.size() - 1));
    }

    static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }
}
