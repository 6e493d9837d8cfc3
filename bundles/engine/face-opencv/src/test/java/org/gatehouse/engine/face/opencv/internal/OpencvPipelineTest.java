package org.gatehouse.engine.face.opencv.internal;

import java.io.IOException;

import org.gatehouse.engine.face.support.FaceEngineContract;
import org.gatehouse.engine.face.support.FaceRunner;

/** The OpenCV engine with the real models on the real labelled images: the same checks as the onnx engine's. */
class OpencvPipelineTest extends FaceEngineContract {

    @Override
    protected FaceRunner open() throws IOException {
        return new PipelineRunner(Models.pipeline("ultraface"));
    }

    @Override
    protected String engineId() {
        return "opencv";
    }

    /** Distinct from the onnx engine's id. */
    @Override
    protected String modelIdSuffix() {
        return "/opencv";
    }
}
