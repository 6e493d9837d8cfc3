package org.gatehouse.engine.face.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * UltraFace-style detector ({@code fr-detect.onnx}, RFB-320): input 1x3x240x320 RGB (p-127)/128 of the whole frame
 * resized, outputs {@code scores} (N x 2, background/face) and {@code boxes} (N x 4, normalised corners, priors
 * already decoded by the graph).
 *
 * @param session   the detector model
 * @param threshold lowest face score kept
 * @param nmsIou    overlap above which the weaker of two boxes is dropped
 */
public record UltraFaceDetector(InferenceBackend.Session session, float threshold, float nmsIou)
        implements FaceDetector {
    static final int W = 320, H = 240;

    @Override
    public List<FaceBox> detect(RgbImage img) {
        float[] input = Tensors.nchw(img, 0, 0, img.width(), img.height(), W, H, 127f, 128f);
        Map<String, float[]> out = session.run(input, new long[] { 1, 3, H, W });
        float[] scores = out.get("scores"), boxes = out.get("boxes");
        if (scores == null || boxes == null) {
            throw new IllegalStateException("detector outputs must be named scores and boxes, got " + out.keySet());
        }
        return decode(scores, boxes, img.width(), img.height(), threshold, nmsIou);
    }

    /** Thresholds, scales to source pixels and applies NMS. */
    static List<FaceBox> decode(float[] scores, float[] boxes, int w, int h, float threshold, float nmsIou) {
        int n = boxes.length / 4;
        List<FaceBox> cand = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float s = scores[2 * i + 1];
            if (s >= threshold) {
                float x1 = clamp(boxes[4 * i] * w, w), y1 = clamp(boxes[4 * i + 1] * h, h);
                float x2 = clamp(boxes[4 * i + 2] * w, w), y2 = clamp(boxes[4 * i + 3] * h, h);
                cand.add(new FaceBox(x1, y1, x2, y2, s, new float[0]));
            }
        }
        return Nms.apply(cand, nmsIou, 750);
    }

    private static float clamp(float v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }
}
