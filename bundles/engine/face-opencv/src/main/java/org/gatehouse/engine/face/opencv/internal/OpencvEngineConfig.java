package org.gatehouse.engine.face.opencv.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the OpenCV face engine, PID {@code org.gatehouse.engine.face.opencv}. */
@ObjectClassDefinition(name = "Gatehouse face engine (OpenCV DNN)",
        description = "Face detection, alignment and embedding with ONNX models run by OpenCV's DNN module (JavaCV / bytedeco)")
public @interface OpencvEngineConfig {
    @AttributeDefinition(description = "Directory of the model files; relative model names resolve against it. "
            + "Empty = ${karaf.base}/models/face")
    String models_dir() default "";

    @AttributeDefinition(description = "Model set: legacy (detector, 68 key points, fr-feature.onnx) or clean "
            + "(blazeface-back-256.onnx, dlib-resnet-v1.onnx; licence-clean, see models/face/MODELS.md)")
    String model_set() default "legacy";

    @AttributeDefinition(description = "Detector: ultraface (fr-detect.onnx); blazeface is refused (OpenCV 4.13 cannot run it correctly)")
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

    @AttributeDefinition(description = "OpenCV threads, process-wide (1 = every forward on the caller's thread)")
    int threads() default 1;

    @AttributeDefinition(description = "Nets per model: how many forwards of one model may run at once (each holds a copy of the weights)")
    int net_pool_size() default 2;

    @AttributeDefinition(description = "OpenCV Zoo YuNet detector file (face_detection_yunet*.onnx); with sface.model "
            + "replaces the three ONNX models above. Empty = not used")
    String yunet_model() default "";

    @AttributeDefinition(description = "OpenCV Zoo SFace recogniser file (face_recognition_sface*.onnx); with yunet.model. "
            + "Empty = not used")
    String sface_model() default "";
}
