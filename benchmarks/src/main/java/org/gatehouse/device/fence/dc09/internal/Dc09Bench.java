package org.gatehouse.device.fence.dc09.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The DC-09 receiver on loopback with the core's sink on an embedded Derby (the driver's test fixture): N panels on
 * their own TCP connections send Contact ID intrusions back to back (half of them AES-128 encrypted), each waiting for
 * its ACK, which comes once the event is stored. Reports messages/s (= events stored/s) and the ACK latency p50/p99,
 * with the machine's load average.
 *
 * <p>Args: senders (8), seconds (20).
 */
public final class Dc09Bench {
    private static final int ACCOUNTS_PER_SENDER = 10; // a new account every 9,000 messages: sequence numbers wrap

    private Dc09Bench() {
    }

    public static void main(String[] args) throws Exception {
        int senders = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, Object> extra = new HashMap<>();
        extra.put("max.connections", String.valueOf(Math.max(64, senders)));
        for (int i = 0; i < senders; i++) {
            for (int k = 0; k < 2 * ACCOUNTS_PER_SENDER; k++) {
                String account = account(i, k);
                extra.put("zone." + account + ".*", "fence-n1");
                if (i % 2 == 1) {
                    extra.put("account." + account + ".key", "000102030405060708090A0B0C0D0E0F");
                }
            }
        }
        String load0 = load();
        try (Fixture f = new Fixture(extra)) {
            run(f, senders, 3, null); // warm-up, on accounts of its own (a sequence heard again is a repeat)
            List<long[]> lat = new ArrayList<>();
            long t0 = System.nanoTime();
            long n = run(f, senders, seconds, lat);
            double secs = (System.nanoTime() - t0) / 1e9;
            long[] all = lat.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
            System.out.printf("DC-09 receiver, %d senders (half AES-128), TCP loopback, core on Derby%n", senders);
            System.out.printf("messages acknowledged: %d in %.1f s = %.0f/s (each stored before its ACK)%n", n, secs,
                    n / secs);
            System.out.printf("ACK latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", pct(all, 50) / 1e6,
                    pct(all, 99) / 1e6, all[all.length - 1] / 1e6);
            System.out.printf("stored events: %d, duplicates: %d%n", f.platform.events.stats().stored(),
                    f.platform.events.stats().duplicates());
            System.out.printf("load average before: %s, after: %s, cores: %d%n", load0, load(),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private static String account(int sender, int k) {
        return String.valueOf(2000 + sender * 2 * ACCOUNTS_PER_SENDER + k);
    }

    private static long run(Fixture f, int senders, int seconds, List<long[]> latencies) throws Exception {
        AtomicLong total = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < senders; i++) {
            int sender = i;
            long[] lat = new long[400_000];
            if (latencies != null) {
                latencies.add(lat);
            }
            Thread t = new Thread(() -> {
                byte[] key = sender % 2 == 1 ? Panel.DEMO_KEY : null;
                int count = 0;
                try (Panel p = new Panel(f.port)) {
                    while (System.nanoTime() < end && count < lat.length) {
                        String account = account(sender, (count / 9000) % ACCOUNTS_PER_SENDER
                                + (latencies == null ? ACCOUNTS_PER_SENDER : 0));
                        String seq = String.format("%04d", count % 9000 + 1);
                        byte[] frame = Panel.cid(account, seq, "1130", "001", key);
                        long s = System.nanoTime();
                        String reply = p.send(frame);
                        lat[count] = System.nanoTime() - s;
                        if (reply == null || !reply.substring(8).startsWith(key == null ? "\"ACK\"" : "\"*ACK\"")) {
                            throw new IllegalStateException("not an ACK: " + reply);
                        }
                        count++;
                    }
                } catch (Exception | Error e) {
                    failures.add(e);
                }
                total.addAndGet(count);
            }, "panel-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("sender failed: " + failures.get(0), failures.get(0));
        }
        return total.get();
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }
}
