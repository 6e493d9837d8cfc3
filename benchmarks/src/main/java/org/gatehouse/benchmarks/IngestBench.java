package org.gatehouse.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.gatehouse.api.Severity;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Site;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.DeviceInfo;
import org.gatehouse.api.device.DeviceSink;
import org.gatehouse.core.internal.outbox.ChannelDirectory;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.core.internal.Publisher;

/**
 * In-process ingestion: D simulated devices on T threads push events through their DeviceSink into the spine and
 * Derby (durable before the call returns). One event in ten is MAJOR; a spine subscriber raises an alarm for it, as
 * the alarm-rules route does, and the time from the driver's call to the stored alarm is recorded.
 *
 * <p>Usage: {@code IngestBench [threads=8] [seconds=20] [devices=50] [alarmEvery=10 (0: no alarms)]}
 */
public final class IngestBench {
    private IngestBench() {
    }

    /** A driver that only keeps its sink. */
    static final class BenchDriver implements DeviceDriver {
        final String id;
        volatile DeviceSink sink;

        BenchDriver(String id) {
            this.id = id;
        }

        @Override
        public DeviceInfo info() {
            return new DeviceInfo(id, "fence", "bench", null, null, Set.of());
        }

        @Override
        public void attach(DeviceSink s) {
            sink = s;
        }

        @Override
        public void detach() {
            sink = null;
        }

        @Override
        public CompletionStage<CommandResult> execute(DeviceCommand command) {
            return CompletableFuture.completedFuture(CommandResult.failed("unsupported"));
        }
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int deviceCount = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int alarmEvery = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "bench-db");
        javax.sql.DataSource ds = TestDb.dataSource(new File(dir.toFile(), "db").getAbsolutePath());
        ChannelDirectory none = new TestDb.Channels();
        Platform p = new Platform(ds, Publisher.NONE, none, Platform.Settings.defaults());
        p.sites.saveSite(new Site("bench", "Bench", "UTC", null), "bench");
        BenchDriver[] drivers = new BenchDriver[deviceCount];
        for (int i = 0; i < deviceCount; i++) {
            drivers[i] = new BenchDriver("dev-" + i);
            p.devices.add(drivers[i], Map.of(), "bench");
        }
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        long[] latencies = new long[10_000_000];
        AtomicLong alarmCount = new AtomicLong();
        p.events.subscribe("*", e -> {
            if (e.severity().atLeast(Severity.WARNING)) {
                p.alarms.raise(e, null);
                Long t0 = sentAt.remove(e.id());
                if (t0 != null) {
                    int i = (int) alarmCount.getAndIncrement();
                    if (i < latencies.length) {
                        latencies[i] = System.nanoTime() - t0;
                    }
                }
            }
        });
        p.start();

        AtomicLong ingested = new AtomicLong();
        long warmupEnd = System.nanoTime() + 3_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(threads);
        AtomicLong measured = new AtomicLong();
        for (int t = 0; t < threads; t++) {
            int tid = t;
            new Thread(() -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    BenchDriver d = drivers[(int) ((tid + n * threads) % deviceCount)];
                    boolean major = alarmEvery > 0 && n % alarmEvery == 0;
                    String id = "b-" + tid + "-" + n;
                    if (major) {
                        sentAt.put(id, System.nanoTime());
                    }
                    d.sink.event(new SecurityEvent(id, null, null, d.id, null,
                            major ? "fence.intrusion" : "gate.passage", major ? Severity.MAJOR : Severity.INFO,
                            Map.of("seq", Long.toString(n)), null, null));
                    if (System.nanoTime() > warmupEnd) {
                        measured.incrementAndGet();
                    }
                    ingested.incrementAndGet();
                    n++;
                }
                done.countDown();
            }).start();
        }
        done.await();
        long pending = p.events.stats().pending();
        while (p.events.stats().pending() > 0) {
            Thread.sleep(10);
        }
        int n = (int) Math.min(alarmCount.get(), latencies.length);
        long[] l = Arrays.copyOf(latencies, n);
        Arrays.sort(l);
        System.out.printf("threads=%d devices=%d seconds=%d alarm every %d events%n", threads, deviceCount, seconds,
                alarmEvery);
        System.out.printf("ingested (durable) events/s: %.0f%n", measured.get() / (double) seconds);
        System.out.printf("alarm raises: %d; event->alarm p50 %.1f ms, p99 %.1f ms, max %.1f ms (queue at end %d)%n", n,
                pct(l, 50), pct(l, 99), l.length == 0 ? 0 : l[l.length - 1] / 1e6, pending);
        p.stop();
        System.exit(0);
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
    }
}
