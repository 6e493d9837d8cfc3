package org.gatehouse.core.internal.watchlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.EventQuery;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.access.GateDecision;
import org.gatehouse.api.access.RosterEntry;
import org.gatehouse.api.access.TerminalEvent;
import org.gatehouse.api.face.FaceTemplate;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.watchlist.WatchlistEntry;
import org.gatehouse.api.watchlist.WatchlistHit;
import org.gatehouse.api.watchlist.WatchlistImport;
import org.gatehouse.api.watchlist.WatchlistRequest;
import org.gatehouse.api.watchlist.WatchlistStats;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.access.GateSettings;
import org.gatehouse.core.internal.face.FaceSettings;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.core.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watchlist on a real Derby store with the deterministic test engine: entries, the gallery partition, gate hits
 * (decide and terminal events), expiry, the enrolled-person check, feedback, figures and bulk imports. The same path
 * with the real ONNX engine and real photos is {@link WatchlistRealFacesTest}.
 */
public class WatchlistServiceTest {
    private static final int WANTED = 9;
    private final Platform p = TestDb.platform(TestDb.newDataSource(), new TestDb.Channels());
    private final Path dir = Path.of("target/test-snapshots/" + UUID.randomUUID()).toAbsolutePath();

    WatchlistServiceTest() {
        p.passages.configure(new GateSettings(dir, 30, 37.3f, ZoneId.of("Asia/Shanghai")));
        p.passages.background(Runnable::run); // terminal pictures screened before record() returns
        p.faces.engineAdded("onnx", new TestEngine("onnx", "test-a", false));
        p.sites.saveSite(new Site("s1", "School 1", "Asia/Shanghai", null), "test");
        p.sites.saveZone(new Zone("main-gate", "s1", "Main gate", ZoneKind.GATE, false, List.of()), "test");
        p.sites.saveDevice(new Device("gate-in", "s1", "main-gate", "facegate", "http", "Gate in",
                DeviceStatus.UNKNOWN, Map.of("direction", "in", "roster.roles", "student,staff,watchlist")), "test");
        p.persons.savePerson(new Person("g1", "Guardian", PersonRole.GUARDIAN, "+8613800000001", null, "zh-CN", null),
                "admin");
        p.persons.savePerson(new Person("stu1", "Student One", PersonRole.STUDENT, null, null, null, "3-2"), "admin");
        p.persons.bind(new GuardianBinding("g1", "stu1", "mother", "sms", false), "admin");
        p.faces.recordConsent("stu1", "g1", true, "admin");
        p.faces.enroll("stu1", face(1, 0), "admin");
    }

    @AfterEach
    void stop() {
        p.stop();
    }

    static Frame face(int identity, int photo) {
        return new Frame(TestEngine.png(TestEngine.face(identity, photo)), "png");
    }

    private WatchlistEntry wanted(Instant expires) {
        WatchlistEntry e = p.watchlist.create(new WatchlistRequest("Zhang San", "police notice: theft", null,
                "GA-2026-117", expires), "sec");
        p.watchlist.addFace(e.id(), face(WANTED, 0), "sec");
        return e;
    }

    private static GatehouseException error(Runnable r) {
        return assertThrows(GatehouseException.class, r::run);
    }

