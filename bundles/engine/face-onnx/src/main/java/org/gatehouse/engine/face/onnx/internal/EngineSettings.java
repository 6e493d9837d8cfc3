package org.gatehouse.engine.face.onnx.internal;

import java.util.List;

import org.gatehouse.engine.face.support.EngineConfig;
import org.gatehouse.engine.face.support.PipelineOptions;

/** Turns the configuration into pipeline options: the keys of every engine, read as face-support does. */
final class EngineSettings {
    /** The detectors this engine runs. */
    static final List<String> DETECTORS = List.of("ultraface", "blazeface");

    private EngineSettings() {
    }

    static PipelineOptions options(OnnxEngineConfig c) {
        return new EngineConfig(c.models_dir(), c.detector(), c.detector_model(), c.landmark_model(),
                c.embedding_model(), c.embedding_mean(), c.embedding_std(), c.score_threshold(), c.nms_iou(),
                c.max_pixels(), c.max_faces(), c.intra_op_threads(), c.model_set()).options(DETECTORS);
    }
}
