package org.gatehouse.api.recognition;

/**
 * One face found, measured and embedded in a single pass over a frame.
 *
 * @param detection the box, score and key points in source pixels
 * @param quality   the measures for the quality gate
 * @param embedding the L2-normalised template vector, tagged with the engine's model id
 */
public record AnalyzedFace(Detection detection, FaceQuality quality, Embedding embedding) {
}