    @Test
    void aWatchlistFaceAtTheGateIsDeniedRecordedAndPublishedCritical() {
        WatchlistEntry e = wanted(null);
        assertTrue(e.id().startsWith("wl-"), e.id());
        assertEquals(WatchlistEntry.RISK_HIGH, e.risk(), "no risk given: high");
        assertEquals(PersonRole.WATCHLIST, p.persons.person(e.id(), null).orElseThrow().role());
        assertEquals(1, p.watchlist.entry(e.id()).orElseThrow().faces());

        GateDecision d = p.passages.decide("gate-in", face(WANTED, 1), null, null);
        assertFalse(d.open());
        assertEquals(GateDecision.REASON_WATCHLIST, d.reason());
        List<WatchlistHit> hits = p.watchlist.hits(e.id(), 0, 10).items();
        assertEquals(1, hits.size());
        WatchlistHit h = hits.get(0);
        assertEquals("Zhang San", h.name());
        assertEquals("gate-in", h.deviceId());
        assertEquals(d.passage().id(), h.passageId());
        assertTrue(h.score() >= p.faces.threshold("watchlist"), "score " + h.score());

        SecurityEvent ev = p.events.get("watchlist-hit-" + h.id()).orElseThrow();
        assertEquals("watchlist.hit", ev.type());
        assertEquals(Severity.CRITICAL, ev.severity());
        assertEquals(e.id(), ev.attributes().get("alarm.source"), "one alarm per entry");
        assertEquals(Long.toString(h.id()), ev.attributes().get("hitId"));
        assertEquals("passages/" + d.passage().id() + "/snapshot", ev.snapshotRef());
        assertEquals(1, p.watchlist.entry(e.id()).orElseThrow().hits());

        // the student still passes: nobody else is taken for the watchlist
        GateDecision student = p.passages.decide("gate-in", face(1, 1), null, null);
        assertEquals("stu1", student.personId());
        assertEquals(1, p.watchlist.hits(null, 0, 10).total());
    }

    @Test
    void theWatchlistIsAGalleryOfItsOwnAndStaysOneAfterReenrollment() throws Exception {
        WatchlistEntry e = wanted(null);
        assertNull(p.faces.identify(face(WANTED, 1), "gate", 5).candidates().stream()
                .filter(c -> c.personId().equals(e.id())).findAny().orElse(null), "never found by the gate");
        assertEquals(e.id(), p.faces.identify(face(WANTED, 1), "watchlist", 1).best().personId());
        assertTrue(p.faces.identify(face(1, 1), "watchlist", 5).candidates().stream()
                .noneMatch(c -> c.personId().equals("stu1")), "the watchlist search finds only the watchlist");

        // another model: every photo is enrolled again, each into its own partition
        p.faces.engineAdded("opencv", new TestEngine("opencv", "test-b", true));
        p.faces.configure(new FaceSettings("opencv", 0.45f, 0.45f, 0.5f, 80, 40, 30, 35, true, 5, 2));
        p.faces.awaitIdle(10_000);
        assertEquals("test-b", p.faces.identify(face(WANTED, 1), "watchlist", 1).modelId());
        assertEquals(e.id(), p.faces.identify(face(WANTED, 1), "watchlist", 1).best().personId());
        assertTrue(p.faces.identify(face(WANTED, 1), "gate", 5).candidates().stream()
                .noneMatch(c -> c.personId().equals(e.id())));
        assertEquals(GateDecision.REASON_WATCHLIST, p.passages.decide("gate-in", face(WANTED, 2), null, null)
                .reason());
    }

    @Test
    void anExpiredEntryNoLongerMatches() {
        Instant expires = Instant.now().plus(Duration.ofMinutes(30));
        WatchlistEntry e = wanted(expires);
        assertTrue(p.watchlist.match(p.faces.probe(face(WANTED, 1)), Instant.now()).isPresent());
        assertTrue(p.watchlist.match(p.faces.probe(face(WANTED, 1)), expires.plusSeconds(1)).isEmpty());
        GateDecision later = p.passages.decide("gate-in", face(WANTED, 1), null, expires.plusSeconds(60));
        assertFalse(GateDecision.REASON_WATCHLIST.equals(later.reason()), later.toString());
        assertEquals(0, p.watchlist.hits(e.id(), 0, 10).total());
        assertEquals(1, p.watchlist.entries(null, true, 0, 10).total(), "still active now");
    }

    @Test
    void aPhotoOfAnEnrolledStudentIsRefusedWithTheirName() {
        WatchlistEntry e = p.watchlist.create(new WatchlistRequest("Someone", "notice", "low", null, null), "sec");
        GatehouseException x = error(() -> p.watchlist.addFace(e.id(), face(1, 2), "sec"));
        assertEquals("enrolled-person", x.code());
        assertEquals(GatehouseException.Kind.CONFLICT, x.kind());
        assertTrue(x.getMessage().contains("Student One") && x.getMessage().contains("stu1"), x.getMessage());
        assertEquals(0, p.watchlist.faces(e.id()).size(), "nothing stored");
        assertEquals("no-face", error(() -> p.watchlist.addFace(e.id(), new Frame(TestEngine.png(), "png"), "sec"))
                .code());
    }

