package org.gatehouse.engine.face.support;

import java.util.List;

import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Detection;
import org.gatehouse.api.recognition.Embedding;
import org.gatehouse.api.recognition.EngineInfo;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.recognition.RecognitionEngine;

/** The service an engine registers: a thin adapter over its {@link FaceRunner}. */
public final class RunnerEngine implements RecognitionEngine {
    private final FaceRunner runner;
    private final EngineInfo info;

    /**
     * @param engineId the value of {@link RecognitionEngine#ENGINE}
     * @param version  the engine bundle's version
     */
    public RunnerEngine(String engineId, String version, FaceRunner runner) {
        this.runner = runner;
        this.info = new EngineInfo(engineId, version, runner.modelId(), runner.vectorSize());
    }

    @Override
    public EngineInfo info() {
        return info;
    }

    @Override
    public List<Detection> detect(Frame frame) {
        return runner.detect(frame);
    }

    @Override
    public Embedding embed(Frame frame, Detection face) {
        return runner.embed(frame, face);
    }

    @Override
    public List<AnalyzedFace> analyze(Frame frame) {
        return runner.analyze(frame);
    }
}
