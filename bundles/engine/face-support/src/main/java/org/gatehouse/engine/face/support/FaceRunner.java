package org.gatehouse.engine.face.support;

import java.nio.file.Path;
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

    /**
     * @return the model files this runner loaded (published as {@code gatehouse.engine.files}, so the core can tell
     *         which installed files are active and which licences they carry); empty when unknown
     */
    default List<Path> modelFiles() {
        return List.of();
    }

    /**
     * @return the configured model set ({@code legacy}, {@code clean}; published as
     *         {@code gatehouse.engine.model.set}), or null when the engine has no such setting
     */
    default String modelSet() {
        return null;
    }

    List<Detection> detect(Frame frame);

    Embedding embed(Frame frame, Detection face);

    List<AnalyzedFace> analyze(Frame frame);

    @Override
    void close();
}