    @Test
    void aGuardianMayBePutOnTheWatchlist() {
        // a parent barred from the school (a court order) is enrolled as a guardian and goes on the watchlist too
        p.faces.enroll("g1", face(7, 0), "admin");
        WatchlistEntry e = p.watchlist.create(new WatchlistRequest("Barred parent", "court order", "medium", null,
                null), "sec");
        p.watchlist.addFace(e.id(), face(7, 1), "sec");
        assertEquals(1, p.watchlist.faces(e.id()).size());
    }

    @Test
    void badRequestsAreRefusedWithTheirCodes() {
        assertEquals("missing-name", error(() -> p.watchlist.create(new WatchlistRequest(" ", "r", null, null, null),
                "sec")).code());
        assertEquals("missing-reason", error(() -> p.watchlist.create(new WatchlistRequest("n", null, null, null,
                null), "sec")).code());
        assertEquals("bad-risk", error(() -> p.watchlist.create(new WatchlistRequest("n", "r", "extreme", null,
                null), "sec")).code());
        assertEquals("bad-expiry", error(() -> p.watchlist.create(new WatchlistRequest("n", "r", null, null,
                Instant.now().minusSeconds(5)), "sec")).code());
        assertEquals("unknown-entry", error(() -> p.watchlist.addFace("wl-404", face(WANTED, 0), "sec")).code());
        assertEquals(0, p.watchlist.entries(null, null, 0, 10).total(), "nothing stored");
        assertEquals(0, p.persons.persons(PersonRole.WATCHLIST, null, 0, 10).total());
    }

    @Test
    void entriesAreFoundUpdatedAndDeletedWithTheirPhotosButTheirHitsStay() {
        WatchlistEntry e = wanted(null);
        p.passages.decide("gate-in", face(WANTED, 1), null, null);
        assertEquals(1, p.watchlist.entries("ga-2026", null, 0, 10).total(), "by source, case-insensitive");
        assertEquals(0, p.watchlist.entries("nobody", null, 0, 10).total());
        assertEquals(0, p.watchlist.entries(null, false, 0, 10).total());
        WatchlistEntry u = p.watchlist.update(e.id(), new WatchlistRequest("Zhang San 2", "updated", "medium", null,
                null), "sec");
        assertEquals("medium", u.risk());
        assertEquals("Zhang San 2", p.persons.person(e.id(), null).orElseThrow().name());
        FaceTemplate t = p.watchlist.faces(e.id()).get(0);
        assertTrue(p.watchlist.facePhoto(e.id(), t.id(), "sec").length > 0);
        assertEquals("unknown-template", error(() -> p.watchlist.facePhoto(e.id(), t.id() + 1000, "sec")).code());

        p.watchlist.delete(e.id(), "sec");
        assertTrue(p.watchlist.entry(e.id()).isEmpty());
        assertTrue(p.persons.person(e.id(), null).isEmpty());
        assertTrue(p.watchlist.match(p.faces.probe(face(WANTED, 1)), null).isEmpty());
        assertEquals(1, p.watchlist.hits(e.id(), 0, 10).total(), "the hit stays");
        assertEquals(1, audits("watchlist-remove"));
    }

    @Test
    void theWatchlistNeverGoesToATerminalNorCountsAsAStudent() {
        WatchlistEntry e = wanted(null);
        List<RosterEntry> roster = p.roster.roster("gate-in");
        assertTrue(roster.stream().anyMatch(r -> r.personId().equals("stu1")));
        assertTrue(roster.stream().noneMatch(r -> r.personId().equals(e.id())), "even with roster.roles=watchlist");
        assertEquals(1, p.persons.persons(PersonRole.STUDENT, null, 0, 10).total());
    }

    @Test
    void aTerminalPictureOfAWatchlistFaceIsAHit() {
        WatchlistEntry e = wanted(null);
        GateDecision d = p.passages.record(new TerminalEvent("gate-in", "ev-1", null, false, null, null,
                TestEngine.png(TestEngine.face(WANTED, 3)), "png", Instant.now()));
        List<WatchlistHit> hits = p.watchlist.hits(e.id(), 0, 10).items();
        assertEquals(1, hits.size());
        assertEquals(d.passage().id(), hits.get(0).passageId());
        assertEquals(1, p.events.query(new EventQuery(null, null, "watchlist.hit", null, null, null, 0, 10)).total());
    }

