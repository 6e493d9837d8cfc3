package org.gatehouse.engine.face.opencv.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Detection;
import org.gatehouse.api.recognition.Embedding;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.engine.face.support.FacePipeline;
import org.gatehouse.engine.face.support.FaceRunner;

/** The shared face pipeline on the OpenCV backend; stamps this engine's model id ({@code <pipeline id>/opencv}). */
final class PipelineRunner implements FaceRunner {
    private final FacePipeline pipeline;
    private final String modelId;

    PipelineRunner(FacePipeline pipeline) {
        this.pipeline = pipeline;
        this.modelId = pipeline.modelId() + OpencvFaceEngine.MODEL_SUFFIX;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int vectorSize() {
        return pipeline.vectorSize();
    }

    @Override
    public List<Path> modelFiles() {
        return pipeline.modelFiles();
    }

    @Override
    public String modelSet() {
        return pipeline.modelSet();
    }

    @Override
    public String describe() {
        return "detector " + pipeline.options().detector();
    }

    @Override
    public List<Detection> detect(Frame frame) {
        return pipeline.detect(frame);
    }

    @Override
    public Embedding embed(Frame frame, Detection face) {
        return new Embedding(modelId, pipeline.embed(frame, face).vector());
    }

    @Override
    public List<AnalyzedFace> analyze(Frame frame) {
        List<AnalyzedFace> faces = pipeline.analyze(frame);
        List<AnalyzedFace> out = new ArrayList<>(faces.size());
        for (AnalyzedFace f : faces) {
            out.add(new AnalyzedFace(f.detection(), f.quality(), new Embedding(modelId, f.embedding().vector())));
        }
        return out;
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
