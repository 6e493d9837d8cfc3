package org.gatehouse.engine.face.support;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The configuration keys every face engine has, taken from its component property type, and how they become
 * {@link PipelineOptions}: model files resolve against {@code models.dir}, whose default is
 * {@code ${karaf.base}/models/face} where the feature {@code gatehouse-models-face} puts them.
 *
 * @param modelsDir      {@code models.dir}, empty for the default
 * @param detector       {@code detector}, empty for {@code ultraface}
 * @param detectorModel  {@code detector.model}, empty for the chosen detector's file
 * @param landmarkModel  {@code landmark.model}
 * @param embeddingModel {@code embedding.model}
 * @param embeddingMean  {@code embedding.mean}
 * @param embeddingStd   {@code embedding.std}
 * @param scoreThreshold {@code score.threshold}
 * @param nmsIou         {@code nms.iou}
 * @param maxPixels      {@code max.pixels}
 * @param maxFaces       {@code max.faces}, at least 1 is used
 * @param threads        the engine's threads per model, at least 1 is used
 */
public record EngineConfig(String modelsDir, String detector, String detectorModel, String landmarkModel,
        String embeddingModel, float embeddingMean, float embeddingStd, float scoreThreshold, float nmsIou,
        long maxPixels, int maxFaces, int threads) {

    /** The default detector file of each detector. */
    private static final Map<String, String> DETECTOR_FILES = Map.of("ultraface", "fr-detect.onnx",
            "blazeface", "blazeface-back-256.onnx");

    /** @return the configured directory, or {@code ${karaf.base}/models/face} when it is empty */
    public static Path modelsDir(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured.trim());
        }
        return Paths.get(System.getProperty("karaf.base", "."), "models", "face");
    }

    /** @return the detector, trimmed and lower case; {@code ultraface} when empty */
    public String detectorName() {
        return blank(detector) ? "ultraface" : detector.trim().toLowerCase(Locale.ROOT);
    }

    /** @return a configured file name resolved against the models directory (an absolute name stays as it is) */
    public Path resolve(String file) {
        return modelsDir(modelsDir).resolve(file.trim());
    }

    /**
     * @param detectors the detectors the engine runs
     * @return the pipeline options
     * @throws IllegalArgumentException for another detector
     */
    public PipelineOptions options(List<String> detectors) {
        String name = detectorName();
        if (!detectors.contains(name)) {
            throw new IllegalArgumentException("detector must be " + String.join(" or ", detectors) + ", not '"
                    + detector + "'");
        }
        String detectorFile = blank(detectorModel) ? DETECTOR_FILES.get(name) : detectorModel;
        return new PipelineOptions(name, resolve(detectorFile), resolve(landmarkModel), resolve(embeddingModel),
                scoreThreshold, nmsIou, maxPixels, Math.max(1, maxFaces), Math.max(1, threads), embeddingMean,
                embeddingStd);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