    @Test
    void feedbackIsStoredOnTheHitBehindTheAlarmAndCountedInTheFigures() {
        WatchlistEntry e = wanted(null);
        p.passages.decide("gate-in", face(WANTED, 1), null, null);
        WatchlistHit h = p.watchlist.hits(null, 0, 10).items().get(0);
        Alarm alarm = p.alarms.raise(p.events.get("watchlist-hit-" + h.id()).orElseThrow(), "Watchlist: Zhang San");
        assertEquals(alarm.id(), p.watchlist.hit(h.id()).orElseThrow().alarmId(), "linked when raised");

        assertEquals("bad-verdict", error(() -> p.watchlist.feedback(alarm.id(), "maybe", null, "sec")).code());
        assertEquals(GatehouseException.Kind.NOT_FOUND, error(() -> p.watchlist.feedback(alarm.id() + 99, "false",
                null, "sec")).kind());
        p.sites.saveDevice(new Device("fence-1", "s1", "main-gate", "fence", "sim", "Fence", DeviceStatus.UNKNOWN,
                Map.of()), "test");
        Alarm fence = p.alarms.raise(new SecurityEvent(null, null, null, "fence-1", null, "fence.intrusion",
                Severity.MAJOR, Map.of(), null, null), null);
        assertEquals("not-a-watchlist-alarm", error(() -> p.watchlist.feedback(fence.id(), "false", null, "sec"))
                .code());

        WatchlistHit marked = p.watchlist.feedback(alarm.id(), "false", "his brother", "sec");
        assertEquals(WatchlistHit.FALSE, marked.verdict());
        assertEquals("his brother", marked.note());
        assertEquals("sec", marked.verdictBy());
        assertNotNull(marked.verdictAt());
        assertEquals(1, p.watchlist.entry(e.id()).orElseThrow().falseHits());
        assertEquals(1, audits("watchlist-feedback"));

        WatchlistStats s = p.watchlist.stats(null);
        assertEquals(0.5f, s.threshold());
        assertEquals(1, s.hits());
        assertEquals(1, s.falseHits());
        assertEquals(0, s.unreviewed());
        assertEquals(1.0, s.perEntry().get(0).falseHitRate());
        assertEquals(1, s.bins().stream().mapToInt(WatchlistStats.Bin::falseHits).sum());
        assertEquals(0.98f, s.bins().get(s.bins().size() - 1).from(), 1e-6);
        assertEquals(0, p.watchlist.stats(Instant.now().plus(1, ChronoUnit.HOURS)).hits());
    }

    @Test
    void figuresBinTheScoresByVerdict() {
        WatchlistStats s = WatchlistServiceImpl.stats(0.5f, List.of(new Object[] {"wl-1", "A", 0.51f, "false"},
                new Object[] {"wl-1", "A", 0.515f, "confirmed"}, new Object[] {"wl-1", "A", 0.9f, null},
                new Object[] {"wl-2", "B", 1.0f, "confirmed"}));
        assertEquals(4, s.hits());
        assertEquals(25, s.bins().size(), "0.50 .. 0.98");
        assertEquals(0.5f, s.bins().get(0).from(), 1e-6);
        assertEquals(1, s.bins().get(0).falseHits());
        assertEquals(1, s.bins().get(0).confirmed());
        assertEquals(1, s.bins().get(20).unreviewed());
        assertEquals(1, s.bins().get(24).confirmed(), "a score of 1.0 is in the last bin");
        assertEquals(0.5, s.perEntry().get(0).falseHitRate());
        assertEquals(0.0, s.perEntry().get(1).falseHitRate());
        assertTrue(WatchlistServiceImpl.stats(0.5f, List.of()).bins().isEmpty());
    }

