package org.gatehouse.shell.internal;

import org.gatehouse.core.testing.TestEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceEvalTest {
    @TempDir
    Path dir;

    private void write(String rel, byte[] data) throws Exception {
        Path f = dir.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.write(f, data);
    }

    /** 5 identities x 3 photos, 2 group photos of 3 strangers each, one broken file and one faceless image. */
    private void dataset() throws Exception {
        for (int n = 1; n <= 5; n++) {
            for (int photo = 0; photo < 3; photo++) {
                write("person" + n + "/img" + photo + ".png", TestEngine.png(TestEngine.face(n, photo)));
            }
        }
        write("unknown/group1.png", TestEngine.png(TestEngine.face(100, 0), TestEngine.face(101, 0),
                TestEngine.face(102, 0)));
        write("unknown/group2.png", TestEngine.png(TestEngine.face(103, 0), TestEngine.face(104, 0),
                new TestEngine.Face(12, 300, 0, TestEngine.identity(105, 0, 0))));
        write("person5/broken.jpg", "not a jpeg".getBytes());
        write("person4/empty.png", TestEngine.png());
        write("person4/notes.txt", "ignored".getBytes());
    }

    @Test
    void reportsRank1TarFarAndHistogram() throws Exception {
        dataset();
        List<FaceEval.Sample> samples = FaceEval.scan(dir, null);
        assertEquals(19, samples.size(), "images only, txt ignored");
        int[] progress = {0};
        FaceEval.Result r = new FaceEval(new TestEngine("onnx", "test-a", false), 0.5f, 40).run(samples,
                (done, name) -> progress[0] = done);
        assertEquals(19, progress[0]);
        assertEquals(5, r.identities());
        assertEquals(10, r.genuine());
        assertEquals(10, r.rank1());
        assertEquals(10, r.trueAccepts());
        assertEquals(5, r.impostors(), "every face of the group photos of at least 40 px");
        assertEquals(0, r.falseAccepts());
        assertEquals(Map.of("image-undecodable", 1, "no-face", 1), r.skipped());
        assertEquals(10, java.util.Arrays.stream(r.genuineHist()).sum());
        assertEquals(5, java.util.Arrays.stream(r.impostorHist()).sum());
        assertTrue(r.worstGenuine() > 0.9f, "same identity scores high: " + r.worstGenuine());
        assertTrue(r.bestImpostor() < 0.6f, "strangers score low: " + r.bestImpostor());

        // a threshold above every genuine score accepts nothing: TAR 0
        FaceEval.Result strict = new FaceEval(new TestEngine("onnx", "test-a", false), 0.9999f, 40).run(samples, null);
        assertEquals(10, strict.rank1());
        assertEquals(0, strict.trueAccepts());
        // a threshold below every impostor score accepts them all: FAR 100%
        FaceEval.Result lax = new FaceEval(new TestEngine("onnx", "test-a", false), -1f, 40).run(samples, null);
        assertEquals(5, lax.falseAccepts());
        assertEquals(100.0, lax.far(), 1e-9);

        String en = FaceEval.report(r, "gate", FaceText.of("en"));
        assertTrue(en.contains("Rank-1 identification: 10 / 10 = 100.00%"), en);
        assertTrue(en.contains("False accepts of never-enrolled faces: 0 / 5 = 0.00%"), en);
        assertTrue(en.contains("not a readable image (image-undecodable)"), en);
        String zh = FaceEval.report(r, "gate", FaceText.of("zh-CN"));
        assertTrue(zh.contains("Rank-1 识别率：10 / 10 = 100.00%"), zh);
        assertTrue(zh.contains("未检测到人脸 (no-face)"), zh);
    }

    @Test
    void labelsCsvReplacesFolders() throws Exception {
        dataset();
        Path csv = dir.resolve("labels.csv");
        Files.writeString(csv, "path,label\nperson1/img0.png,alice\nperson1/img1.png,alice\nperson2/img0.png,bob\n"
                + "person2/img2.png,bob\nunknown/group1.png,\nmissing.png,carol\n");
        List<FaceEval.Sample> samples = FaceEval.scan(dir, csv);
        assertEquals(5, samples.size(), "missing files are left out");
        FaceEval.Result r = new FaceEval(new TestEngine("onnx", "test-a", false), 0.5f, 40).run(samples, null);
        assertEquals(2, r.identities());
        assertEquals(2, r.genuine());
        assertEquals(3, r.impostors());
    }

    @Test
    void progressBarRendersAndRedrawsInPlace() {
        assertEquals("[###############...............]  5/10  50% a.png", ProgressBar.render(5, 10, "a.png"));
        assertEquals("[..............................]   0/100   0%", ProgressBar.render(0, 100, null));
        assertEquals("[##############################] 0/0 100%", ProgressBar.render(0, 0, ""));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), 3);
        bar.update(1, "long-file-name.png");
        bar.update(3, "x");
        bar.finish();
        String s = out.toString(StandardCharsets.UTF_8);
        assertTrue(s.startsWith("\r[##########"), s);
        assertTrue(s.contains("\r[##############################] 3/3 100% x"), s);
        assertTrue(s.endsWith(System.lineSeparator()));
    }
}
