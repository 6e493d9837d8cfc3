package org.gatehouse.core.internal.face;

import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.core.testing.TestEngine;
import org.gatehouse.core.internal.store.Db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;

import javax.sql.DataSource;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.face.FaceStatus;
import org.gatehouse.api.face.FaceTemplate;
import org.gatehouse.api.face.Identification;
import org.gatehouse.api.recognition.FaceReasons;
import org.gatehouse.api.recognition.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaceServiceTest {
    private final DataSource ds = TestDb.newDataSource();
    private Platform p = TestDb.platform(ds, new TestDb.Channels());
    private final TestEngine onnx = new TestEngine("onnx", "test-a", false);

    @AfterEach
    void stop() {
        p.stop();
    }

    private static Frame png(TestEngine.Face... faces) {
        return new Frame(TestEngine.png(faces), "png");
    }

    private GatehouseException error(Runnable r) {
        return assertThrows(GatehouseException.class, r::run);
    }

    private void staff(int n) {
        p.persons.savePerson(new Person("s" + n, "Staff " + n, PersonRole.STAFF, null, null, null, null), "admin");
    }

    private long auditCount(String action) {
        return p.audit.query("person", null, null, 0, 500).items().stream().filter(e -> e.action().equals(action))
                .count();
    }

    private long photos() {
        return p.db.tx(c -> Db.count(c, "SELECT COUNT(*) FROM FACE_PHOTOS"));
    }

    @Test
    void noEngineIsUnavailable() {
        staff(1);
        GatehouseException e = error(() -> p.faces.enroll("s1", png(TestEngine.face(1, 0)), "admin"));
        assertEquals(FaceReasons.NO_ENGINE, e.code());
        assertEquals(GatehouseException.Kind.UNAVAILABLE, e.kind());
        assertEquals(FaceReasons.NO_ENGINE, error(() -> p.faces.identify(png(TestEngine.face(1, 0)), "gate", 5)).code());
        assertFalse(p.faces.status().engineAvailable());
        p.faces.engineAdded("opencv", new TestEngine("opencv", "test-b", false));
        assertEquals(FaceReasons.NO_ENGINE, error(() -> p.faces.activeEngine()).code(), "only the configured id");
    }

    /** The licence-clean model set (dlib ResNet, cosines near 1) is judged with its own thresholds, by model id. */
    @Test
    void theCleanModelSetHasThresholdsOfItsOwn() {
        p.faces.engineAdded("onnx", new TestEngine("onnx", "dlib-resnet-v1@6b6d28cb459e", false));
        staff(1);
        p.faces.enroll("s1", png(TestEngine.face(1, 0)), "admin");
        Identification id = p.faces.identify(png(TestEngine.face(1, 9)), "gate", 1);
        assertEquals("dlib-resnet-v1@6b6d28cb459e", id.modelId());
        assertEquals(0.93f, id.threshold());
        assertEquals(0.93f, p.faces.threshold("gate"));
        assertEquals(0.94f, p.faces.threshold("watchlist"));
        p.faces.configure(new FaceSettings("onnx", 0.45f, 0.45f, 0.5f, 80, 40, 30, 35, true, 5, 2, 0.96f, 0.95f, 0.97f));
        assertEquals(0.96f, p.faces.identify(png(TestEngine.face(1, 9)), "gate", 1).threshold());
        assertEquals(0.95f, p.faces.threshold("visitor"));
    }

    @Test
    void modelCatalogueFollowsTheActiveEngine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("a.onnx"), "a");
        java.nio.file.Files.writeString(dir.resolve("models.json"), "{\"sets\":[{\"id\":\"legacy\",\"description\":"
                + "\"old\",\"licence\":\"unknown\",\"default\":true}],\"models\":[{\"file\":\"a.onnx\",\"npm\":\"p\","
                + "\"version\":\"1\",\"path\":\"a\",\"sha256\":\"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb\","
                + "\"set\":\"legacy\",\"role\":\"embedding\",\"licence\":\"unknown\",\"note\":\"n\"}]}");
        p.faces.modelCatalog(new ModelCatalog(dir));
        assertEquals("none", p.faces.models().activeSet());
        p.faces.engineAdded("onnx", onnx, ModelCatalog.EngineFiles.of(new String[] {dir.resolve("a.onnx").toString()},
                null));
        TestEngine other = new TestEngine("opencv", "test-b", false);
        p.faces.engineAdded("opencv", other, ModelCatalog.EngineFiles.of(new String[] {"/elsewhere/b.onnx"}, null));
        assertEquals("legacy", p.faces.models().activeSet());
        assertEquals("a.onnx unknown", p.faces.models().activeLicence());
        assertTrue(p.faces.models().files().get(0).sha256Ok());
        p.faces.configure(new FaceSettings("opencv", 0.45f, 0.45f, 0.50f, 80, 40, 30f, 35f, true, 5, 2));
        assertEquals("custom", p.faces.models().activeSet(), "the other engine's file is not in models.json");
        p.faces.engineRemoved("opencv", other);
        assertEquals("none", p.faces.models().activeSet());
    }

    @Test
    void enrollIdentifyAndDeleteWithoutRestart() throws Exception {
        p.faces.engineAdded("onnx", onnx);
        for (int n = 1; n <= 20; n++) {
            staff(n);
            p.faces.enroll("s" + n, png(TestEngine.face(n, 0)), "admin");
        }
        p.faces.enroll("s7", png(TestEngine.face(7, 1)), "admin");
        assertEquals(2, p.faces.templates("s7").size());
        assertEquals(21, auditCount("face-enroll"));

        Identification id = p.faces.identify(png(TestEngine.face(7, 9)), "gate", 3);
        assertEquals(3, id.candidates().size());
        assertEquals("s7", id.candidates().get(0).personId());
        assertEquals("Staff 7", id.candidates().get(0).name());
        assertTrue(id.candidates().get(0).score() > 0.9f, "same identity: " + id.candidates().get(0).score());
        assertTrue(id.candidates().get(1).score() < 0.6f, "other identities: " + id.candidates().get(1).score());
        assertNotNull(id.best());
        assertEquals("test-a", id.modelId());
        assertEquals(200, id.quality().faceSize());

        // a stranger matches nobody at the threshold
        Identification stranger = p.faces.identify(png(TestEngine.face(999, 0)), "gate", 5);
        assertNull(stranger.best());
        assertFalse(stranger.candidates().stream().anyMatch(c -> c.matched()));

        // thresholds are per use
        p.faces.configure(new FaceSettings("onnx", 0.5f, 0.5f, 0.999f, 80, 40, 30, 35, true, 5, 2));
        assertNull(p.faces.identify(png(TestEngine.face(7, 9)), "watchlist", 1).best());
        assertEquals(0.999f, p.faces.threshold("watchlist"));
        assertEquals("unknown-use", error(() -> p.faces.identify(png(TestEngine.face(7, 9)), "door", 1)).code());

        // delete one template: the other one of s7 still identifies; delete all: s7 is gone at once
        FaceTemplate first = p.faces.templates("s7").get(0);
        p.faces.delete(first.id(), "admin");
        assertEquals(1, p.faces.templates("s7").size());
        assertEquals("s7", p.faces.identify(png(TestEngine.face(7, 9)), "gate", 1).candidates().get(0).personId());
        assertEquals(1, p.faces.deletePerson("s7", "admin"));
        assertFalse(p.faces.identify(png(TestEngine.face(7, 9)), "gate", 5).candidates().stream()
                .anyMatch(c -> c.personId().equals("s7")));
        assertEquals("unknown-template", error(() -> p.faces.delete(first.id(), "admin")).code());
        assertEquals(1, auditCount("face-delete"));
        assertEquals(1, auditCount("face-delete-all"));

        // deleting the person (PersonService) removes their faces from the index too
        p.persons.deletePerson("s8", "admin");
        assertFalse(p.faces.identify(png(TestEngine.face(8, 2)), "gate", 5).candidates().stream()
                .anyMatch(c -> c.personId().equals("s8")));

        // the index is rebuilt from the store at the next start
        p.stop();
        p = TestDb.platform(ds, new TestDb.Channels());
        p.faces.engineAdded("onnx", onnx);
        p.faces.awaitIdle(10_000);
        assertEquals(18, p.faces.status().indexed());
        assertEquals("s3", p.faces.identify(png(TestEngine.face(3, 5)), "gate", 1).best().personId());
    }

    @Test
    void badInputIsRejectedWithReasonsAndStoresNothing() {
        p.faces.engineAdded("onnx", onnx);
        staff(1);
        Map<String, Frame> bad = new java.util.LinkedHashMap<>();
        bad.put(FaceReasons.IMAGE_EMPTY, new Frame(new byte[0], "jpeg"));
        bad.put(FaceReasons.IMAGE_UNDECODABLE, new Frame("hello, not an image".getBytes(), null));
        byte[] good = TestEngine.png(TestEngine.face(1, 0));
        bad.put(FaceReasons.IMAGE_UNDECODABLE + " (truncated)", new Frame(Arrays.copyOf(good, good.length / 2), "png"));
        bad.put(FaceReasons.NO_FACE, png());
        bad.put(FaceReasons.FACE_TOO_SMALL, png(new TestEngine.Face(12, 300, 0, TestEngine.identity(1, 0, 0))));
        bad.put(FaceReasons.FACE_BLURRED, png(new TestEngine.Face(200, 10, 0, TestEngine.identity(1, 0, 0))));
        bad.put(FaceReasons.FACE_OFF_FRONTAL, png(new TestEngine.Face(200, 300, 60, TestEngine.identity(1, 0, 0))));
        bad.put(FaceReasons.SEVERAL_FACES, png(TestEngine.face(1, 0), new TestEngine.Face(120, 300, 0,
                TestEngine.identity(2, 0, 0))));
        for (Map.Entry<String, Frame> e : bad.entrySet()) {
            GatehouseException ex = error(() -> p.faces.enroll("s1", e.getValue(), "admin"));
            assertEquals(e.getKey().split(" ")[0], ex.code(), e.getKey());
            assertEquals(GatehouseException.Kind.INVALID, ex.kind());
        }
        assertEquals(0, photos(), "nothing stored");
        assertEquals(0, auditCount("face-enroll"));
        // a small second face in the background is fine; the engine keeps serving
        p.faces.enroll("s1", png(TestEngine.face(1, 0), new TestEngine.Face(60, 300, 0, TestEngine.identity(2, 0, 0))),
                "admin");
        assertEquals(1, photos());
        assertEquals("unknown-person", error(() -> p.faces.enroll("nobody", png(TestEngine.face(1, 0)), "a")).code());
        // a probe whose faces are all too small
        assertEquals(FaceReasons.FACE_TOO_SMALL, error(() -> p.faces.identify(png(new TestEngine.Face(20, 300, 0,
                TestEngine.identity(1, 0, 0))), "gate", 1)).code());
        // too many photos
        p.faces.configure(new FaceSettings("onnx", 0.5f, 0.5f, 0.5f, 80, 40, 30, 35, true, 1, 2));
        assertEquals("too-many-templates", error(() -> p.faces.enroll("s1", png(TestEngine.face(1, 1)), "a")).code());
    }

    @Test
    void studentsNeedGuardianConsentAndWithdrawalDeletesTheirFaces() {
        p.faces.engineAdded("onnx", onnx);
        p.persons.savePerson(new Person("stu", "张小明", PersonRole.STUDENT, null, null, null, "3-2"), "admin");
        p.persons.savePerson(new Person("g1", "Father", PersonRole.GUARDIAN, "+8613800000001", null, null, null), "a");
        p.persons.savePerson(new Person("g2", "Stranger", PersonRole.GUARDIAN, "+8613800000002", null, null, null), "a");
        p.persons.bind(new GuardianBinding("g1", "stu", "father", "sms", false), "admin");

        GatehouseException e = error(() -> p.faces.enroll("stu", png(TestEngine.face(1, 0)), "admin"));
        assertEquals("consent-required", e.code());
        assertEquals(0, photos());
        assertEquals("not-guardian", error(() -> p.faces.recordConsent("stu", "g2", true, "admin")).code());
        assertEquals("bad-role", error(() -> p.faces.recordConsent("g1", "g2", true, "admin")).code());

        p.faces.recordConsent("stu", "g1", true, "admin");
        assertTrue(p.faces.consent("stu").orElseThrow().granted());
        assertTrue(p.persons.guardians("stu").get(0).consent(), "the binding shows the consent");
        p.faces.enroll("stu", png(TestEngine.face(1, 0)), "admin");
        assertEquals("stu", p.faces.identify(png(TestEngine.face(1, 3)), "gate", 1).best().personId());

        p.faces.recordConsent("stu", "g1", false, "admin");
        assertEquals(0, p.faces.templates("stu").size());
        assertEquals(0, photos());
        assertTrue(p.faces.identify(png(TestEngine.face(1, 3)), "gate", 1).candidates().isEmpty());
        assertEquals(1, auditCount("face-consent-grant"));
        assertEquals(1, auditCount("face-consent-withdraw"));

        // consent given when the guardian was bound counts too; a withdrawal (above) wins over it
        assertEquals("consent-required", error(() -> p.faces.enroll("stu", png(TestEngine.face(1, 0)), "a")).code());
        p.persons.savePerson(new Person("stu2", "李小红", PersonRole.STUDENT, null, null, null, "3-2"), "admin");
        p.persons.bind(new GuardianBinding("g2", "stu2", "mother", "sms", true), "admin");
        p.faces.enroll("stu2", png(TestEngine.face(2, 0)), "admin");

        // consent can be switched off by configuration (e.g. a site with a paper process)
        p.faces.configure(new FaceSettings("onnx", 0.5f, 0.5f, 0.5f, 80, 40, 30, 35, false, 5, 2));
        p.faces.enroll("stu", png(TestEngine.face(1, 0)), "admin");
    }

    @Test
    void switchingTheEngineReenrollsFromStoredPhotosAndNeverMixesModels() throws Exception {
        p.faces.engineAdded("onnx", onnx);
        for (int n = 1; n <= 30; n++) {
            staff(n);
            p.faces.enroll("s" + n, png(TestEngine.face(n, 0)), "admin");
        }
        TestEngine opencv = new TestEngine("opencv", "test-b", true);
        p.faces.engineAdded("opencv", opencv);
        assertEquals("test-a", p.faces.status().modelId(), "still the configured engine");

        p.faces.configure(new FaceSettings("opencv", 0.5f, 0.5f, 0.5f, 80, 40, 30, 35, true, 5, 2));
        p.faces.awaitIdle(30_000);
        FaceStatus st = p.faces.status();
        assertEquals("test-b", st.modelId());
        assertEquals(new FaceStatus.Reenrollment("test-b", 30, 30, 0, false), st.reenrollment());
        assertEquals(Map.of("test-a", 30L, "test-b", 30L), st.templatesPerModel());
        assertEquals(30, st.indexed());
        assertEquals("vector", st.searchKernel(), "surefire runs with the incubator module");
        assertEquals(30, opencv.analyzed, "each stored photo analysed once by the new engine");
        Identification id = p.faces.identify(png(TestEngine.face(12, 4)), "gate", 1);
        assertEquals("test-b", id.modelId());
        assertEquals("s12", id.best().personId());
        assertTrue(id.best().score() > 0.9f);

        // back to the first engine: nothing to re-enroll; its index (freed after the switch) reloads from the store
        p.faces.configure(new FaceSettings("onnx", 0.5f, 0.5f, 0.5f, 80, 40, 30, 35, true, 5, 2));
        p.faces.awaitIdle(30_000);
        assertEquals("test-a", p.faces.identify(png(TestEngine.face(12, 4)), "gate", 1).modelId());
        // engines come and go
        p.faces.engineRemoved("onnx", onnx);
        assertEquals(FaceReasons.NO_ENGINE, error(() -> p.faces.identify(png(TestEngine.face(1, 0)), "gate", 1)).code());
        assertEquals(java.util.List.of("opencv"), p.faces.status().availableEngines());
    }

    @Test
    void anEngineThatFailsDuringReenrollmentResumesWhenItComesBack() throws Exception {
        p.faces.engineAdded("onnx", onnx);
        for (int n = 1; n <= 5; n++) {
            staff(n);
            p.faces.enroll("s" + n, png(TestEngine.face(n, 0)), "admin");
        }
        // the new engine is closed under our feet after two photos (as a DS restart on a config change does)
        TestEngine closing = new TestEngine("opencv", "test-b", true) {
            @Override
            public java.util.List<org.gatehouse.api.recognition.AnalyzedFace> analyze(
                    org.gatehouse.api.recognition.Frame frame) {
                if (analyzed >= 2) {
                    throw new IllegalStateException("model fr-detect.onnx is closed");
                }
                return super.analyze(frame);
            }
        };
        p.faces.engineAdded("opencv", closing);
        p.faces.configure(new FaceSettings("opencv", 0.5f, 0.5f, 0.5f, 80, 40, 30, 35, true, 5, 2));
        p.faces.awaitIdle(30_000);
        FaceStatus st = p.faces.status();
        assertEquals(2L, st.templatesPerModel().get("test-b"));
        assertEquals(new FaceStatus.Reenrollment("test-b", 5, 2, 0, false), st.reenrollment(),
                "an engine failure is not counted against the photos");

        // the restarted engine (a new service object) re-enrolls the three photos left, and nothing twice
        p.faces.engineRemoved("opencv", closing);
        TestEngine restarted = new TestEngine("opencv", "test-b", true);
        p.faces.engineAdded("opencv", restarted);
        p.faces.awaitIdle(30_000);
        st = p.faces.status();
        assertEquals(5L, st.templatesPerModel().get("test-b"));
        assertEquals(5, st.indexed());
        assertEquals(3, restarted.analyzed);
        assertEquals("s4", p.faces.identify(png(TestEngine.face(4, 2)), "gate", 1).best().personId());
    }
}
