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
 * @param modelSet       {@code model.set}: {@code legacy} (default when empty) or {@code clean}; the clean set is
 *                       {@code blazeface-back-256.onnx} -> {@code dlib-resnet-v1.onnx} and ignores {@code detector},
 *                       {@code landmark.model} and {@code embedding.*} ({@code detector.model} names the
 *                       BlazeFace file when {@code detector = blazeface})
 */
public record EngineConfig(String modelsDir, String detector, String detectorModel, String landmarkModel,
        String embeddingModel, float embeddingMean, float embeddingStd, float scoreThreshold, float nmsIou,
        long maxPixels, int maxFaces, int threads, String modelSet) {

    /** The legacy set with these values. */
    public EngineConfig(String modelsDir, String detector, String detectorModel, String landmarkModel,
            String embeddingModel, float embeddingMean, float embeddingStd, float scoreThreshold, float nmsIou,
            long maxPixels, int maxFaces, int threads) {
        this(modelsDir, detector, detectorModel, landmarkModel, embeddingModel, embeddingMean, embeddingStd,
                scoreThreshold, nmsIou, maxPixels, maxFaces, threads, PipelineOptions.LEGACY);
    }

    /** @return the model set, trimmed and lower case; {@code legacy} when empty */
    public String modelSetName() {
        return blank(modelSet) ? PipelineOptions.LEGACY : modelSet.trim().toLowerCase(Locale.ROOT);
    }

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
        String set = modelSetName();
        if (PipelineOptions.CLEAN.equals(set)) {
            if (!detectors.contains("blazeface")) {
                throw new IllegalArgumentException("model.set clean needs the blazeface detector, which this engine does not run");
            }
            // detector.model names the BlazeFace file only when detector = blazeface (else it is the legacy detector's)
            String file = "blazeface".equals(detectorName()) && !blank(detectorModel) ? detectorModel
                    : PipelineOptions.CLEAN_DETECTOR_FILE;
            return new PipelineOptions("blazeface", resolve(file), null, resolve(PipelineOptions.CLEAN_EMBEDDING_FILE),
                    scoreThreshold, nmsIou, maxPixels, Math.max(1, maxFaces), Math.max(1, threads), 0f, 256f,
                    PipelineOptions.CLEAN);
        }
        if (!PipelineOptions.LEGACY.equals(set)) {
            throw new IllegalArgumentException("model.set must be legacy or clean, not '" + modelSet + "'");
        }
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
