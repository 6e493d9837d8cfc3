package org.gatehouse.engine.face.support;

import java.util.List;

/** A face detector: pre-processing, one tensor run, decoding and NMS. */
public interface FaceDetector {
    /** @return faces in source pixels, best score first */
    List<FaceBox> detect(RgbImage image);

    /**
     * The square crop the 68-point landmark model expects for a detector box, as x, y, side. The landmark model was
     * trained on UltraFace boxes made square (side = box height, same centre); other detectors adapt their boxes.
     */
    default float[] landmarkCrop(FaceBox b) {
        float side = b.height();
        float cx = (b.x1() + b.x2()) / 2, cy = (b.y1() + b.y2()) / 2;
        return new float[] { cx - side / 2, cy - side / 2, side };
    }
}
