package org.gatehouse.engine.face.support;

import java.util.List;

import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Detection;
import org.gatehouse.api.recognition.Embedding;
import org.gatehouse.api.recognition.Frame;

/** What a registered engine delegates to: the shared {@link FacePipeline}, or an engine's own models. */
public interface FaceRunner extends AutoCloseable {
    String modelId();

    int vectorSize();

    /** @return a short description for the start-up log line */
    String describe();

    List<Detection> detect(Frame frame);

    Embedding embed(Frame frame, Detection face);

    List<AnalyzedFace> analyze(Frame frame);

    @Override
    void close();
}
