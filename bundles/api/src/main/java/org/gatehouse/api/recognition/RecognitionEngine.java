package org.gatehouse.api.recognition;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A stateless face engine, published as an OSGi service. The gallery, thresholds and storage belong to the core.
 */
@ConsumerType
public interface RecognitionEngine {
    /** Service property: engine id. */
    String ENGINE = "gatehouse.engine.id";
    /** Service property (String[]): {@code face.detect}, {@code face.embed}. */
    String CAPABILITY = "gatehouse.engine.capability";

    /** @return name, version, model hash and vector size */
    EngineInfo info();

    /** Finds faces in a frame. */
    List<Detection> detect(Frame frame);

    /** Computes the embedding of one detected face, tagged with this engine's model id. */
    Embedding embed(Frame frame, Detection face);

    /** Similarity of two embeddings of this engine's model, in [-1, 1]. */
    default float similarity(Embedding a, Embedding b) {
        return a.cosine(b);
    }
}
