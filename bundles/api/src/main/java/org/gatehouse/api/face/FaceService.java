package org.gatehouse.api.face;

import java.util.List;
import java.util.Optional;

import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.recognition.RecognitionEngine;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The face gallery: enrollment photos and templates in the store, an in-memory 1:N index per model (persons of role WATCHLIST in an index of their own), identification
 * with thresholds per use, and guardian consent for students. The active {@link RecognitionEngine} is chosen by
 * configuration ({@code face.engine}); when its model differs from the stored templates, the gallery re-enrolls in the
 * background from the stored photos ({@link #status()}).
 *
 * <p>Expected bad input throws {@link org.gatehouse.api.GatehouseException} with a stable code: the
 * {@link org.gatehouse.api.recognition.FaceReasons} codes for images and faces, {@code unknown-person},
 * {@code consent-required}, {@code too-many-templates}, {@code unknown-use}, {@code unknown-template},
 * {@code not-guardian}; {@code no-engine} (UNAVAILABLE) when no engine runs. Nothing is stored on a rejection.
 */
@ProviderType
public interface FaceService {
    /** Use of an identification at a gate passage. */
    String USE_GATE = "gate";
    /** Use of an identification of a visitor. */
    String USE_VISITOR = "visitor";
    /** Use of a watchlist search (usually the strictest threshold). */
    String USE_WATCHLIST = "watchlist";
    /** Every use. */
    List<String> USES = List.of(USE_GATE, USE_VISITOR, USE_WATCHLIST);

    /**
     * Enrolls one photo of a person: exactly one prominent face (another face at least half as large is refused
     * as {@code several-faces}), at least {@code face.enroll.min.size} pixels, sharp and frontal enough. A student
     * needs a granted guardian consent unless {@code face.consent.required=false}. The photo is stored with the
     * template; the index is updated at once. Audited.
     *
     * @return the new template
     */
    FaceTemplate enroll(String personId, Frame photo, String actor);

    /** @return the templates of a person of every model, oldest first */
    List<FaceTemplate> templates(String personId);

    /** Deletes a template with its enrollment photo (and the templates other models computed from it). Audited. */
    void delete(long templateId, String actor);

    /**
     * Deletes every photo and template of a person. Audited.
     *
     * @return how many photos were deleted
     */
    int deletePerson(String personId, String actor);

    /**
     * Identifies the best face of a probe (the largest face of at least {@code face.identify.min.size} pixels)
     * against the templates of the active model.
     *
     * @param use  {@code gate}, {@code visitor} or {@code watchlist}: selects the threshold
     * @param topK 1..50 candidates
     */
    Identification identify(Frame probe, String use, int topK);

    /**
     * Analyses a probe image once: the largest face of at least {@code face.identify.min.size} pixels with its
     * embedding, for {@link #identify(Probe, String, int)}.
     *
     * @throws org.gatehouse.api.GatehouseException the image codes of {@link org.gatehouse.api.recognition.FaceReasons},
     *                                              {@code no-face}, {@code face-too-small}; UNAVAILABLE
     *                                              {@code no-engine}
     * @since 1.1
     */
    Probe probe(Frame image);

    /**
     * Identifies an analysed face. Persons of role {@link org.gatehouse.api.PersonRole#WATCHLIST} form a gallery of
     * their own: use {@code watchlist} searches only them, every other use never finds them.
     *
     * @param use  {@code gate}, {@code visitor} or {@code watchlist}: selects the threshold and the gallery
     * @param topK 1..50 candidates
     * @since 1.1
     */
    Identification identify(Probe probe, String use, int topK);

    /** @return the engine, model, template counts and re-enrollment progress */
    FaceStatus status();

    /** @return the similarity threshold of a use */
    float threshold(String use);

    /**
     * Records a guardian's decision for a student. A refusal or withdrawal deletes the student's photos and
     * templates. Audited.
     *
     * @throws org.gatehouse.api.GatehouseException INVALID {@code not-guardian} if the guardian is not bound to the
     *                                              student
     */
    Consent recordConsent(String studentId, String guardianId, boolean granted, String actor);

    /** @return the latest consent decision for a student */
    Optional<Consent> consent(String studentId);

    /**
     * @return the installed face model files with their source, sha256 check and licence, the model sets, and which
     *         files and set the active engine uses
     * @throws org.gatehouse.api.GatehouseException UNAVAILABLE {@code no-model-catalogue} when the implementation keeps
     *                                              no catalogue (this default)
     * @since 1.2
     */
    default FaceModels models() {
        throw org.gatehouse.api.GatehouseException.unavailable("no-model-catalogue",
                "this face service does not list its model files", null);
    }

    /**
     * @return the active engine (for tools that evaluate it without touching the gallery)
     * @throws org.gatehouse.api.GatehouseException UNAVAILABLE {@code no-engine}
     */
    RecognitionEngine activeEngine();
}
