package org.gatehouse.engine.face.support;

import java.nio.file.Path;

/**
 * What a {@link FacePipeline} needs besides a backend.
 *
 * @param detector       {@code ultraface} (fr-detect.onnx) or {@code blazeface} (blazeface-back-256.onnx)
 * @param detectorModel  detector file
 * @param landmarkModel  68-point landmark file
 * @param embeddingModel embedding file (112x112 RGB aligned -> vector)
 * @param scoreThreshold detector score threshold 0..1
 * @param nmsIou         NMS overlap threshold
 * @param maxPixels      images above this many pixels are refused before decoding
 * @param maxFaces       at most this many faces per frame are landmarked and embedded (largest first)
 * @param threads        intra-op threads per model
 * @param embeddingMean  embedding input normalisation (p - mean) / std
 * @param embeddingStd   see embeddingMean
 * @param modelSet       {@code legacy} (detector -> 68 key points -> ArcFace 112x112 -> embedding model) or
 *                       {@code clean} (BlazeFace's eyes -> dlib's 150x150 chip -> dlib ResNet, no landmark model;
 *                       the landmark model and the embedding normalisation are not used)
 */
public record PipelineOptions(String detector, Path detectorModel, Path landmarkModel, Path embeddingModel,
        float scoreThreshold, float nmsIou, long maxPixels, int maxFaces, int threads,
        float embeddingMean, float embeddingStd, String modelSet) {
    /** The model sets (see models/face/MODELS.md). */
    public static final String LEGACY = "legacy";
    public static final String CLEAN = "clean";
    /** The clean set's files: BlazeFace (Apache-2.0) and the dlib ResNet converted at build time (CC0). */
    public static final String CLEAN_DETECTOR_FILE = "blazeface-back-256.onnx";
    public static final String CLEAN_EMBEDDING_FILE = "dlib-resnet-v1.onnx";

    public PipelineOptions {
        if (!LEGACY.equals(modelSet) && !CLEAN.equals(modelSet)) {
            throw new IllegalArgumentException("model.set must be legacy or clean, not '" + modelSet + "'");
        }
        if (CLEAN.equals(modelSet) && !"blazeface".equals(detector)) {
            throw new IllegalArgumentException("model.set clean needs the blazeface detector (its eye key points "
                    + "replace the landmark model), not '" + detector + "'");
        }
    }

    /** The legacy set with these values. */
    public PipelineOptions(String detector, Path detectorModel, Path landmarkModel, Path embeddingModel,
            float scoreThreshold, float nmsIou, long maxPixels, int maxFaces, int threads,
            float embeddingMean, float embeddingStd) {
        this(detector, detectorModel, landmarkModel, embeddingModel, scoreThreshold, nmsIou, maxPixels, maxFaces,
                threads, embeddingMean, embeddingStd, LEGACY);
    }

    /** @return true for the clean set */
    public boolean clean() {
        return CLEAN.equals(modelSet);
    }

    /** Defaults of the clean set for the models shipped in {@code dir}: BlazeFace -> dlib ResNet. */
    public static PipelineOptions clean(Path dir) {
        return new PipelineOptions("blazeface", dir.resolve(CLEAN_DETECTOR_FILE), null, dir.resolve(CLEAN_EMBEDDING_FILE),
                0.7f, 0.4f, ImageDecoder.DEFAULT_MAX_PIXELS, 20, 1, 0f, 256f, CLEAN);
    }

    /** Defaults for the models shipped in {@code dir}: UltraFace, threshold 0.7, 25 MP, 1 thread. */
    public static PipelineOptions defaults(Path dir) {
        return new PipelineOptions("ultraface", dir.resolve("fr-detect.onnx"), dir.resolve("fr-landmark.onnx"),
                dir.resolve("fr-feature.onnx"), 0.7f, 0.4f, ImageDecoder.DEFAULT_MAX_PIXELS, 20, 1, 127f, 128f);
    }

    /** @return a copy with another detector and file */
    public PipelineOptions withDetector(String kind, Path model) {
        return new PipelineOptions(kind, model, landmarkModel, embeddingModel, scoreThreshold, nmsIou, maxPixels,
                maxFaces, threads, embeddingMean, embeddingStd, modelSet);
    }
}
