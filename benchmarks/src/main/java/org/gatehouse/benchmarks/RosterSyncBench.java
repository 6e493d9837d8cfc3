package org.gatehouse.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.Site;
import org.gatehouse.api.access.SyncSummary;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.Publisher;
import org.gatehouse.core.internal.access.roster.RosterServiceImpl;
import org.gatehouse.core.internal.store.Db;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.device.gate.hikvision.internal.HikvisionBenchTerminal;
import org.gatehouse.device.gate.zkteco.internal.ZkBenchTerminal;

/**
 * A first roster sync to one face terminal: the core's real {@code RosterService} ({@link Platform} on an embedded
 * Derby) with P staff persons, each with a stored face photo (a real JPEG, inserted into FACE_PHOTOS directly; staff,
 * so no consent is needed), synced through the real drivers to their stub terminals, one terminal at a time:
 *
 * <ul>
 * <li>{@code hik5}: Hikvision (ISAPI, Digest, one user + one face request per person) at the default
 * {@code sync.max.per.second} = 5, on the first L persons (a device whose {@code roster.groups} holds only them);
 * <li>{@code hik1000}: the same at 1000 persons/s for all P;
 * <li>{@code zk5}: ZKTeco (PUSH: commands handed out at the terminal's polls) at the defaults (5 persons/s,
 * {@code sync.in.flight} 50, {@code commands.per.request} 50, {@code commands.max.kb} 1024), polling every
 * {@code pollMillis}, on the first L persons;
 * <li>{@code zk1000}: the same at 1000 persons/s for all P.
 * </ul>
 *
 * Reports the time from attach to every person SYNCED, persons/s, and for ZKTeco the polls needed.
 *
 * <p>Usage: {@code RosterSyncBench PHOTO_JPEG [persons=5000] [limited=300] [pollMillis=1000]
 * [scenarios=hik5,hik1000,zk5,zk1000]}
 */
public final class RosterSyncBench {
    private static final int PER_GROUP = 100;
    private static final Set<String> SCENARIOS = Set.of("hik5", "hik1000", "zk5", "zk1000");

    private RosterSyncBench() {
    }

    /** A stub terminal with its real driver attached to the core, for the time of one scenario. */
    public interface Terminal extends AutoCloseable {
        /** @return the faces the terminal holds */
        int faces();

        /** @return what the sync took, for the report (requests, polls) */
        String extra();
    }

