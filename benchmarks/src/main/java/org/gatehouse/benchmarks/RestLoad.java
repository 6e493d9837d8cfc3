package org.gatehouse.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * REST ingestion load: C clients POST events to /gatehouse/api/events on loopback for S seconds; reports accepted
 * events/s, errors and latency percentiles. Bounded in time; talks to 127.0.0.1 only.
 *
 * <p>Usage: {@code RestLoad baseUrl user password [clients=8] [seconds=20] [device=fence-n1]}
 */
public final class RestLoad {
    private RestLoad() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        if (!URI.create(base).getHost().equals("127.0.0.1") && !URI.create(base).getHost().equals("localhost")) {
            throw new IllegalArgumentException("load goes to loopback only");
        }
        String auth = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + args[2])
                .getBytes(StandardCharsets.UTF_8));
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        String device = args.length > 5 ? args[5] : "fence-n1";
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long warmupEnd = System.nanoTime() + 3_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        long[][] lat = new long[clients][2_000_000];
        int[] counts = new int[clients];
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (int c = 0; c < clients; c++) {
            int cid = c;
            new Thread(() -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    String body = "{\"id\":\"load-" + run + "-" + cid + "-" + n + "\",\"deviceId\":\"" + device
                            + "\",\"type\":\"gate.passage\",\"attributes\":{\"seq\":\"" + n + "\"}}";
                    HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/events"))
                            .header("Authorization", auth).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> r = client.send(req, HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 201) {
                            errors.incrementAndGet();
                        } else if (t0 > warmupEnd && counts[cid] < lat[cid].length) {
                            lat[cid][counts[cid]++] = System.nanoTime() - t0;
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    n++;
                }
                done.countDown();
            }).start();
        }
        done.await();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(lat[c], 0, all, k, counts[c]);
            k += counts[c];
        }
        Arrays.sort(all);
        System.out.printf("clients=%d seconds=%d accepted events/s: %.0f, errors %d, p50 %.1f ms, p99 %.1f ms%n",
                clients, seconds, total / (double) seconds, errors.get(), pct(all, 50), pct(all, 99));
    }

    private static double pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
    }
}
