package org.gatehouse.api.face;

/**
 * One ranked answer of an identification: the best template of one person.
 *
 * @param personId   the person
 * @param name       their display name (null if the person vanished meanwhile)
 * @param templateId the template that matched best
 * @param score      cosine similarity in [-1, 1]
 * @param matched    {@code score >= threshold} of the use
 */
public record Candidate(String personId, String name, long templateId, float score, boolean matched) {
}
