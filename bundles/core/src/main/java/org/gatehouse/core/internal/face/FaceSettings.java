package org.gatehouse.core.internal.face;

/**
 * Settings of the face gallery (keys {@code face.*} of etc/org.gatehouse.core.cfg).
 *
 * @param engine                the engine id to use ({@code gatehouse.engine.id} of a RecognitionEngine service)
 * @param thresholdGate         cosine threshold of a gate passage
 * @param thresholdVisitor      of a visitor identification
 * @param thresholdWatchlist    of a watchlist search
 * @param enrollMinSize         smallest face side in pixels for an enrollment photo
 * @param identifyMinSize       smallest face side in pixels for a probe
 * @param minSharpness          smallest sharpness (variance of the Laplacian) of an enrollment photo
 * @param maxYaw                largest yaw in degrees of an enrollment photo
 * @param consentRequired       students need a granted guardian consent before enrollment
 * @param maxTemplatesPerPerson enrollment photos per person
 * @param searchThreads         threads a large 1:N scan is split into
 */
public record FaceSettings(String engine, float thresholdGate, float thresholdVisitor, float thresholdWatchlist,
                           int enrollMinSize, int identifyMinSize, float minSharpness, float maxYaw,
                           boolean consentRequired, int maxTemplatesPerPerson, int searchThreads) {
    public static FaceSettings defaults() {
        return new FaceSettings("onnx", 0.45f, 0.45f, 0.50f, 80, 40, 30f, 35f, true, 5, 2);
    }

    public FaceSettings {
        if (engine == null || engine.isBlank()) {
            throw new IllegalArgumentException("face.engine must not be empty");
        }
        for (float t : new float[] {thresholdGate, thresholdVisitor, thresholdWatchlist}) {
            if (!(t >= -1 && t <= 1)) {
                throw new IllegalArgumentException("face.threshold.* must be within -1..1, not " + t);
            }
        }
        if (enrollMinSize < 1 || identifyMinSize < 1) {
            throw new IllegalArgumentException("face.enroll.min.size and face.identify.min.size must be positive");
        }
        if (maxTemplatesPerPerson < 1) {
            throw new IllegalArgumentException("face.max.templates.per.person must be positive");
        }
        searchThreads = Math.max(1, Math.min(16, searchThreads));
    }

    /** @return the threshold of a use, or NaN for an unknown use */
    public float threshold(String use) {
        return switch (use) {
            case "gate" -> thresholdGate;
            case "visitor" -> thresholdVisitor;
            case "watchlist" -> thresholdWatchlist;
            default -> Float.NaN;
        };
    }
}
