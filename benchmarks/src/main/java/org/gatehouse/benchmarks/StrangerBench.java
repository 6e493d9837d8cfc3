package org.gatehouse.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.face.Probe;
import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Detection;
import org.gatehouse.api.recognition.Embedding;
import org.gatehouse.api.recognition.FaceQuality;
import org.gatehouse.api.stranger.StrangerRule;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.access.GateSettings;
import org.gatehouse.core.internal.face.FaceIndex;
import org.gatehouse.core.internal.stranger.OpenClusters;
import org.gatehouse.core.internal.stranger.StrangerServiceImpl;
import org.gatehouse.core.testing.TestDb;

/**
 * Stranger clustering cost per capture: {@code StrangerServiceImpl#observe} on the core's Derby store (cluster row
 * written, {@code stranger.alert} stored on the spine) with 0, 100 and 1,000 open clusters of 512-d embeddings (the
 * shipped model's size) in the rule's fold window. At each level it times captures that join a cluster (another
 * photo of a face already seen: the embedding plus noise) and captures of new faces (which open a cluster; at 1,000
 * the oldest is forgotten). With 0 clusters every capture is a new face and the earlier ones are out of the window.
 *
 * <p>Usage: {@code StrangerBench [captures per case=300] [disk|memory]}: {@code memory} runs Derby in memory (no log
 * writes to disk), which leaves the CPU cost of the clustering, the SQL and the spine.
 */
public final class StrangerBench {
    private static final int DIM = 512;
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");

    private StrangerBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "stranger-db");
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        boolean memory = args.length > 1 && args[1].equals("memory");
        Platform p = TestDb.platform(TestDb.dataSource(memory ? "memory:stranger-bench"
                : new File(dir.toFile(), "db").getAbsolutePath()), new TestDb.Channels());
        p.passages.configure(new GateSettings(dir.resolve("snapshots"), 30, 37.3f, SH));
        p.sites.saveSite(new Site("s1", "School", "Asia/Shanghai", null), "bench");
        p.sites.saveZone(new Zone("dorm", "s1", "Dormitory", ZoneKind.BUILDING, false, List.of()), "bench");
        p.sites.saveDevice(new Device("dorm-door", "s1", "dorm", "facegate", "http", "Dorm door", DeviceStatus.UNKNOWN,
                Map.of("direction", "in")), "bench");
        p.strangers.save(new StrangerRule("all-day", null, "dorm", "all", LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, null,
                60, true), "bench");
        p.start();
        Random rnd = new Random(42);
        long[] passage = {0};
        // in the past (the spine refuses events from the future); each level 15 days after the one before
        Instant t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minus(java.time.Duration.ofDays(60));
        System.out.printf("stranger clustering, %d-d embeddings, threshold %.2f, %d captures per case, Derby %s%n",
                DIM, p.strangers.threshold(), n, memory ? "in memory" : "on disk");
        System.out.println("open clusters | case | p50 ms | p99 ms | mean ms | clusters after");
        int[] levels = {0, 100, 1000};
        for (int l = 0; l < levels.length; l++) {
            int level = levels[l];
            // a fresh service on the same store: its clusters start empty
            StrangerServiceImpl s = new StrangerServiceImpl(p.db, p.audit, p.sites, p.events, () -> null, () -> SH);
            Instant at = t0.plus(java.time.Duration.ofDays(15L * l));
            float[][] seen = new float[Math.max(level, 1)][];
            for (int i = 0; i < level; i++) {
                seen[i] = random(rnd);
                s.observe(probe(seen[i]), passage(++passage[0], at));
            }
            for (int w = 0; w < (l == 0 ? 500 : 50); w++) { // warm-up, out of the window of what follows
                s.observe(probe(random(rnd)), passage(++passage[0], at.minus(java.time.Duration.ofHours(3))));
            }
            if (level > 0) {
                long[] join = new long[n];
                for (int i = 0; i < n; i++) {
                    Probe pr = probe(noisy(seen[rnd.nextInt(level)], rnd));
                    Passage ps = passage(++passage[0], at.plusSeconds(1 + i));
                    long a = System.nanoTime();
                    s.observe(pr, ps);
                    join[i] = System.nanoTime() - a;
                }
                report(level, "join", join, s.openClusters());
            }
            long[] fresh = new long[n];
            for (int i = 0; i < n; i++) {
                Probe pr = probe(random(rnd));
                // with 0 open clusters each capture comes after the fold window of the one before
                Instant when = level == 0 ? at.plus(java.time.Duration.ofMinutes(61L * (i + 1)))
                        : at.plusSeconds(n + 1 + i);
                Passage ps = passage(++passage[0], when);
                long a = System.nanoTime();
                s.observe(pr, ps);
                fresh[i] = System.nanoTime() - a;
            }
            report(level, "new face", fresh, s.openClusters());
        }
        p.stop();
        search(rnd);
    }

    /** The in-memory part alone: {@code OpenClusters#nearest} over 0, 100, 1,000 open clusters. */
    private static void search(Random rnd) {
        System.out.println("search only (OpenClusters.nearest), 20,000 probes per level after 20,000 to warm up");
        System.out.println("open clusters | p50 us | p99 us | mean us");
        for (int level : new int[] {0, 100, 1000}) {
            OpenClusters set = new OpenClusters(StrangerServiceImpl.MAX_OPEN);
            for (int i = 0; i < level; i++) {
                OpenClusters.Cluster c = new OpenClusters.Cluster("r", "dorm", "dorm-door", "bench", DIM, 1_000L);
                c.add(FaceIndex.normalise(random(rnd)), 1_000L);
                set.put(i + 1, c);
            }
            int probes = 20_000;
            long[] ns = new long[probes];
            long sink = 0;
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < probes; i++) {
                    float[] v = FaceIndex.normalise(random(rnd));
                    long a = System.nanoTime();
                    OpenClusters.Cluster c = set.nearest("r", "bench", v, 0L, 0.45f);
                    ns[i] = System.nanoTime() - a;
                    sink += c == null ? 0 : 1;
                }
            }
            long[] sorted = ns.clone();
            Arrays.sort(sorted);
            System.out.printf("%d | %.1f | %.1f | %.1f%s%n", level, sorted[probes / 2] / 1e3,
                    sorted[(int) (probes * 0.99) - 1] / 1e3, Arrays.stream(ns).average().orElse(0) / 1e3,
                    sink > 0 ? " (" + sink + " joined)" : "");
        }
    }

    private static void report(int level, String what, long[] ns, int after) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(ns).average().orElse(0) / 1e6;
        System.out.printf("%d | %s | %.3f | %.3f | %.3f | %d%n", level, what, sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6, mean, after);
    }

    private static Passage passage(long id, Instant at) {
        return new Passage(id, "dorm-door", "dorm", Passage.IN, null, null, null, "2026/03/02/" + id + ".jpg", at,
                "bench-" + id);
    }

    private static Probe probe(float[] v) {
        return new Probe(new AnalyzedFace(new Detection(0, 0, 120, 120, 0.99f, new float[0]),
                new FaceQuality(120, 200f, 5f), new Embedding("bench", v)), 1);
    }

    private static float[] random(Random r) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** Another photo of the same face: cosine about 0.9 to the first. */
    private static float[] noisy(float[] v, Random r) {
        float[] out = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            out[i] = v[i] + 0.45f * (float) r.nextGaussian();
        }
        return out;
    }
}
