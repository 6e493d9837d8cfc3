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
 * @param cleanGate             gate threshold of the clean model set (dlib ResNet: its cosines are compressed near 1,
 *                              so the legacy values would accept everyone); models/face/MODELS.md
 * @param cleanVisitor          visitor threshold of the clean model set
 * @param cleanWatchlist        watchlist threshold of the clean model set
 */
public record FaceSettings(String engine, float thresholdGate, float thresholdVisitor, float thresholdWatchlist,
                           int enrollMinSize, int identifyMinSize, float minSharpness, float maxYaw,
                           boolean consentRequired, int maxTemplatesPerPerson, int searchThreads,
                           float cleanGate, float cleanVisitor, float cleanWatchlist) {
    /** Model id prefix of the clean set's embedding model (dlib-resnet-v1.onnx). */
    public static final String CLEAN_MODEL_PREFIX = "dlib-resnet-v1@";

    public static FaceSettings defaults() {
        return new FaceSettings("onnx", 0.45f, 0.45f, 0.50f, 80, 40, 30f, 35f, true, 5, 2);
    }

    /** With the clean set's default thresholds (0.93 gate and visitor, 0.94 watchlist). */
    public FaceSettings(String engine, float thresholdGate, float thresholdVisitor, float thresholdWatchlist,
                        int enrollMinSize, int identifyMinSize, float minSharpness, float maxYaw,
                        boolean consentRequired, int maxTemplatesPerPerson, int searchThreads) {
        this(engine, thresholdGate, thresholdVisitor, thresholdWatchlist, enrollMinSize, identifyMinSize, minSharpness,
                maxYaw, consentRequired, maxTemplatesPerPerson, searchThreads, 0.93f, 0.93f, 0.94f);
    }

    public FaceSettings {
        if (engine == null || engine.isBlank()) {
            throw new IllegalArgumentException("face.engine must not be empty");
        }
        for (float t : new float[] {thresholdGate, thresholdVisitor, thresholdWatchlist, cleanGate, cleanVisitor,
            cleanWatchlist}) {
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

    /**
     * @param modelId the embedding model id, null for the legacy set
     * @return the threshold of a use for that model (the clean set has its own), or NaN for an unknown use
     */
    public float threshold(String use, String modelId) {
        if (modelId == null || !modelId.startsWith(CLEAN_MODEL_PREFIX)) {
            return threshold(use);
        }
        return switch (use) {
            case "gate" -> cleanGate;
            case "visitor" -> cleanVisitor;
            case "watchlist" -> cleanWatchlist;
            default -> Float.NaN;
        };
    }

    /** @return the threshold of a use (legacy set), or NaN for an unknown use */
    public float threshold(String use) {
        return switch (use) {
            case "gate" -> thresholdGate;
            case "visitor" -> thresholdVisitor;
            case "watchlist" -> thresholdWatchlist;
            default -> Float.NaN;
        };
    }
}
