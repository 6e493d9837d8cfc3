package org.gatehouse.engine.face.support;

import java.util.Map;

/** The 68-point landmark model ({@code fr-landmark.onnx}: 1x1x64x64 grey p/256 -> 136 normalised coordinates). */
public final class Landmarks {
    static final int S = 64;

    private final InferenceBackend.Session session;

    public Landmarks(InferenceBackend.Session session) {
        this.session = session;
    }

    /**
     * @param crop x, y, side of the square face crop in source pixels
     * @return 68 points x0,y0,... in source pixels
     */
    public float[] predict(RgbImage img, float[] crop) {
        float[] input = Tensors.grey(img, crop[0], crop[1], crop[2], crop[2], S, S, 256f);
        Map<String, float[]> out = session.run(input, new long[] { 1, 1, S, S });
        float[] v = out.values().iterator().next();
        if (v.length != 136) {
            throw new IllegalStateException("landmark model must return 136 values, got " + v.length);
        }
        float[] pts = new float[136];
        for (int i = 0; i < 136; i += 2) {
            pts[i] = crop[0] + v[i] * crop[2];
            pts[i + 1] = crop[1] + v[i + 1] * crop[2];
        }
        return pts;
    }

    /**
     * Reduces the 68 iBUG points to the five of the ArcFace template: eye centres (mean of 4 lid points each), nose
     * tip (30), mouth corners (mean of outer and inner lip corners 48/60 and 54/64).
     */
    public static float[] fiveOf68(float[] p) {
        return new float[] {
            avg(p, 37, 38, 40, 41, 0), avg(p, 37, 38, 40, 41, 1),
            avg(p, 43, 44, 46, 47, 0), avg(p, 43, 44, 46, 47, 1),
            p[60], p[61],
            (p[96] + p[120]) / 2, (p[97] + p[121]) / 2,
            (p[108] + p[128]) / 2, (p[109] + p[129]) / 2 };
    }

    private static float avg(float[] p, int a, int b, int c, int d, int axis) {
        return (p[2 * a + axis] + p[2 * b + axis] + p[2 * c + axis] + p[2 * d + axis]) / 4;
    }
}
