package org.gatehouse.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Embedding;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.recognition.RecognitionEngine;

/**
 * Accuracy of an engine on labelled folders, without touching the gallery: one image per identity is enrolled in
 * memory, the other images of the identity are probes (rank-1, true accepts at the threshold), and every face of the
 * unlabelled images (never enrolled: group photos, strangers) is an impostor probe (false accepts at the threshold).
 * A plain class taking a {@link RecognitionEngine}, so that a benchmark main can run it outside OSGi.
 */
public final class FaceEval {
    /** Histogram bins: [-0.2, -0.1), ..., [0.9, 1.0]. */
    public static final float HIST_FROM = -0.2f;
    public static final float HIST_STEP = 0.1f;
    public static final int HIST_BINS = 12;

    private final RecognitionEngine engine;
    private final float threshold;
    private final int minFaceSize;

    /**
     * @param threshold   accept at score >= threshold
     * @param minFaceSize faces smaller than this (pixels) are not used, as in identification
     */
    public FaceEval(RecognitionEngine engine, float threshold, int minFaceSize) {
        this.engine = engine;
        this.threshold = threshold;
        this.minFaceSize = minFaceSize;
    }

    /** An image and its identity; a null label marks a never-enrolled face. */
    public record Sample(String label, Path file) {
    }

    /**
     * The evaluation.
     *
     * @param identities    identities enrolled (one image each)
     * @param genuine       probes of enrolled identities
     * @param rank1         genuine probes whose best candidate is their own identity
     * @param trueAccepts   rank-1 correct and score >= threshold
     * @param misidentified genuine probes accepted as another identity
     * @param impostors     never-enrolled face probes
     * @param falseAccepts  impostor probes with a best score >= threshold
     * @param genuineHist   scores of genuine probes against their own template
     * @param impostorHist  best scores of impostor probes
     * @param skipped       images without a usable face, by reason code
     * @param images        images analysed
     * @param engineNanos   time spent in the engine
     * @param worstGenuine  lowest genuine score (NaN if none)
     * @param bestImpostor  highest impostor score (NaN if none)
     */
    public record Result(String engineId, String modelId, float threshold, int identities, int genuine, int rank1,
                         int trueAccepts, int misidentified, int impostors, int falseAccepts, int[] genuineHist,
                         int[] impostorHist, Map<String, Integer> skipped, int images, long engineNanos,
                         float worstGenuine, float bestImpostor) {
        public double rank1Rate() {
            return genuine == 0 ? 0 : 100.0 * rank1 / genuine;
        }

        public double tar() {
            return genuine == 0 ? 0 : 100.0 * trueAccepts / genuine;
        }

        public double far() {
            return impostors == 0 ? 0 : 100.0 * falseAccepts / impostors;
        }
    }

