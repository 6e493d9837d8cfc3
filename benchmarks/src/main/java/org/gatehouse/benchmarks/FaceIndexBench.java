package org.gatehouse.benchmarks;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.gatehouse.core.internal.face.FaceIndex;

/**
 * 1:N search of the face gallery's in-memory index with random unit vectors (the scan cost does not depend on the
 * values): ms per probe at each size, single-threaded and split over the search threads, the heap the index holds,
 * and identifications/s of 2 client threads with pre-computed embeddings (no engine).
 *
 * <p>Usage: {@code FaceIndexBench [dim=512] [sizes=10000,100000] [searchThreads=2] [seconds=10]}
 */
public final class FaceIndexBench {
    private FaceIndexBench() {
    }

    public static void main(String[] args) throws Exception {
        int dim = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int[] sizes = Arrays.stream((args.length > 1 ? args[1] : "10000,100000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        System.out.printf("java %s, %d cores, max heap %d MiB, dim %d%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, dim);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Random r = new Random(7);
        float[][] probes = new float[64][];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = vector(r, dim);
        }
        for (int n : sizes) {
            long before = usedAfterGc();
            FaceIndex split = new FaceIndex("bench", dim, pool, threads);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                split.add(i, "p" + (i / 2), vector(r, dim));
            }
            long loadMs = (System.nanoTime() - t0) / 1_000_000;
            long heap = usedAfterGc() - before;
            System.out.printf("%n%,d templates: built in %d ms, heap %.1f MiB (index estimate %.1f MiB)%n", n, loadMs,
                    heap / 1048576.0, split.bytes() / 1048576.0);
            FaceIndex single = new FaceIndex("bench", dim, null, 1);
            // the single-threaded view shares nothing: build it only for the comparison, then drop it
            for (int i = 0; i < n; i++) {
                single.add(i, "p" + (i / 2), vector(r, dim));
            }
            System.out.println("  kernel: " + (single.vectorised() ? "Vector API" : "scalar"));
            report("1 thread per probe", single, probes, seconds);
            throughput("1 thread per probe,", single, probes, seconds, 2);
            single = null;
            usedAfterGc();
            report(threads + " threads per probe", split, probes, seconds);
            throughput(threads + " threads per probe,", split, probes, seconds, 2);
        }
        pool.shutdownNow();
    }

    private static void report(String label, FaceIndex idx, float[][] probes, int seconds) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(2, seconds / 2));
        int i = 0;
        while (System.nanoTime() < end) { // warm-up: C2 compiles the scan
            idx.search(probes[i++ % probes.length], 5);
        }
        int runs = 0;
        long[] ns = new long[100_000];
        end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end && runs < ns.length) {
            long t = System.nanoTime();
            idx.search(probes[runs % probes.length], 5);
            ns[runs++] = System.nanoTime() - t;
        }
        long[] s = Arrays.copyOf(ns, runs);
        Arrays.sort(s);
        System.out.printf("  %-22s median %.2f ms, p90 %.2f ms, p99 %.2f ms (%d probes)%n", label,
                s[runs / 2] / 1e6, s[(int) (runs * 0.9)] / 1e6, s[(int) (runs * 0.99)] / 1e6, runs);
    }

    /** Clients each searching one probe after another. */
    private static void throughput(String label, FaceIndex idx, float[][] probes, int seconds, int clients) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Thread[] ts = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            int offset = c;
            ts[c] = new Thread(() -> {
                int i = offset;
                while (System.nanoTime() < end) {
                    idx.search(probes[i++ % probes.length], 5);
                    done.incrementAndGet();
                }
            });
            ts[c].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        System.out.printf("  %s %d client threads: %.0f identifications/s%n", label, clients,
                done.get() / (double) seconds);
    }

    private static float[] vector(Random r, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
