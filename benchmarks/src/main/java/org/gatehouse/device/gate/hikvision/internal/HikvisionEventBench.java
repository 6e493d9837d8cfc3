package org.gatehouse.device.gate.hikvision.internal;

import java.io.File;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.Site;
import org.gatehouse.api.service.MessageService;
import org.gatehouse.benchmarks.GateBench;
import org.gatehouse.benchmarks.RosterSyncBench;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.Publisher;
import org.gatehouse.core.internal.access.GateSettings;
import org.gatehouse.core.internal.store.Db;
import org.gatehouse.core.testing.TestDb;

/**
 * Terminal events through the ISAPI receiver: the real {@link HikvisionDriver} and its {@link EventServlet} on Jetty
 * 9.4 (the test module's {@link Receiver}), attached through the core's device manager, with the core {@link Platform}
 * on an embedded Derby as its {@code PassageService} (real {@code record}: the passage row, the snapshot file on
 * disk, the spine event). P pusher threads post {@code AccessControllerEvent} multiparts with a real JPEG face
 * ({@link HikvisionStub#push}, as a terminal's HTTP listening does) for S seconds, each for one of the students
 * (with a guardian and consent); a spine subscriber queues the guardian message of each passage as the access-notify
 * route does. Reports events/s stored (answered 200), p50/p99 push -> 200, and p50/p99 push -> guardian message
 * committed in the outbox. The gate's repeat window is 0 so that every event is a passage.
 *
 * <p>In the benchmarks module, in the driver's package, to use the package-private driver and the test jar's stub.
 *
 * <p>Two runs of S seconds after a 3 s warm-up: paced at R events/s in all (the passage -> message latency at a
 * morning-peak load), then back to back (events/s at saturation).
 *
 * <p>Usage: {@code HikvisionEventBench FACES_DIR [pushers=8] [seconds=20] [students=300] [rate=20]}
 */
public final class HikvisionEventBench {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter ISAPI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private HikvisionEventBench() {
    }

    public static void main(String[] args) throws Exception {
        Path faces = Path.of(args[0]);
        int pushers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int students = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        double rate = args.length > 4 ? Double.parseDouble(args[4]) : 20;
        List<byte[]> pictures = pictures(faces, 20_000, 60_000);
        Path dir = Files.createTempDirectory(Files.createDirectories(RosterSyncBench.target()), "bench-hik-events");
        DataSource ds = TestDb.dataSource(new File(dir.toFile(), "db").getAbsolutePath());
        Platform p = new Platform(ds, Publisher.NONE, new TestDb.Channels(), Platform.Settings.defaults());
        p.passages.configure(new GateSettings(dir.resolve("snapshots"), 30, 37.3f, ZONE, 0, false));
        p.sites.saveSite(new Site("bench", "Bench school", ZONE.getId(), null), "bench");
        p.sites.saveDevice(new Device("gate-hik-1", "bench", null, "facegate", HikvisionDriver.VENDOR, "Gate 1",
                DeviceStatus.UNKNOWN, Map.of("direction", "in")), "bench");
        long s0 = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < students; i++) {
            String sid = String.format("stu-%05d", i);
            String gid = String.format("gdn-%05d", i);
            p.persons.savePerson(new Person(sid, "学生 " + i, PersonRole.STUDENT, null, null, "zh-CN",
                    (1 + i % 6) + "-" + (1 + i % 4)), "bench");
            p.persons.savePerson(new Person(gid, "家长 " + i, PersonRole.GUARDIAN, String.format("+86139%08d", i),
                    null, i % 5 == 0 ? "en" : "zh-CN", null), "bench");
            p.persons.bind(new GuardianBinding(gid, sid, "parent", "sms", true), "bench");
            p.faces.recordConsent(sid, gid, true, "bench");
            ids.add(sid);
        }
        System.out.printf(Locale.ROOT, "seeded %d students with a guardian and consent in %.1f s; %d pictures of %d-%d"
                + " bytes%n", students, (System.nanoTime() - s0) / 1e9, pictures.size(),
                pictures.stream().mapToInt(b -> b.length).min().orElse(0),
                pictures.stream().mapToInt(b -> b.length).max().orElse(0));