    /**
     * Finds the samples of a directory: each sub-folder is an identity, except folders named {@code unknown},
     * {@code _unknown} or {@code never-enrolled}, whose images (like images directly in {@code dir}) are never-enrolled
     * faces. With a labels CSV ({@code relative/path,label}; empty label = never enrolled) the folders do not matter;
     * the development set's {@code testdata/faces/labels.csv} ({@code source,file,identity,...}, identity {@code -} =
     * never enrolled) is read as it is.
     */
    public static List<Sample> scan(Path dir, Path labelsCsv) throws IOException {
        List<Sample> out = new ArrayList<>();
        if (labelsCsv != null) {
            List<String[]> rows = csv(labelsCsv);
            if (!rows.isEmpty() && rows.get(0).length >= 3 && rows.get(0)[0].equalsIgnoreCase("source")
                    && rows.get(0)[1].equalsIgnoreCase("file") && rows.get(0)[2].equalsIgnoreCase("identity")) {
                rows = rows.subList(1, rows.size()).stream().filter(r -> r.length >= 3)
                        .map(r -> new String[] {r[0] + "/" + r[1], "-".equals(r[2]) ? "" : r[2]}).toList();
            }
            for (String[] row : rows) {
                Path f = dir.resolve(row[0]);
                if (Files.isRegularFile(f)) {
                    out.add(new Sample(row.length > 1 && !row[1].isBlank() ? row[1].trim() : null, f));
                }
            }
            return out;
        }
        for (Path f : images(dir)) {
            out.add(new Sample(null, f));
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path sub : s.filter(Files::isDirectory).sorted().toList()) {
                String name = sub.getFileName().toString();
                boolean unknown = List.of("unknown", "_unknown", "never-enrolled").contains(name.toLowerCase(Locale.ROOT));
                for (Path f : images(sub)) {
                    out.add(new Sample(unknown ? null : name, f));
                }
            }
        }
        return out;
    }

    /** @return the image files directly in a directory, sorted by name */
    public static List<Path> images(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(FaceEval::isImage).sorted().toList();
        }
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".bmp");
    }

    /** Reads a two-column CSV; a first line whose second column is a header word is skipped. */
    static List<String[]> csv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] cols = t.split("\\s*[,;\\t]\\s*", -1);
            rows.add(cols);
        }
        if (!rows.isEmpty() && rows.get(0).length > 1 && List.of("label", "person", "personid", "person_id", "id")
                .contains(rows.get(0)[1].toLowerCase(Locale.ROOT))) {
            rows.remove(0);
        }
        return rows;
    }

    static String format(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") ? "png" : n.endsWith(".bmp") ? null : "jpeg";
    }

    /** Runs the evaluation; {@code progress} gets (images done, file name). */
    public Result run(List<Sample> samples, BiConsumer<Integer, String> progress) {
        Map<String, List<Path>> byLabel = new TreeMap<>();
        List<Path> strangers = new ArrayList<>();
        for (Sample s : samples) {
            if (s.label() == null) {
                strangers.add(s.file());
            } else {
                byLabel.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s.file());
            }
        }
        Map<String, Integer> skipped = new TreeMap<>();
        long[] nanos = {0};
        int[] done = {0};
        // analyse every image once
        Map<Path, List<AnalyzedFace>> faces = new LinkedHashMap<>();
        List<Path> all = new ArrayList<>();
        byLabel.values().forEach(all::addAll);
        all.addAll(strangers);
        for (Path f : all) {
            List<AnalyzedFace> found;
            try {
                byte[] data = Files.readAllBytes(f);
                long t0 = System.nanoTime();
                try {
                    found = engine.analyze(new Frame(data, format(f)));
                } finally {
                    nanos[0] += System.nanoTime() - t0;
                }
                List<AnalyzedFace> usable = new ArrayList<>();
                for (AnalyzedFace a : found) {
                    if (a.quality().faceSize() >= minFaceSize) {
                        usable.add(a);
                    }
                }
                if (usable.isEmpty()) {
                    skipped.merge(found.isEmpty() ? "no-face" : "face-too-small", 1, Integer::sum);
                }
                faces.put(f, usable);
            } catch (GatehouseException e) {
                skipped.merge(e.code(), 1, Integer::sum);
                faces.put(f, List.of());
            } catch (IOException e) {
                skipped.merge("unreadable-file", 1, Integer::sum);
                faces.put(f, List.of());
            }
            done[0]++;
            if (progress != null) {
                progress.accept(done[0], f.getFileName().toString());
            }
        }
        // enroll the first usable image of each identity
        List<String> labels = new ArrayList<>();
        List<Embedding> gallery = new ArrayList<>();
        Map<String, List<Embedding>> probes = new LinkedHashMap<>();
        for (Map.Entry<String, List<Path>> e : byLabel.entrySet()) {
            Embedding enrolled = null;
            List<Embedding> rest = new ArrayList<>();
            for (Path f : e.getValue()) {
                List<AnalyzedFace> fs = faces.get(f);
                if (fs.isEmpty()) {
                    continue;
                }
                if (enrolled == null) {
                    enrolled = fs.get(0).embedding();
                } else {
                    rest.add(fs.get(0).embedding());
                }
            }
            if (enrolled != null) {
                labels.add(e.getKey());
                gallery.add(enrolled);
                probes.put(e.getKey(), rest);
            }
        }
        int[] genuineHist = new int[HIST_BINS];
        int[] impostorHist = new int[HIST_BINS];
        int genuine = 0;
        int rank1 = 0;
        int accepts = 0;
        int mis = 0;
        float worstGenuine = Float.NaN;
        for (Map.Entry<String, List<Embedding>> e : probes.entrySet()) {
            int own = labels.indexOf(e.getKey());
            for (Embedding p : e.getValue()) {
                genuine++;
                int best = -1;
                float bestScore = -2;
                float ownScore = -2;
                for (int i = 0; i < gallery.size(); i++) {
                    float s = engine.similarity(p, gallery.get(i));
                    if (i == own) {
                        ownScore = s;
                    }
                    if (s > bestScore) {
                        bestScore = s;
                        best = i;
                    }
                }
                genuineHist[bin(ownScore)]++;
                worstGenuine = Float.isNaN(worstGenuine) ? ownScore : Math.min(worstGenuine, ownScore);
                if (best == own) {
                    rank1++;
                    if (bestScore >= threshold) {
                        accepts++;
                    }
                } else if (bestScore >= threshold) {
                    mis++;
                }
            }
        }
        int impostors = 0;
        int falseAccepts = 0;
        float bestImpostor = Float.NaN;
        for (Path f : strangers) {
            for (AnalyzedFace a : faces.get(f)) {
                impostors++;
                float bestScore = -2;
                for (Embedding g : gallery) {
                    bestScore = Math.max(bestScore, engine.similarity(a.embedding(), g));
                }
                if (gallery.isEmpty()) {
                    continue;
                }
                impostorHist[bin(bestScore)]++;
                bestImpostor = Float.isNaN(bestImpostor) ? bestScore : Math.max(bestImpostor, bestScore);
                if (bestScore >= threshold) {
                    falseAccepts++;
                }
            }
        }
        return new Result(engine.info().engineId(), engine.info().modelId(), threshold, gallery.size(), genuine,
                rank1, accepts, mis, impostors, falseAccepts, genuineHist, impostorHist,
                Collections.unmodifiableMap(skipped), all.size(), nanos[0], worstGenuine, bestImpostor);
    }

    static int bin(float score) {
        int b = (int) Math.floor((score - HIST_FROM) / HIST_STEP + 1e-6);
        return Math.max(0, Math.min(HIST_BINS - 1, b));
    }

    /** The report as text in a language ({@code en}, {@code zh-CN}; null for the JVM's locale). */
    public static String report(Result r, String use, String language) {
        return report(r, use, FaceText.of(language));
    }

    /** The report as text. */
    static String report(Result r, String use, FaceText t) {
        StringBuilder b = new StringBuilder();
        String nl = System.lineSeparator();
        b.append(t.get("eval.title", r.engineId(), r.modelId(), use, r.threshold())).append(nl);
        b.append(t.get("eval.enrolled", r.identities())).append(nl);
        b.append(t.get("eval.rank1", r.rank1(), r.genuine(), r.rank1Rate())).append(nl);
        b.append(t.get("eval.tar", r.trueAccepts(), r.genuine(), r.tar())).append(nl);
        b.append(t.get("eval.far", r.falseAccepts(), r.impostors(), r.far())).append(nl);
        b.append(t.get("eval.mis", r.misidentified())).append(nl);
        int skippedTotal = r.skipped().values().stream().mapToInt(Integer::intValue).sum();
        b.append(t.get("eval.skipped", skippedTotal)).append(nl);
        r.skipped().forEach((code, n) -> b.append("  ").append(String.format("%5d  ", n)).append(t.reason(code))
                .append(nl));
        b.append(t.get("eval.time", r.images(), r.engineNanos() / 1e9, r.images() == 0 ? 0
                : r.engineNanos() / 1e6 / r.images())).append(nl);
        b.append(t.get("eval.histogram")).append(nl);
        int max = 1;
        for (int i = 0; i < HIST_BINS; i++) {
            max = Math.max(max, Math.max(r.genuineHist()[i], r.impostorHist()[i]));
        }
        b.append(String.format(Locale.ROOT, "  %-13s %8s %8s%n", "score", "genuine", "impostor"));
        for (int i = 0; i < HIST_BINS; i++) {
            float from = HIST_FROM + i * HIST_STEP;
            b.append(String.format(Locale.ROOT, "  [%5.2f,%5.2f) %8d %8d  %s%s%n", from, from + HIST_STEP,
                    r.genuineHist()[i], r.impostorHist()[i], "G".repeat(r.genuineHist()[i] * 20 / max),
                    "i".repeat(r.impostorHist()[i] * 20 / max)));
        }
        if (!Float.isNaN(r.worstGenuine()) || !Float.isNaN(r.bestImpostor())) {
            b.append(String.format(Locale.ROOT, "  lowest genuine %.3f, highest impostor %.3f%n", r.worstGenuine(),
                    r.bestImpostor()));
        }
        return b.toString();
    }
}
