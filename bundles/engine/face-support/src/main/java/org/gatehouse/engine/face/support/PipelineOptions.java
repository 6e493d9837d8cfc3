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
 */
public record PipelineOptions(String detector, Path detectorModel, Path landmarkModel, Path embeddingModel,
        float scoreThreshold, float nmsIou, long maxPixels, int maxFaces, int threads,
        float embeddingMean, float embeddingStd) {

    /** Defaults for the models shipped in {@code dir}: UltraFace, threshold 0.7, 25 MP, 1 thread. */
    public static PipelineOptions defaults(Path dir) {
        return new PipelineOptions("ultraface", dir.resolve("fr-detect.onnx"), dir.resolve("fr-landmark.onnx"),
                dir.resolve("fr-feature.onnx"), 0.7f, 0.4f, ImageDecoder.DEFAULT_MAX_PIXELS, 20, 1, 127f, 128f);
    }

    /** @return a copy with another detector and file */
    public PipelineOptions withDetector(String kind, Path model) {
        return new PipelineOptions(kind, model, landmarkModel, embeddingModel, scoreThreshold, nmsIou, maxPixels,
                maxFaces, threads, embeddingMean, embeddingStd);
    }
}
