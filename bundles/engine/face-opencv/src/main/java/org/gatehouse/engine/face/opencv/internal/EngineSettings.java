package org.gatehouse.engine.face.opencv.internal;

import java.nio.file.Path;
import java.util.List;

import org.gatehouse.engine.face.support.EngineConfig;
import org.gatehouse.engine.face.support.PipelineOptions;

/** Turns the configuration into pipeline options: the keys of every engine, read as face-support does. */
final class EngineSettings {
    private EngineSettings() {
    }

    static EngineConfig config(OpencvEngineConfig c) {
        return new EngineConfig(c.models_dir(), c.detector(), c.detector_model(), c.landmark_model(),
                c.embedding_model(), c.embedding_mean(), c.embedding_std(), c.score_threshold(), c.nms_iou(),
                c.max_pixels(), c.max_faces(), c.threads(), c.model_set());
    }

    static PipelineOptions options(OpencvEngineConfig c) {
        EngineConfig config = config(c);
        if (config.modelSetName().equals(PipelineOptions.CLEAN)) {
            // the clean set takes its key points from BlazeFace (no landmark model); the dlib ResNet itself runs here
            throw new IllegalArgumentException("model.set clean is not supported by the opencv engine: its key points "
                    + "come from BlazeFace, which OpenCV 4.13 DNN cannot run correctly; use the onnx engine for the clean set");
        }
        if (config.detectorName().equals("blazeface")) {
            // OpenCV 4.13 DNN fails on blazeface-back-256.onnx with layer fusion (pooling_layer.cpp assertion) and,
            // unfused, computes outputs far from ONNX Runtime's (BackendParityTest): refused rather than run wrong.
            throw new IllegalArgumentException("detector blazeface is not supported by the opencv engine (OpenCV 4.13 "
                    + "DNN cannot run blazeface-back-256.onnx correctly); use ultraface, or the onnx engine for blazeface");
        }
        return config.options(List.of("ultraface"));
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
        EngineConfig config = config(c);
        return new Path[] { config.resolve(c.yunet_model()), config.resolve(c.sface_model()) };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
