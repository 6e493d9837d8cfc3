package org.gatehouse.engine.face.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class EngineConfigTest {

    private static EngineConfig config(String dir, String detector, String detectorModel, int maxFaces, int threads) {
        return new EngineConfig(dir, detector, detectorModel, " fr-landmark.onnx", "/opt/site/sface.onnx", 127f, 128f,
                0.7f, 0.4f, 25_000_000L, maxFaces, threads);
    }

    @Test
    void filesResolveAgainstTheModelsDirectoryAndTheDetectorPicksItsFile() {
        PipelineOptions o = config("/srv/models ", " BlazeFace", "", 20, 2).options(List.of("ultraface", "blazeface"));
        assertEquals("blazeface", o.detector());
        assertEquals(Path.of("/srv/models/blazeface-back-256.onnx"), o.detectorModel());
        assertEquals(Path.of("/srv/models/fr-landmark.onnx"), o.landmarkModel());
        assertEquals(Path.of("/opt/site/sface.onnx"), o.embeddingModel());
        assertEquals(2, o.threads());
        assertEquals(20, o.maxFaces());
        assertEquals(0.7f, o.scoreThreshold());

        PipelineOptions u = config("/srv/models", "", " my-detector.onnx ", 0, -1).options(List.of("ultraface"));
        assertEquals("ultraface", u.detector());
        assertEquals(Path.of("/srv/models/my-detector.onnx"), u.detectorModel());
        assertEquals(1, u.maxFaces());
        assertEquals(1, u.threads());
        assertEquals(Path.of("/srv/models/fr-detect.onnx"),
                config("/srv/models", null, null, 1, 1).options(List.of("ultraface")).detectorModel());
    }

    @Test
    void aDetectorTheEngineDoesNotRunIsRefused() {
        assertEquals("detector must be ultraface, not 'blazeface'", assertThrows(IllegalArgumentException.class,
                () -> config("/m", "blazeface", "", 1, 1).options(List.of("ultraface"))).getMessage());
        assertEquals("detector must be ultraface or blazeface, not 'yolo'", assertThrows(IllegalArgumentException.class,
                () -> config("/m", "yolo", "", 1, 1).options(List.of("ultraface", "blazeface"))).getMessage());
    }

    /** Moved here from both engines' tests, with the code. */
    @Test
    void theModelsDirectoryDefaultsToKarafBase() {
        String old = System.getProperty("karaf.base");
        System.setProperty("karaf.base", "/opt/gatehouse");
        try {
            assertEquals(Path.of("/opt/gatehouse/models/face"), EngineConfig.modelsDir(""));
            assertEquals(Path.of("/opt/gatehouse/models/face"), EngineConfig.modelsDir(" "));
            assertEquals(Path.of("/opt/gatehouse/models/face/x.onnx"), config("", "", "", 1, 1).resolve("x.onnx"));
        } finally {
            if (old == null) {
                System.clearProperty("karaf.base");
            } else {
                System.setProperty("karaf.base", old);
            }
        }
    }
}
