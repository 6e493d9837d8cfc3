package org.gatehouse.engine.face.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MediaPipe BlazeFace "back" detector ({@code blazeface-back-256.onnx}, Barracuda export): input 1x256x256x3 RGB in
 * [-1,1] (the frame letterboxed), 896 anchors on a 16x16 grid (2 per cell) and an 8x8 grid (6 per cell). Each anchor
 * regresses centre offset, size and 6 key points in input pixels (right eye, left eye, nose tip, mouth centre, right
 * and left ear tragion, "right" being the subject's right = image left); the score is a logit.
 *
 * @param session   the detector model
 * @param threshold lowest face score kept
 * @param nmsIou    overlap above which the weaker of two boxes is dropped
 */
public record BlazeFaceDetector(InferenceBackend.Session session, float threshold, float nmsIou)
        implements FaceDetector {
    static final int S = 256;
    /** BlazeFace boxes are tighter than UltraFace's: scale the box for the 68-point landmark crop. */
    static final float LANDMARK_CROP_SCALE = 1.25f;

    @Override
    public List<FaceBox> detect(RgbImage img) {
        float scale = (float) S / Math.max(img.width(), img.height());
        float side = S / scale; // letterbox: a square of side = the longer image side, centred on the image
        float ox = (img.width() - side) / 2, oy = (img.height() - side) / 2;
        float[] input = Tensors.nhwc(img, ox, oy, side, side, S, S, 127.5f, 127.5f);
        Map<String, float[]> out = session.run(input, new long[] { 1, S, S, 3 });
        float[] s16 = null, s8 = null, b16 = null, b8 = null;
        for (float[] v : out.values()) {
            if (v.length == 512) {
                s16 = v;
            } else if (v.length == 384) {
                s8 = v;
            } else if (v.length == 512 * 16) {
                b16 = v;
            } else if (v.length == 384 * 16) {
                b8 = v;
            }
        }
        if (s16 == null || s8 == null || b16 == null || b8 == null) {
            throw new IllegalStateException("unexpected BlazeFace outputs " + out.keySet());
        }
        List<FaceBox> cand = new ArrayList<>();
        decodeGrid(s16, b16, 16, 2, cand, ox, oy, side);
        decodeGrid(s8, b8, 8, 6, cand, ox, oy, side);
        // BlazeFace's coarse 8x8 anchors also fire on parts of a close-up face: suppress boxes mostly inside a kept one
        return Nms.suppressContained(Nms.apply(cand, nmsIou, 750), 0.6f);
    }

    private void decodeGrid(float[] scores, float[] boxes, int cells, int anchors, List<FaceBox> out,
            float ox, float oy, float side) {
        for (int cy = 0; cy < cells; cy++) {
            for (int cx = 0; cx < cells; cx++) {
                for (int a = 0; a < anchors; a++) {
                    int i = (cy * cells + cx) * anchors + a;
                    float s = sigmoid(scores[i]);
                    if (s < threshold) {
                        continue;
                    }
                    int b = i * 16;
                    float ax = (cx + 0.5f) / cells, ay = (cy + 0.5f) / cells;
                    float x = ax + boxes[b] / S, y = ay + boxes[b + 1] / S;
                    float w = boxes[b + 2] / S, h = boxes[b + 3] / S;
                    float[] kp = new float[12];
                    for (int k = 0; k < 6; k++) {
                        kp[2 * k] = ox + (ax + boxes[b + 4 + 2 * k] / S) * side;
                        kp[2 * k + 1] = oy + (ay + boxes[b + 5 + 2 * k] / S) * side;
                    }
                    out.add(new FaceBox(ox + (x - w / 2) * side, oy + (y - h / 2) * side,
                            ox + (x + w / 2) * side, oy + (y + h / 2) * side, s, kp));
                }
            }
        }
    }

    @Override
    public float[] landmarkCrop(FaceBox b) {
        float side = Math.max(b.width(), b.height()) * LANDMARK_CROP_SCALE;
        float cx = (b.x1() + b.x2()) / 2, cy = (b.y1() + b.y2()) / 2;
        return new float[] { cx - side / 2, cy - side / 2, side };
    }

    private static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }
}
