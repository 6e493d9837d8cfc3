package org.gatehouse.engine.face.opencv.internal;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.gatehouse.engine.face.support.PipelineOptions;

/** Turns the configuration into pipeline options, resolving model files against the models directory. */
final class EngineSettings {
    private EngineSettings() {
    }

    static Path modelsDir(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured.trim());
        }
        return Paths.get(System.getProperty("karaf.base", "."), "models", "face");
    }

    static PipelineOptions options(OpencvEngineConfig c) {
        Path dir = modelsDir(c.models_dir());
        String detector = c.detector() == null || c.detector().isBlank() ? "ultraface" : c.detector().trim().toLowerCase();
        if (detector.equals("blazeface")) {
            // OpenCV 4.13 DNN fails on blazeface-back-256.onnx with layer fusion (pooling_layer.cpp assertion) and,
            // unfused, computes outputs far from ONNX Runtime's (BackendParityTest): refused rather than run wrong.
            throw new IllegalArgumentException("detector blazeface is not supported by the opencv engine (OpenCV 4.13 "
                    + "DNN cannot run blazeface-back-256.onnx correctly); use ultraface, or the onnx engine for blazeface");
        }
        if (!detector.equals("ultraface")) {
            throw new IllegalArgumentException("detector must be ultraface, not '" + c.detector() + "'");
        }
        String det = blank(c.detector_model()) ? "fr-detect.onnx" : c.detector_model().trim();
        return new PipelineOptions(detector, dir.resolve(det), dir.resolve(c.landmark_model().trim()),
                dir.resolve(c.embedding_model().trim()), c.score_threshold(), c.nms_iou(), c.max_pixels(),
                Math.max(1, c.max_faces()), Math.max(1, c.threads()), c.embedding_mean(), c.embedding_std());
    }

    /**
     * @return the OpenCV Zoo pair (YuNet, SFace) when the site configured one, else null
     * @throws IllegalArgumentException when only one of the two is set
     */
    static Path[] zooModels(OpencvEngineConfig c) {
        boolean y = !blank(c.yunet_model()), s = !blank(c.sface_model());
        if (!y && !s) {
            return null;
        }
        if (y != s) {
            throw new IllegalArgumentException("yunet.model and sface.model go together: set both or neither");
        }
        Path dir = modelsDir(c.models_dir());
        return new Path[] { dir.resolve(c.yunet_model().trim()), dir.resolve(c.sface_model().trim()) };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
