package org.gatehouse.engine.face.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** model.set: legacy by default, clean = BlazeFace + dlib ResNet without a landmark model; bad values are refused. */
class CleanSetOptionsTest {
    private static EngineConfig config(String detector, String detectorModel, String set) {
        return new EngineConfig("/srv/models", detector, detectorModel, "fr-landmark.onnx", "fr-feature.onnx", 127f, 128f,
                0.7f, 0.4f, 1000L, 5, 1, set);
    }

    @Test
    void legacyIsTheDefault() {
        PipelineOptions o = config("ultraface", "", "").options(List.of("ultraface", "blazeface"));
        assertEquals(PipelineOptions.LEGACY, o.modelSet());
        assertEquals(Path.of("/srv/models/fr-landmark.onnx"), o.landmarkModel());
        assertEquals(PipelineOptions.LEGACY, PipelineOptions.defaults(Path.of("/m")).modelSet());
    }

    @Test
    void cleanUsesBlazeFaceAndTheDlibResNetWhateverTheLegacyKeysSay() {
        PipelineOptions o = config("ultraface", "", " CLEAN ").options(List.of("ultraface", "blazeface"));
        assertTrue(o.clean());
        assertEquals("blazeface", o.detector());
        assertEquals(Path.of("/srv/models/blazeface-back-256.onnx"), o.detectorModel());
        assertEquals(Path.of("/srv/models/dlib-resnet-v1.onnx"), o.embeddingModel());
        assertNull(o.landmarkModel());
        assertEquals(Path.of("/opt/bf.onnx"),
                config("blazeface", "/opt/bf.onnx", "clean").options(List.of("ultraface", "blazeface")).detectorModel());
        assertEquals(Path.of("/srv/models/blazeface-back-256.onnx"), config("ultraface", "/opt/site-ultraface.onnx", "clean")
                .options(List.of("ultraface", "blazeface")).detectorModel(), "the legacy detector's file is not BlazeFace");
    }

    @Test
    void badValuesAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config("ultraface", "", "cleaner").options(List.of("ultraface", "blazeface")));
        assertEquals("model.set must be legacy or clean, not 'cleaner'", e.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> config("ultraface", "", "clean").options(List.of("ultraface")));
        assertTrue(b.getMessage().startsWith("model.set clean needs the blazeface detector"), b.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PipelineOptions("ultraface", Path.of("a"), null,
                Path.of("b"), 0.7f, 0.4f, 1, 1, 1, 0f, 1f, "clean"));
    }

    @Test
    void eyesAndNoseLandOnDlibsChipTemplate() {
        RgbImage img = new RgbImage(400, 300, new byte[400 * 300 * 3]);
        // a face 2x the chip's size, turned 10 degrees and moved: the alignment undoes exactly that
        double a = 2 * Math.cos(Math.toRadians(10)), b = 2 * Math.sin(Math.toRadians(10));
        double[] m = { a, -b, 60, b, a, 20 };
        float[] five = java.util.Arrays.copyOf(Alignment.apply(m, Alignment.DLIB_EYES_NOSE_150), 10);
        double[] back = Alignment.similarity(java.util.Arrays.copyOf(five, 6), Alignment.DLIB_EYES_NOSE_150);
        assertArrayEquals(Alignment.DLIB_EYES_NOSE_150, Alignment.apply(back, java.util.Arrays.copyOf(five, 6)), 1e-3f);
        RgbImage chip = Alignment.alignDlib150(img, five);
        assertEquals(150, chip.width());
        assertEquals(150, chip.height());
    }
}
