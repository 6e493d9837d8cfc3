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

    /**
     * Finds, measures and embeds every face of a frame, decoding the image once. Faces are ordered by box area,
     * largest first. The default implementation calls {@link #detect} and {@link #embed} and knows only the box size
     * for quality; engines override it.
     *
     * @throws org.gatehouse.api.GatehouseException INVALID with a {@link FaceReasons} image code for bad images
     * @since 1.1
     */
    default List<AnalyzedFace> analyze(Frame frame) {
        List<Detection> faces = new java.util.ArrayList<>(detect(frame));
        faces.sort((a, b) -> Float.compare(b.width() * b.height(), a.width() * a.height()));
        List<AnalyzedFace> out = new java.util.ArrayList<>(faces.size());
        for (Detection d : faces) {
            out.add(new AnalyzedFace(d, FaceQuality.ofSize(d), embed(frame, d)));
        }
        return out;
    }

    /** Similarity of two embeddings of this engine's model, in [-1, 1]. */
    default float similarity(Embedding a, Embedding b) {
        return a.cosine(b);
    }
}
