package org.gatehouse.benchmarks;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.imageio.ImageIO;
import javax.sql.DataSource;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.Site;
import org.gatehouse.api.access.GateDecision;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.service.MessageService;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.Publisher;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.engine.face.onnx.internal.DjlOrtBackend;
import org.gatehouse.engine.face.support.FacePipeline;
import org.gatehouse.engine.face.support.PipelineOptions;
import org.gatehouse.engine.face.support.RunnerEngine;

/**
 * The morning peak at the face gates, in process: the core on an embedded Derby with the real ONNX engine, P enrolled
 * persons (the labelled development identities enrolled from their photos as students with a guardian and consent,
 * the rest filled up with stored photos and random templates of the same model so that the 1:N search and the roster
 * have their real size), G generic gates whose threads call {@code PassageService.decide} with real faces on a
 * 1280x720 JPEG canvas. A spine subscriber queues the guardian messages of each passage as the access-notify route
 * does, and the time from the capture to the message committed in the outbox is recorded.
 *
 * <p>Phase 1 paces each gate at R captures/s for S seconds (p50/p99 capture -> decision at the target load); phase 2
 * lets every gate post back to back for S seconds (captures/s at saturation). The repeat window is set to 0 so that
 * every capture is a passage.
 *
 * <p>Usage: {@code GateBench MODELS_DIR FACES_DIR [persons=5000] [gates=4] [ratePerGate=1] [seconds=30]}
 */
public final class GateBench {
    private GateBench() {
    }

