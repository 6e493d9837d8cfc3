package org.gatehouse.api.recognition;

/**
 * Measures of one detected face that the core's quality gate judges. Engines measure; thresholds belong to the core
 * (they differ per use: enrollment is stricter than a gate passage).
 *
 * @param faceSize  the shorter side of the face box in source pixels
 * @param sharpness variance of the Laplacian of the aligned 112x112 grey face (0..~5000; below ~30 is blurred);
 *                  {@code -1} when not measured
 * @param yaw       estimated absolute left/right turn in degrees from the key points (0 = frontal);
 *                  {@code -1} when not measured
 */
public record FaceQuality(int faceSize, float sharpness, float yaw) {
    /** @return a quality that knows only the box size */
    public static FaceQuality ofSize(Detection d) {
        return new FaceQuality(Math.round(Math.min(d.width(), d.height())), -1f, -1f);
    }
}
