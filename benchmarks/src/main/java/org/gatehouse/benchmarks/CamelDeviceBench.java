package org.gatehouse.benchmarks;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.Site;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.PayloadMapper;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.Publisher;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.device.camel.internal.CamelBenchDevice;

/**
 * A device by Camel URI into the spine: C TCP senders (plain sockets) write lines {@code ALARM <zone> <seq>} as fast
 * as the connection takes them into a {@code netty:tcp} textline route; each line is mapped by a regex rule and
 * ingested through the core's DeviceSink into Derby (durable before the next line of the same connection is read).
 * At most 2,000 lines are in flight (sent, not yet received). Counts the lines sent and the events stored, and checks
 * none is lost.
 *
 * <p>Usage: {@code CamelDeviceBench [connections=4] [seconds=20]}
 */
public final class CamelDeviceBench {
    /** Lines sent and not yet received by the route, at most. */
    private static final long WINDOW = 2000;

    private CamelDeviceBench() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "bench-db");
        javax.sql.DataSource ds = TestDb.dataSource(new File(dir.toFile(), "db").getAbsolutePath());
        Platform p = new Platform(ds, Publisher.NONE, new TestDb.Channels(), Platform.Settings.defaults());
        p.sites.saveSite(new Site("bench", "Bench", "UTC", null), "bench");
        p.start();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DeviceDriver device = CamelBenchDevice.tcpLines("camel-bench", port);
        PayloadMapper mapper = (PayloadMapper) device;
        p.devices.add(device, Map.of(), "bench");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (p.sites.device("camel-bench").map(d -> d.status() != DeviceStatus.ONLINE).orElse(true)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the route did not start");
            }
            Thread.sleep(50);
        }

        AtomicLong sent = new AtomicLong();
        long warmupEnd = System.nanoTime() + 3_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        long[] mappedAt = new long[2];
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            int cid = c;
            new Thread(() -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    OutputStream out = new BufferedOutputStream(s.getOutputStream(), 8192);
                    long n = 0;
                    while (System.nanoTime() < end) {
                        // at most WINDOW lines in flight: Netty would otherwise queue everything it reads
                        while (n % 64 == 0 && sent.get() - mapper.stats().received() > WINDOW
                                && System.nanoTime() < end) {
                            out.flush();
                            Thread.sleep(1);
                        }
                        sent.incrementAndGet();
                        out.write(("ALARM z" + cid + " " + (cid * 1_000_000_000L + n) + "\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        n++;
                        if (n % 64 == 0) {
                            out.flush();
                        }
                    }
                    out.flush();
                } catch (Exception e) {
                    System.err.println("sender " + cid + ": " + e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        while (System.nanoTime() < warmupEnd) {
            Thread.sleep(10);
        }
        mappedAt[0] = mapper.stats().mapped();
        while (System.nanoTime() < end) {
            Thread.sleep(10);
        }
        mappedAt[1] = mapper.stats().mapped();
        done.await();
        long drainEnd = System.nanoTime() + 120_000_000_000L;
        while (handled(mapper) < sent.get() && System.nanoTime() < drainEnd) {
            Thread.sleep(50);
        }
        var stats = mapper.stats();
        long stored = p.events.query(new org.gatehouse.api.EventQuery(null, null, "fence.intrusion", null, null,
                "camel-bench", 0, 1)).total();
        System.out.printf("connections=%d seconds=%d%n", connections, seconds);
        System.out.printf("stored events/s (measured window): %.0f%n", (mappedAt[1] - mappedAt[0]) / (double) seconds);
        System.out.printf("lines sent %d, received %d, mapped %d, unmatched %d, failed %d, stored %d, lost %d%n",
                sent.get(), stats.received(), stats.mapped(), stats.unmatched(), stats.failed(), stored,
                sent.get() - stored);
        device.detach();
        p.stop();
        System.exit(0);
    }

    private static long handled(PayloadMapper mapper) {
        var s = mapper.stats();
        return s.mapped() + s.unmatched() + s.failed();
    }
}