    public static void main(String[] args) throws Exception {
        Path models = Path.of(args[0]);
        Path faces = Path.of(args[1]);
        int persons = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
        int gates = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        double rate = args.length > 4 ? Double.parseDouble(args[4]) : 1.0;
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 30;
        DjlOrtBackend.configureOffline(Path.of("target", "djl-cache").toAbsolutePath());
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "bench-gate");
        DataSource ds = TestDb.dataSource(new File(dir.toFile(), "db").getAbsolutePath());
        Platform p = new Platform(ds, Publisher.NONE, new TestDb.Channels(), Platform.Settings.defaults());
        p.passages.configure(new org.gatehouse.core.internal.access.GateSettings(dir.resolve("snapshots"), 30, 37.3f,
                ZoneId.of("Asia/Shanghai"), 0, false));
        p.sites.saveSite(new Site("bench", "Bench school", "Asia/Shanghai", null), "bench");
        for (int g = 0; g < gates; g++) {
            p.sites.saveDevice(new Device("gate-" + g, "bench", null, "facegate", "http", "Gate " + g,
                    DeviceStatus.ONLINE, Map.of("direction", g % 2 == 0 ? "in" : "out")), "bench");
        }
        try (FacePipeline pipeline = new FacePipeline(new DjlOrtBackend(), PipelineOptions.defaults(models))) {
            RunnerEngine engine = new RunnerEngine("onnx", "bench", pipeline);
            p.faces.engineAdded("onnx", engine);
            p.start();
            List<String[]> labelled = labels(faces);
            // the filled templates are in the store before the first identification loads the index
            byte[] anyPhoto = Files.readAllBytes(find(faces, labelled.get(0)[0]));
            int expectedReal = 0;
            Map<String, Integer> perId = new java.util.HashMap<>();
            for (String[] row : labelled) {
                perId.merge(row[1], 1, Integer::sum);
            }
            for (int c : perId.values()) {
                expectedReal += c >= 2 ? 1 : 0;
            }
            fill(p, ds, pipeline.modelId(), pipeline.vectorSize(), persons - expectedReal, anyPhoto);
            Map<String, byte[]> enrolledPhoto = new ConcurrentHashMap<>();
            List<Probe> probes = new ArrayList<>();
            enrollLabelled(p, faces, labelled, enrolledPhoto, probes);
            int real = enrolledPhoto.size();
            System.out.printf(Locale.ROOT, "%d persons enrolled (%d from real photos, %d filled), %d probes on a 1280x720"
                    + " canvas, %d gates, %d cores, load %s%n", persons, real, persons - real, probes.size(), gates,
                    Runtime.getRuntime().availableProcessors(), load());

            Map<String, Long> startedAt = new ConcurrentHashMap<>();
            List<Long> toOutbox = java.util.Collections.synchronizedList(new ArrayList<>());
            p.events.subscribe("gate.passage", e -> {
                List<?> queued = p.messages.passageToGuardians(e, null, null, ZoneId.of("Asia/Shanghai"),
                        new MessageService.Delivery(null, null, null, null, "zh-CN", null, null, null));
                Long t0 = startedAt.remove(e.id());
                if (t0 != null && !queued.isEmpty()) {
                    toOutbox.add(System.nanoTime() - t0);
                }
            });
            // warm-up: every probe once
            for (Probe pr : probes) {
                decide(p, "gate-0", pr, null);
            }
            run(p, probes, gates, rate, seconds, startedAt, toOutbox, "paced at " + rate + " captures/s per gate");
            run(p, probes, gates, 0, seconds, startedAt, toOutbox, "back to back");
        }
        p.stop();
        System.exit(0);
    }

    record Probe(String expected, byte[] jpeg) {
    }

    private static GateDecision decide(Platform p, String gate, Probe pr, Map<String, Long> startedAt) {
        long t0 = System.nanoTime();
        GateDecision d = p.passages.decide(gate, new Frame(pr.jpeg(), "jpg"), 36.5f, null);
        if (startedAt != null && d.passage() != null && d.passage().eventId() != null) {
            startedAt.put(d.passage().eventId(), t0);
        }
        return d;
    }

    private static void run(Platform p, List<Probe> probes, int gates, double rate, int seconds,
                            Map<String, Long> startedAt, List<Long> toOutbox, String what) throws Exception {
        toOutbox.clear();
        long[] lat = new long[1_000_000];
        AtomicInteger n = new AtomicInteger();
        AtomicLong right = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(gates);
        for (int g = 0; g < gates; g++) {
            int gid = g;
            new Thread(() -> {
                long period = rate > 0 ? (long) (1e9 / rate) : 0;
                long next = System.nanoTime() + gid * (period / Math.max(1, gates));
                int i = gid;
                while (System.nanoTime() < end) {
                    if (period > 0) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            sleepNanos(wait);
                        }
                        next += period;
                    }
                    Probe pr = probes.get(i++ % probes.size());
                    long t0 = System.nanoTime();
                    try {
                        GateDecision d = decide(p, "gate-" + gid, pr, startedAt);
                        long dt = System.nanoTime() - t0;
                        int k = n.getAndIncrement();
                        if (k < lat.length) {
                            lat[k] = dt;
                        }
                        if (pr.expected().equals(String.valueOf(d.personId()))) {
                            right.incrementAndGet();
                        } else {
                            wrong.incrementAndGet();
                        }
                    } catch (GatehouseException e) {
                        errors.incrementAndGet();
                    }
                }
                done.countDown();
            }, "gate-" + g).start();
        }
        done.await();
        Thread.sleep(2000); // the last messages
        long[] l = Arrays.copyOf(lat, Math.min(n.get(), lat.length));
        Arrays.sort(l);
        long[] o;
        synchronized (toOutbox) {
            o = toOutbox.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        System.out.printf(Locale.ROOT, "%s: %d captures in %d s = %.1f captures/s; capture->decision p50 %.1f ms, p99 %.1f"
                        + " ms, max %.1f ms; identified as expected %d, other %d, refused %d; capture->guardian message"
                        + " in the outbox p50 %.1f ms, p99 %.1f ms (%d messages); load %s%n", what, l.length, seconds,
                l.length / (double) seconds, pct(l, 50), pct(l, 99), l.length == 0 ? 0 : l[l.length - 1] / 1e6,
                right.get(), wrong.get(), errors.get(), pct(o, 50), pct(o, 99), o.length, load());
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The labelled rows: file, identity (not "-"), as in testdata/faces/labels.csv. */
    static List<String[]> labels(Path faces) throws Exception {
        Path csv = Path.of("..", "testdata", "faces", "labels.csv");
        if (!Files.isRegularFile(csv)) {
            csv = Path.of("testdata", "faces", "labels.csv");
        }
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("source,")) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length >= 4 && !"-".equals(f[2].trim()) && "1".equals(f[3].trim())) {
                out.add(new String[] {f[1].trim(), f[2].trim()});
            }
        }
        return out;
    }

    /** Enrolls the first photo of every labelled identity with another photo; the other photos become probes. */
    static void enrollLabelled(Platform p, Path faces, List<String[]> labelled, Map<String, byte[]> enrolled,
                                       List<Probe> probes) throws Exception {
        Map<String, List<Path>> byId = new java.util.LinkedHashMap<>();
        for (String[] row : labelled) {
            Path f = find(faces, row[0]);
            if (f != null) {
                byId.computeIfAbsent(row[1], k -> new ArrayList<>()).add(f);
            }
        }
        int i = 0;
        for (Map.Entry<String, List<Path>> e : byId.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            String sid = "stu-" + e.getKey();
            String gid = "gdn-" + e.getKey();
            p.persons.savePerson(new Person(sid, "学生 " + e.getKey(), PersonRole.STUDENT, null, null, "zh-CN",
                    (1 + i % 6) + "-" + (1 + i % 4)), "bench");
            p.persons.savePerson(new Person(gid, "家长 " + e.getKey(), PersonRole.GUARDIAN, "+86139" + String.format("%08d", i),
                    null, "zh-CN", null), "bench");
            p.persons.bind(new GuardianBinding(gid, sid, "parent", "sms", true), "bench");
            p.faces.recordConsent(sid, gid, true, "bench");
            byte[] photo = Files.readAllBytes(e.getValue().get(0));
            try {
                p.faces.enroll(sid, new Frame(photo, "jpg"), "bench");
            } catch (GatehouseException ex) {
                System.out.println("not enrolled " + e.getValue().get(0).getFileName() + ": " + ex.code());
                continue;
            }
            enrolled.put(sid, photo);
            for (Path probe : e.getValue().subList(1, e.getValue().size())) {
                probes.add(new Probe(sid, canvas(Files.readAllBytes(probe))));
            }
            i++;
        }
    }

    private static Path find(Path faces, String name) throws Exception {
        try (var s = Files.walk(faces)) {
            return s.filter(f -> f.getFileName().toString().equals(name)).findFirst().orElse(null);
        }
    }

    /** The face photo drawn on a grey 1280x720 frame, JPEG-encoded, as a 720p gate camera sends it. */
    static byte[] canvas(byte[] photo) throws Exception {
        BufferedImage src = ImageIO.read(new java.io.ByteArrayInputStream(photo));
        BufferedImage out = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(90, 90, 90));
        g.fillRect(0, 0, 1280, 720);
        double s = Math.min(1.0, Math.min(1200.0 / src.getWidth(), 700.0 / src.getHeight()));
        int w = (int) (src.getWidth() * s);
        int h = (int) (src.getHeight() * s);
        g.drawImage(src, (1280 - w) / 2, (720 - h) / 2, w, h, null);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "jpg", bytes);
        return bytes.toByteArray();
    }

    /** Fills the gallery up to its size: staff persons with a stored photo and a random unit template each. */
    private static void fill(Platform p, DataSource ds, String model, int dim, int count, byte[] photo)
            throws Exception {
        for (int i = 0; i < count; i++) {
            p.persons.savePerson(new Person(String.format("fill-%05d", i), "填充 " + i, PersonRole.STAFF, null, null,
                    "zh-CN", null), "bench");
        }
        storeTemplates(ds, model, dim, "fill-", count, photo, 42);
    }

    /** Stores for persons {@code <prefix>00000..} a photo and a random unit template each. */
    static void storeTemplates(DataSource ds, String model, int dim, String prefix, int count, byte[] photo,
                               long seed) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));
        Random rnd = new Random(seed);
        long now = System.currentTimeMillis();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ph = c.prepareStatement("INSERT INTO FACE_PHOTOS (PERSON_ID, FORMAT, DATA, SHA256,"
                    + " CREATED_MS, CREATED_BY) VALUES (?,?,?,?,?,?)", new String[] {"ID"});
                 PreparedStatement pt = c.prepareStatement("INSERT INTO FACE_TEMPLATES (PERSON_ID, PHOTO_ID, MODEL_ID,"
                         + " DIM, VECTOR, FACE_SIZE, SHARPNESS, YAW, CREATED_MS, CREATED_BY) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                for (int i = 0; i < count; i++) {
                    String id = String.format(prefix + "%05d", i);
                    ph.setString(1, id);
                    ph.setString(2, "jpg");
                    ph.setBytes(3, photo);
                    ph.setString(4, sha);
                    ph.setLong(5, now);
                    ph.setString(6, "bench");
                    ph.executeUpdate();
                    long photoId;
                    try (var k = ph.getGeneratedKeys()) {
                        k.next();
                        photoId = k.getLong(1);
                    }
                    float[] v = new float[dim];
                    double norm = 0;
                    for (int d = 0; d < dim; d++) {
                        v[d] = (float) rnd.nextGaussian();
                        norm += v[d] * v[d];
                    }
                    ByteBuffer b = ByteBuffer.allocate(dim * 4).order(ByteOrder.LITTLE_ENDIAN);
                    for (int d = 0; d < dim; d++) {
                        b.putFloat((float) (v[d] / Math.sqrt(norm)));
                    }
                    pt.setString(1, id);
                    pt.setLong(2, photoId);
                    pt.setString(3, model);
                    pt.setInt(4, dim);
                    pt.setBytes(5, b.array());
                    pt.setInt(6, 160);
                    pt.setFloat(7, 100f);
                    pt.setFloat(8, 0f);
                    pt.setLong(9, now);
                    pt.setString(10, "bench");
                    pt.executeUpdate();
                }
            }
            c.commit();
        }
    }

    public static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    public static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
    }
}