    public static void main(String[] args) throws Exception {
        byte[] photo = Files.readAllBytes(Path.of(args[0]));
        int persons = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int limited = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        long pollMillis = args.length > 3 ? Long.parseLong(args[3]) : 1000;
        List<String> scenarios = List.of((args.length > 4 ? args[4] : "hik5,hik1000,zk5,zk1000").split(","));
        if (!SCENARIOS.containsAll(scenarios)) {
            throw new IllegalArgumentException("scenarios are " + SCENARIOS + ", not " + scenarios);
        }
        Path dir = Files.createTempDirectory(Files.createDirectories(target()), "bench-roster");
        DataSource ds = TestDb.dataSource(new File(dir.toFile(), "db").getAbsolutePath());
        Platform p = new Platform(ds, Publisher.NONE, new TestDb.Channels(), Platform.Settings.defaults());
        p.sites.saveSite(new Site("bench", "Bench school", "Asia/Shanghai", null), "bench");
        List<String> few = new ArrayList<>();
        for (int g = 0; g * PER_GROUP < limited; g++) {
            few.add(group(g));
        }
        for (String s : scenarios) {
            Map<String, String> props = s.endsWith("1000") ? Map.of("direction", "in")
                    : Map.of("direction", "in", RosterServiceImpl.GROUPS, String.join(",", few));
            p.sites.saveDevice(new Device("gate-" + s, "bench", null, "facegate", s.startsWith("hik") ? "hikvision"
                    : "zkteco", s, DeviceStatus.UNKNOWN, props), "bench");
        }
        long s0 = System.nanoTime();
        for (int i = 0; i < persons; i++) {
            p.persons.savePerson(new Person(String.format("t%05d", i), "教职工 " + i, PersonRole.STAFF, null, null,
                    "zh-CN", group(i / PER_GROUP)), "bench");
        }
        storePhotos(ds, persons, photo);
        System.out.printf(Locale.ROOT, "seeded %d staff with a %d-byte JPEG face photo each in %.1f s; %d cores%n",
                persons, photo.length, (System.nanoTime() - s0) / 1e9, Runtime.getRuntime().availableProcessors());
        p.start();
        for (String s : scenarios) {
            String device = "gate-" + s;
            int desired = p.roster.roster(device).size();
            int perSecond = s.endsWith("1000") ? 1000 : 5;
            System.out.printf(Locale.ROOT, "%s: the roster lists %d persons; sync.max.per.second %d -> the limit"
                    + " alone implies %.0f s; load %s%n", s, desired, perSecond, desired / (double) perSecond,
                    GateBench.load());
            long t0 = System.nanoTime();
            try (Terminal t = attach(p, s, device, perSecond, pollMillis, dir)) {
                long limit = t0 + (long) ((desired / (double) perSecond) * 3 + 300) * 1_000_000_000L;
                while (synced(p, device) < desired && System.nanoTime() < limit) {
                    Thread.sleep(100);
                }
                double sec = (System.nanoTime() - t0) / 1e9;
                SyncSummary sum = p.roster.summary(device);
                System.out.printf(Locale.ROOT, "%s: %d of %d SYNCED in %.1f s = %.1f persons/s (summary synced %d,"
                                + " failed %d, pending %d; faces on the terminal %d)%s; load %s%n", s,
                        synced(p, device), desired, sec, desired / sec, sum.synced(), sum.failed(), sum.pending(),
                        t.faces(), t.extra(), GateBench.load());
            }
        }
        p.stop();
        System.exit(0);
    }

    private static Terminal attach(Platform p, String scenario, String device, int perSecond, long pollMillis,
                                   Path dir) throws Exception {
        return scenario.startsWith("hik") ? HikvisionBenchTerminal.attach(p, device, perSecond)
                : ZkBenchTerminal.attach(p, device, "BENCH" + scenario.toUpperCase(Locale.ROOT), perSecond,
                pollMillis, dir);
    }

    private static String group(int g) {
        return String.format("g-%02d", g);
    }

    private static int synced(Platform p, String device) {
        return (int) (long) p.db.tx(c -> Db.count(c, "SELECT COUNT(*) FROM GATE_SYNC WHERE DEVICE_ID = ? AND STATE"
                + " = 'SYNCED'", device));
    }

    /** One FACE_PHOTOS row per person, as an enrolment stores it (no templates: terminals recognise themselves). */
    private static void storePhotos(DataSource ds, int persons, byte[] photo) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));
        long now = System.currentTimeMillis();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ph = c.prepareStatement("INSERT INTO FACE_PHOTOS (PERSON_ID, FORMAT, DATA, SHA256,"
                    + " CREATED_MS, CREATED_BY) VALUES (?,?,?,?,?,?)")) {
                for (int i = 0; i < persons; i++) {
                    ph.setString(1, String.format("t%05d", i));
                    ph.setString(2, "jpg");
                    ph.setBytes(3, photo);
                    ph.setString(4, sha);
                    ph.setLong(5, now);
                    ph.setString(6, "bench");
                    ph.addBatch();
                    if (i % 500 == 499) {
                        ph.executeBatch();
                    }
                }
                ph.executeBatch();
            }
            c.commit();
        }
    }

    /** @return {@code benchmarks/target}, whether run from the repository root or from benchmarks/ */
    public static Path target() {
        Path here = Path.of("benchmarks", "pom.xml");
        return (Files.isRegularFile(here) ? Path.of("benchmarks", "target") : Path.of("target")).toAbsolutePath();
    }
}
