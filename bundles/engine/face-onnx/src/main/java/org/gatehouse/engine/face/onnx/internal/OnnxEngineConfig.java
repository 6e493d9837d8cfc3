package org.gatehouse.engine.face.onnx.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the ONNX face engine, PID {@code org.gatehouse.engine.face.onnx}. */
@ObjectClassDefinition(name = "Gatehouse face engine (DJL + ONNX Runtime)",
        description = "Face detection, alignment and embedding with ONNX models run by DJL on ONNX Runtime")
public @interface OnnxEngineConfig {
    @AttributeDefinition(description = "Directory of the model files; relative model names resolve against it. "
            + "Empty = ${karaf.base}/models/face")
    String models_dir() default "";

    @AttributeDefinition(description = "Model set: legacy (detector, 68 key points, fr-feature.onnx) or clean "
            + "(blazeface-back-256.onnx, dlib-resnet-v1.onnx; licence-clean, see models/face/MODELS.md)")
    String model_set() default "legacy";

    @AttributeDefinition(description = "Detector: ultraface (fr-detect.onnx) or blazeface (blazeface-back-256.onnx)")
    String detector() default "ultraface";

    @AttributeDefinition(description = "Detector model file; empty = the default file of the chosen detector")
    String detector_model() default "";

    @AttributeDefinition(description = "68-point landmark model file")
    String landmark_model() default "fr-landmark.onnx";

    @AttributeDefinition(description = "Embedding model file (112x112 aligned RGB -> vector)")
    String embedding_model() default "fr-feature.onnx";

    @AttributeDefinition(description = "Embedding input normalisation: (p - mean) / std")
    float embedding_mean() default 127f;

    @AttributeDefinition(description = "Embedding input normalisation: (p - mean) / std")
    float embedding_std() default 128f;

    @AttributeDefinition(description = "Detector score threshold, 0..1")
    float score_threshold() default 0.7f;

    @AttributeDefinition(description = "Non-maximum suppression overlap (IoU) threshold")
    float nms_iou() default 0.4f;

    @AttributeDefinition(description = "Images with more pixels are refused from their header, before decoding")
    long max_pixels() default 25_000_000L;

    @AttributeDefinition(description = "At most this many faces per frame are embedded (largest first)")
    int max_faces() default 20;

    @AttributeDefinition(description = "ONNX Runtime intra-op threads per model (1 = the calling thread)")
    int intra_op_threads() default 1;
}
