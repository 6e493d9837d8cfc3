package org.gatehouse.engine.face.support;

/** Quality measures of a face: sharpness of the aligned crop and yaw from the five key points. */
public final class Quality {
    /** Nose-tip depth over half the eye distance of an average face, for the yaw estimate. */
    static final double NOSE_DEPTH_RATIO = 0.7;

    private Quality() {
    }

    /** @return the variance of the 4-neighbour Laplacian of the grey image (higher = sharper) */
    public static float laplacianVariance(RgbImage img) {
        int w = img.width(), h = img.height();
        float[] g = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                g[y * w + x] = img.grey(x, y);
            }
        }
        double sum = 0, sum2 = 0;
        int n = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                double l = g[i - 1] + g[i + 1] + g[i - w] + g[i + w] - 4 * g[i];
                sum += l;
                sum2 += l * l;
                n++;
            }
        }
        if (n == 0) {
            return 0f;
        }
        double mean = sum / n;
        return (float) (sum2 / n - mean * mean);
    }

    /**
     * Absolute yaw in degrees from the five points (left eye, right eye, nose, mouth corners): with eyes at +-e and
     * the nose tip at depth d in front of them, (l - r)/(l + r) = (d/e) tan(yaw), where l and r are the horizontal
     * distances from each eye to the nose. An estimate (about +-10 degrees), good enough for a frontal gate.
     */
    public static float yaw(float[] five) {
        double ex = five[2] - five[0], ey = five[3] - five[1];
        double len = Math.hypot(ex, ey);
        if (len < 1e-6) {
            return 90f;
        }
        // project onto the eye line so that roll does not count as yaw
        double ux = ex / len, uy = ey / len;
        double l = (five[4] - five[0]) * ux + (five[5] - five[1]) * uy;
        double r = (five[2] - five[4]) * ux + (five[3] - five[5]) * uy;
        if (l + r <= 1e-6) {
            return 90f;
        }
        double ratio = (l - r) / (l + r);
        return (float) Math.toDegrees(Math.atan(Math.abs(ratio) / NOSE_DEPTH_RATIO));
    }

    /** L2-normalises a vector in place and returns it. */
    public static float[] l2normalize(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f * f;
        }
        double n = Math.sqrt(s);
        if (n > 1e-12) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / n);
            }
        }
        return v;
    }
}
