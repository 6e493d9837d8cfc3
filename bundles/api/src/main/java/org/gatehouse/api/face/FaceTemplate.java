package org.gatehouse.api.face;

import java.time.Instant;

import org.gatehouse.api.recognition.FaceQuality;

/**
 * One enrolled face: a template vector of one model computed from a stored enrollment photo. The vector itself stays
 * in the core (it is biometric data); this record describes it.
 *
 * @param id        template id
 * @param personId  whose face
 * @param modelId   the model that computed the vector; templates of different models are never compared
 * @param photoId   the stored enrollment photo it was computed from (kept so that a new model can re-enroll)
 * @param quality   the measures of the face when it was enrolled
 * @param created   when
 * @param createdBy who enrolled it ({@code system} for a re-enrollment)
 */
public record FaceTemplate(long id, String personId, String modelId, long photoId, FaceQuality quality,
                           Instant created, String createdBy) {
}
