package org.gatehouse.shell.internal;

import org.gatehouse.core.testing.TestEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.face.Consent;
import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.face.FaceStatus;
import org.gatehouse.api.face.FaceTemplate;
import org.gatehouse.api.face.Identification;
import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.recognition.RecognitionEngine;
import org.gatehouse.api.service.PersonService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceImportTest {
    @TempDir
    Path dir;

    /** Enrollment through the test engine (real PNG decoding); the gallery itself is core's, tested there. */
    static final class Gallery implements FaceService {
        final TestEngine engine = new TestEngine("onnx", "test-a", false);
        final List<FaceTemplate> enrolled = new ArrayList<>();
        boolean down;
        /** What {@link #models()} answers; null: the interface's default (no catalogue). */
        org.gatehouse.api.face.FaceModels models;

        @Override
        public org.gatehouse.api.face.FaceModels models() {
            return models == null ? FaceService.super.models() : models;
        }

        @Override
        public FaceTemplate enroll(String personId, Frame photo, String actor) {
            if (down) {
                throw GatehouseException.unavailable("no-engine", "engine down", null);
            }
            List<AnalyzedFace> faces = engine.analyze(photo);
            if (faces.isEmpty()) {
                throw GatehouseException.invalid("no-face", "no face");
            }
            if (faces.get(0).quality().faceSize() < 80) {
                throw GatehouseException.invalid("face-too-small", "small");
            }
            FaceTemplate t = new FaceTemplate(enrolled.size() + 1, personId, "test-a", 1, faces.get(0).quality(),
                    Instant.now(), actor);
            enrolled.add(t);
            return t;
        }

        @Override
        public List<FaceTemplate> templates(String personId) {
            return enrolled.stream().filter(t -> t.personId().equals(personId)).toList();
        }

        @Override
        public void delete(long templateId, String actor) {
        }

        @Override
        public int deletePerson(String personId, String actor) {
            return 0;
        }

        @Override
        public Identification identify(Frame probe, String use, int topK) {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.gatehouse.api.face.Probe probe(Frame image) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Identification identify(org.gatehouse.api.face.Probe probe, String use, int topK) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FaceStatus status() {
            return new FaceStatus("onnx", true, "test-a", List.of("onnx"), Map.of("test-a", (long) enrolled.size()),
                    enrolled.size(), enrolled.size(), FaceStatus.Reenrollment.NONE, "vector");
        }

        @Override
        public float threshold(String use) {
            return 0.5f;
        }

        @Override
        public Consent recordConsent(String studentId, String guardianId, boolean granted, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Consent> consent(String studentId) {
            return Optional.empty();
        }

        @Override
        public RecognitionEngine activeEngine() {
            return engine;
        }
    }

    /** Persons s1..s3 exist. */
    static final class People implements PersonService {
        @Override
        public Page<Person> persons(PersonRole role, String group, int offset, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Person> person(String id, String reader) {
            return List.of("s1", "s2", "s3").contains(id) ? Optional.of(new Person(id, id, PersonRole.STAFF, null, null,
                    null, null)) : Optional.empty();
        }

        @Override
        public Person savePerson(Person person, String actor) {
            throw new AssertionError("an import creates nothing");
        }

        @Override
        public void deletePerson(String id, String actor) {
        }

        @Override
        public List<GuardianBinding> guardians(String studentId) {
            return List.of();
        }

        @Override
        public List<GuardianBinding> children(String guardianId) {
            return List.of();
        }

        @Override
        public List<GuardianBinding> bindings() {
            return List.of();
        }

        @Override
        public GuardianBinding bind(GuardianBinding binding, String actor) {
            return binding;
        }

        @Override
        public void unbind(String guardianId, String studentId, String actor) {
        }

        @Override
        public List<Contact> guardianContacts(String studentId) {
            return List.of();
        }

        @Override
        public List<Contact> zoneContacts(String zoneId) {
            return List.of();
        }
    }

    private void write(String rel, byte[] data) throws Exception {
        Path f = dir.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.write(f, data);
    }

    @Test
    void importMapsFoldersRejectsUnknownPersonsAndGroupsRejectsByReason() throws Exception {
        write("Zhang San/a.png", TestEngine.png(TestEngine.face(1, 0)));
        write("Zhang San/b.png", TestEngine.png(TestEngine.face(1, 1)));
        write("Li Si/a.png", TestEngine.png(TestEngine.face(2, 0)));
        write("Li Si/tiny.png", TestEngine.png(new TestEngine.Face(20, 300, 0, TestEngine.identity(2, 0, 0))));
        write("Li Si/bad.jpg", "garbage".getBytes());
        write("Nobody/a.png", TestEngine.png(TestEngine.face(3, 0)));
        write("Unmapped/a.png", TestEngine.png(TestEngine.face(4, 0)));
        Path csv = dir.resolve("map.csv");
        Files.writeString(csv, "folder,person\nZhang San,s1\nLi Si,s2\nNobody,ghost\n");
        // the csv sits in dir but is no folder: ignored by the scan
        Gallery g = new Gallery();
        List<FaceImporter.Job> jobs = FaceImporter.folders(dir, FaceImporter.map(csv));
        assertEquals(7, jobs.size());
        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        FaceImporter.Summary s = new FaceImporter(g, new People(), "admin").run(jobs,
                new PrintStream(bar, true, StandardCharsets.UTF_8));
        assertEquals(3, s.enrolled());
        assertEquals(List.of("s2", "s1", "s1"), g.enrolled.stream().map(FaceTemplate::personId).toList());
        assertEquals(Map.of("face-too-small", List.of("Li Si/tiny.png"), "image-undecodable", List.of("Li Si/bad.jpg"),
                "unknown-person", List.of("Nobody/a.png", "Unmapped/a.png")), s.rejects());
        assertTrue(bar.toString(StandardCharsets.UTF_8).contains("7/7 100%"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FaceImporter.print(s, FaceText.of("zh-CN"), new PrintStream(out, true, StandardCharsets.UTF_8), 1);
        String zh = out.toString(StandardCharsets.UTF_8);
        assertTrue(zh.contains("已登记 3 / 7 张照片"), zh);
        assertTrue(zh.contains("未通过 4 张"), zh);
        assertTrue(zh.contains("    2  人员不存在 (unknown-person)"), zh);
        assertTrue(zh.contains("Nobody/a.png") && !zh.contains("Unmapped/a.png") && zh.contains("..."),
                "one example per reason: " + zh);
    }

    @Test
    void noEngineStopsTheImportWithOneReason() throws Exception {
        write("s1/a.png", TestEngine.png(TestEngine.face(1, 0)));
        write("s1/b.png", TestEngine.png(TestEngine.face(1, 1)));
        write("s2/a.png", TestEngine.png(TestEngine.face(2, 0)));
        Gallery g = new Gallery();
        g.down = true;
        FaceImporter.Summary s = new FaceImporter(g, new People(), "admin").run(FaceImporter.folders(dir, null), null);
        assertEquals(0, s.enrolled());
        assertEquals(Map.of("no-engine", List.of("s1/a.png", "s1/b.png", "s2/a.png")), s.rejects());
    }

    @Test
    void statusTextShowsEngineThresholdsAndProgress() {
        Gallery g = new Gallery();
        FaceStatus st = new FaceStatus("opencv", false, null, List.of("onnx"), Map.of("m1", 3L), 0, 3,
                new FaceStatus.Reenrollment("m2", 4, 1, 0, true), "scalar");
        String text = FaceStatusCommand.text(st, g);
        assertTrue(text.contains("opencv (NOT running; available: onnx)"), text);
        assertTrue(text.contains("gate=0.5 visitor=0.5 watchlist=0.5"), text);
        assertTrue(text.contains("Re-enrollment for m2: [#######"), text);
        assertTrue(text.contains("1/4  25% running"), text);
        assertTrue(text.contains("Search:       scalar"), text);
    }
}
