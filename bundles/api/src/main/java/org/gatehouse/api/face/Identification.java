package org.gatehouse.api.face;

import java.util.List;

import org.gatehouse.api.recognition.Detection;
import org.gatehouse.api.recognition.FaceQuality;

/**
 * The result of a 1:N identification of the best face of a probe image.
 *
 * @param use        {@code gate}, {@code visitor} or {@code watchlist}
 * @param threshold  the threshold of that use
 * @param modelId    the model the probe and the compared templates belong to
 * @param face       the face that was searched (box and key points in probe pixels)
 * @param quality    its measures
 * @param facesFound how many faces the probe showed
 * @param candidates persons ranked by score, best first, at most top-k; {@link #best()} decides a match
 */
public record Identification(String use, float threshold, String modelId, Detection face, FaceQuality quality,
                             int facesFound, List<Candidate> candidates) {
    /** @return the first candidate if it matched, else null */
    public Candidate best() {
        return candidates.isEmpty() || !candidates.get(0).matched() ? null : candidates.get(0);
    }
}
