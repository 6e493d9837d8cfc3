package org.gatehouse.api.face;

import org.gatehouse.api.recognition.AnalyzedFace;

/**
 * The face of a probe image that an identification searches for, analysed once (detection, quality, embedding) so
 * that one capture can be searched for several uses (the gallery, the watchlist, the stranger clusters) without
 * running the engine again.
 *
 * @param face       the largest face of at least {@code face.identify.min.size} pixels
 * @param facesFound how many faces the image showed
 * @since 1.1
 */
public record Probe(AnalyzedFace face, int facesFound) {
}
