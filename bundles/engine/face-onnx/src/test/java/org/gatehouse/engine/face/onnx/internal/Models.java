package org.gatehouse.engine.face.onnx.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

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

    static FacePipeline pipeline(String detector) throws IOException {
        DjlOrtBackend.configureOffline(Paths.get("target", "djl-cache"));
        PipelineOptions o = PipelineOptions.defaults(dir());
        if (detector.equals("blazeface")) {
            o = o.withDetector("blazeface", dir().resolve("blazeface-back-256.onnx"));
        }
        return new FacePipeline(new DjlOrtBackend(), o);
    }

    static Frame frame(String source, String file) throws IOException {
        return FaceEngineContract.frame(source, file);
    }
}