        Map<String, Long> pushedAt = new ConcurrentHashMap<>();
        List<Long> toOutbox = Collections.synchronizedList(new ArrayList<>());
        p.events.subscribe("gate.passage", e -> {
            List<?> queued = p.messages.passageToGuardians(e, null, null, ZONE,
                    new MessageService.Delivery(null, null, null, null, "zh-CN", null, null, null));
            Long t0 = pushedAt.remove(e.personId() + "@" + e.time().toEpochMilli());
            if (t0 != null && !queued.isEmpty()) {
                toOutbox.add(System.nanoTime() - t0);
            }
        });
        p.start();

        try (HikvisionStub terminal = new HikvisionStub("admin", "Pa55word")) {
            HikvisionSettings settings = new HikvisionSettings("gate-hik-1", terminal.url(), "admin", "Pa55word", 1,
                    "in", null, "", Duration.ofHours(1), Duration.ofHours(1), 5, Duration.ofSeconds(10));
            HikvisionDriver driver = new HikvisionDriver(settings, p.passages, null, p.sites::device);
            p.devices.add(driver, Map.of(), "bench"); // attached with the core's real DeviceSink
            try (Receiver receiver = new Receiver(driver)) {
                URI url = receiver.url(null);
                AtomicInteger serial = new AtomicInteger();
                Run warm = run(url, ids, pictures, pushers, 0, 3, serial, pushedAt);
                System.out.printf(Locale.ROOT, "warm-up: %d events in 3 s; %d pushers, %d students, %d cores%n",
                        warm.ok, pushers, students, Runtime.getRuntime().availableProcessors());
                phase(p, dir, url, ids, pictures, pushers, rate, seconds, serial, pushedAt, toOutbox,
                        "paced at " + rate + " events/s in all");
                phase(p, dir, url, ids, pictures, pushers, 0, seconds, serial, pushedAt, toOutbox, "back to back");
            } finally {
                p.devices.remove(driver);
            }
        }
        p.stop();
        System.exit(0);
    }

    record Run(long ok, long other, long errors, long[] latencies) {
    }

    /** One measured run and its figures: what was stored, the answers, the guardian messages. */
    private static void phase(Platform p, Path dir, URI url, List<String> ids, List<byte[]> pictures, int pushers,
                              double rate, int seconds, AtomicInteger serial, Map<String, Long> pushedAt,
                              List<Long> toOutbox, String what) throws Exception {
        long settle = System.nanoTime() + 60_000_000_000L; // the messages of the run before
        while (count(p, "SELECT COUNT(*) FROM OUTBOX") < count(p, "SELECT COUNT(*) FROM PASSAGES")
                && System.nanoTime() < settle) {
            Thread.sleep(200);
        }
        toOutbox.clear();
        long before = count(p, "SELECT COUNT(*) FROM PASSAGES");
        long outboxBefore = count(p, "SELECT COUNT(*) FROM OUTBOX");
        String load0 = GateBench.load();
        Run r = run(url, ids, pictures, pushers, rate, seconds, serial, pushedAt);
        String load1 = GateBench.load();
        long wait = System.nanoTime() + 60_000_000_000L; // the last guardian messages
        while (count(p, "SELECT COUNT(*) FROM OUTBOX") - outboxBefore < r.ok && System.nanoTime() < wait) {
            Thread.sleep(200);
        }
        Thread.sleep(500);
        long stored = count(p, "SELECT COUNT(*) FROM PASSAGES") - before;
        long messages = count(p, "SELECT COUNT(*) FROM OUTBOX") - outboxBefore;
        long snapshots;
        try (Stream<Path> s = Files.walk(dir.resolve("snapshots"))) {
            snapshots = s.filter(Files::isRegularFile).count();
        }
        long[] o;
        synchronized (toOutbox) {
            o = toOutbox.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        System.out.printf(Locale.ROOT, "%s, %d s (load %s before, %s at the end):%n", what, seconds, load0, load1);
        System.out.printf(Locale.ROOT, "  answered 200: %d = %.1f events/s; other answers %d, failed pushes %d;"
                + " passages stored %d; snapshot files so far %d%n", r.ok, r.ok / (double) seconds, r.other,
                r.errors, stored, snapshots);
        System.out.printf(Locale.ROOT, "  push -> 200: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                GateBench.pct(r.latencies, 50), GateBench.pct(r.latencies, 99), GateBench.pct(r.latencies, 100));
        System.out.printf(Locale.ROOT, "  push -> guardian message in the outbox: p50 %.1f ms, p99 %.1f ms,"
                + " max %.1f ms (%d passages; %d outbox messages)%n", GateBench.pct(o, 50), GateBench.pct(o, 99),
                GateBench.pct(o, 100), o.length, messages);
    }

    /** P threads push for S seconds, each at rate/P events/s (0: back to back). */
    private static Run run(URI url, List<String> ids, List<byte[]> pictures, int pushers, double rate, int seconds,
                           AtomicInteger serial, Map<String, Long> pushedAt) throws InterruptedException {
        long[] lat = new long[2_000_000];
        AtomicInteger n = new AtomicInteger();
        AtomicLong ok = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(pushers);
        for (int t = 0; t < pushers; t++) {
            int tid = t;
            new Thread(() -> {
                long period = rate > 0 ? (long) (1e9 * pushers / rate) : 0;
                long next = System.nanoTime() + tid * (period / pushers);
                int k = 0;
                while (System.nanoTime() < end) {
                    if (period > 0) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        next += period;
                    }
                    String person = ids.get((k * pushers + tid) % ids.size());
                    byte[] picture = pictures.get((k + tid) % pictures.size());
                    k++;
                    Instant at = Instant.now();
                    String json = HikvisionStub.accessEvent(serial.incrementAndGet(), 75, person, 36.5, false,
                            ISAPI_TIME.format(at.atZone(ZONE)));
                    long t0 = System.nanoTime();
                    pushedAt.put(person + "@" + at.toEpochMilli(), t0);
                    try {
                        HttpResponse<String> answer = HikvisionStub.push(url, "AccessControllerEvent", json, picture);
                        long dt = System.nanoTime() - t0;
                        if (answer.statusCode() == 200) {
                            ok.incrementAndGet();
                            int i = n.getAndIncrement();
                            if (i < lat.length) {
                                lat[i] = dt;
                            }
                        } else {
                            other.incrementAndGet();
                            if (other.get() <= 3) {
                                System.out.println("answer " + answer.statusCode() + ": " + answer.body());
                            }
                        }
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 3) {
                            System.out.println("push failed: " + e);
                        }
                    }
                }
                done.countDown();
            }, "pusher-" + t).start();
        }
        done.await();
        long[] l = Arrays.copyOf(lat, Math.min(n.get(), lat.length));
        Arrays.sort(l);
        return new Run(ok.get(), other.get(), errors.get(), l);
    }

    /** The JPEG files of the test faces between min and max bytes. */
    static List<byte[]> pictures(Path faces, int min, int max) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(faces)) {
            for (Path f : s.filter(f -> f.toString().endsWith(".jpg")).sorted().toList()) {
                long size = Files.size(f);
                if (size >= min && size <= max) {
                    out.add(Files.readAllBytes(f));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no JPEG of " + min + "-" + max + " bytes under " + faces);
        }
        return out;
    }

    static long count(Platform p, String sql) {
        return p.db.tx(c -> Db.count(c, sql));
    }
}
