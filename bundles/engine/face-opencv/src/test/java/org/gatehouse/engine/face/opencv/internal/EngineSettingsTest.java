package org.gatehouse.engine.face.opencv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.gatehouse.engine.face.support.PipelineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSettingsTest {

    @Test
    void defaultsResolveAgainstTheModelsDirectory() {
        PipelineOptions o = EngineSettings.options(Configs.of(Map.of("models_dir", "/srv/models")));
        assertEquals("ultraface", o.detector());
        assertEquals(Path.of("/srv/models/fr-detect.onnx"), o.detectorModel());
        assertEquals(Path.of("/srv/models/fr-feature.onnx"), o.embeddingModel());
        assertEquals(1, o.threads());
        IllegalArgumentException blaze = assertThrows(IllegalArgumentException.class,
                () -> EngineSettings.options(Configs.of(Map.of("detector", "BlazeFace"))));
        assertTrue(blaze.getMessage().contains("onnx engine"), blaze.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EngineSettings.options(Configs.of(Map.of("detector", "haar"))));
        assertNull(EngineSettings.zooModels(Configs.of(Map.of())));
    }

    /** The clean model set needs BlazeFace, which OpenCV 4.13 cannot run: refused with a message naming the onnx engine. */
    @Test
    void theCleanModelSetIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EngineSettings.options(Configs.of(Map.of("model_set", "clean"))));
        assertTrue(e.getMessage().startsWith("model.set clean is not supported by the opencv engine"), e.getMessage());
        assertTrue(e.getMessage().contains("use the onnx engine"), e.getMessage());
        assertEquals(PipelineOptions.LEGACY, EngineSettings.options(Configs.of(Map.of("model_set", "legacy"))).modelSet());
    }

    @Test
    void yunetAndSfaceGoTogether() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EngineSettings.zooModels(Configs.of(Map.of("yunet_model", "face_detection_yunet_2023mar.onnx"))));
        assertTrue(e.getMessage().contains("sface.model"), e.getMessage());
    }

    /** A site configured OpenCV Zoo files that are not there: the engine logs one line and registers nothing. */
    @Test
    void configuredButMissingZooModelsStartNothing(@TempDir Path dir) throws Exception {
        OpencvEngineConfig c = Configs.of(Map.of("models_dir", dir.toString(),
                "yunet_model", "face_detection_yunet_2023mar.onnx", "sface_model", "face_recognition_sface_2021dec.onnx"));
        Path[] zoo = EngineSettings.zooModels(c);
        assertEquals(dir.resolve("face_detection_yunet_2023mar.onnx"), zoo[0]);
        assertEquals(dir.resolve("face_recognition_sface_2021dec.onnx"), zoo[1]);
        OpencvFaceEngine engine = new OpencvFaceEngine();
        engine.activate(null, c); // returns before touching the bundle context
        assertFalse(engine.registered());
        engine.deactivate();
    }

    /** The ONNX models missing (feature gatehouse-models-face not installed): nothing registered, no exception. */
    @Test
    void missingModelFilesStartNothing(@TempDir Path dir) throws Exception {
        OpencvFaceEngine engine = new OpencvFaceEngine();
        engine.activate(null, Configs.of(Map.of("models_dir", dir.toString())));
        assertFalse(engine.registered());
    }
}