    @Test
    void aZipImportCreatesTheGoodRowsAndReportsEachBadOne() throws Exception {
        String csv = "\uFEFFname,reason,risk,source,expires,photo\n"
                + "Li Si,notice 1,medium,GA-1,2099-01-01,photos/li.png\n"
                + ",no name,high,,,\n"
                + "Wang Wu,notice 3,low,,,photos/broken.jpg\n"
                + "Zhao Liu,notice 4,,,,\n"
                + "Stu,looks like a pupil,,,,photos/stu.png\n";
        byte[] zip = zip(Map.of("list/watchlist.csv", csv.getBytes(StandardCharsets.UTF_8),
                "list/photos/li.png", TestEngine.png(TestEngine.face(21, 0)),
                "list/photos/broken.jpg", "not an image at all".getBytes(StandardCharsets.UTF_8),
                "list/photos/stu.png", TestEngine.png(TestEngine.face(1, 4))));
        WatchlistImport job = await(p.watchlist.importZip(zip, "sec"));
        assertEquals("done", job.state());
        assertEquals(5, job.total());
        assertEquals(5, job.done());
        assertEquals(2, job.created(), job.errors().toString());
        assertEquals(3, job.errors().size(), job.errors().toString());
        assertTrue(job.errors().get(0).startsWith("3: missing-name"), job.errors().toString());
        assertTrue(job.errors().get(1).startsWith("4: "), job.errors().toString());
        assertTrue(job.errors().get(2).startsWith("6: enrolled-person"), job.errors().toString());
        WatchlistEntry li = p.watchlist.entries("Li Si", null, 0, 10).items().get(0);
        assertEquals(1, li.faces());
        assertEquals(Instant.parse("2099-01-01T00:00:00Z"), li.expires());
        assertEquals(2, p.watchlist.entries(null, null, 0, 10).total(), "the refused rows left nothing");
        assertEquals(2, p.persons.persons(PersonRole.WATCHLIST, null, 0, 10).total());
        assertTrue(p.watchlist.match(p.faces.probe(face(21, 1)), null).isPresent());
    }

    @Test
    void aFolderImportReadsItsCsvAndPhotosAndBadFilesAreRefusedAtOnce() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("import"));
        Files.writeString(folder.resolve("list.csv"), "name,reason,photo\nQian Qi,notice,q.png\nSun Ba,notice,"
                + "../outside.png\n");
        Files.write(folder.resolve("q.png"), TestEngine.png(TestEngine.face(22, 0)));
        Files.write(dir.resolve("outside.png"), TestEngine.png(TestEngine.face(23, 0)));
        WatchlistImport job = await(p.watchlist.importFolder(folder, "sec"));
        assertEquals(1, job.created(), job.errors().toString());
        assertTrue(job.errors().get(0).startsWith("3: photo-missing"), "no path out of the folder: " + job.errors());

        assertEquals("bad-zip", error(() -> p.watchlist.importZip("not a zip".getBytes(StandardCharsets.UTF_8),
                "sec")).code());
        assertEquals("import-no-csv", error(() -> p.watchlist.importZip(zip(Map.of("a.png", new byte[] {1})),
                "sec")).code());
        assertEquals("csv-header", error(() -> p.watchlist.importZip(zip(Map.of("a.csv",
                "name,why\nx,y\n".getBytes(StandardCharsets.UTF_8))), "sec")).code());
        assertEquals("csv-encoding", error(() -> p.watchlist.importZip(zip(Map.of("a.csv",
                "name,reason\n\u5f20\u4e09,x\n".getBytes(java.nio.charset.Charset.forName("GBK")))), "sec")).code());
        assertEquals("import-folder", error(() -> p.watchlist.importFolder(dir.resolve("nope"), "sec")).code());
        assertTrue(p.watchlist.importJob("imp-999").isEmpty());
    }

    private long audits(String action) {
        return p.audit.query(null, null, null, 0, 1000).items().stream().filter(a -> a.action().equals(action)).count();
    }

    private WatchlistImport await(WatchlistImport started) throws InterruptedException {
        assertEquals("running", started.state());
        for (int i = 0; i < 600; i++) {
            WatchlistImport j = p.watchlist.importJob(started.id()).orElseThrow();
            if (j.finished() != null) {
                return j;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the import did not finish");
    }

    /** @return a zip of the files (name -> bytes); also used by the REST tests */
    public static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
