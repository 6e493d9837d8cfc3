package org.gatehouse.engine.face.support;

/** Image to tensor conversions with bilinear resampling. */
public final class Tensors {
    private Tensors() {
    }

    /**
     * Resizes the region (x, y, w, h) of the image to outW x outH and writes (p - mean) / std per channel, NCHW RGB.
     * Pixel centres are aligned as OpenCV's INTER_LINEAR does.
     */
    public static float[] nchw(RgbImage img, float x, float y, float w, float h, int outW, int outH, float mean, float std) {
        float[] t = new float[3 * outW * outH];
        int plane = outW * outH;
        float sx = w / outW, sy = h / outH;
        for (int oy = 0; oy < outH; oy++) {
            float fy = y + (oy + 0.5f) * sy - 0.5f;
            for (int ox = 0; ox < outW; ox++) {
                float fx = x + (ox + 0.5f) * sx - 0.5f;
                int i = oy * outW + ox;
                for (int c = 0; c < 3; c++) {
                    t[c * plane + i] = (img.sample(fx, fy, c) - mean) / std;
                }
            }
        }
        return t;
    }

    /** As {@link #nchw} but NHWC (channels last). */
    public static float[] nhwc(RgbImage img, float x, float y, float w, float h, int outW, int outH, float mean, float std) {
        float[] t = new float[3 * outW * outH];
        float sx = w / outW, sy = h / outH;
        int o = 0;
        for (int oy = 0; oy < outH; oy++) {
            float fy = y + (oy + 0.5f) * sy - 0.5f;
            for (int ox = 0; ox < outW; ox++) {
                float fx = x + (ox + 0.5f) * sx - 0.5f;
                for (int c = 0; c < 3; c++) {
                    t[o++] = (img.sample(fx, fy, c) - mean) / std;
                }
            }
        }
        return t;
    }

    /** Grey (BT.601) region resized to outW x outH, p / scale, shape 1x1xHxW. */
    public static float[] grey(RgbImage img, float x, float y, float w, float h, int outW, int outH, float scale) {
        float[] t = new float[outW * outH];
        float sx = w / outW, sy = h / outH;
        for (int oy = 0; oy < outH; oy++) {
            float fy = y + (oy + 0.5f) * sy - 0.5f;
            for (int ox = 0; ox < outW; ox++) {
                float fx = x + (ox + 0.5f) * sx - 0.5f;
                float g = 0.299f * img.sample(fx, fy, 0) + 0.587f * img.sample(fx, fy, 1) + 0.114f * img.sample(fx, fy, 2);
                t[oy * outW + ox] = g / scale;
            }
        }
        return t;
    }

    /** NCHW RGB of a whole image already at the model's size. */
    public static float[] nchw(RgbImage img, float mean, float std) {
        int w = img.width(), h = img.height(), plane = w * h;
        byte[] p = img.rgb();
        float[] t = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            t[i] = ((p[3 * i] & 0xff) - mean) / std;
            t[plane + i] = ((p[3 * i + 1] & 0xff) - mean) / std;
            t[2 * plane + i] = ((p[3 * i + 2] & 0xff) - mean) / std;
        }
        return t;
    }

    /** A whole image as NCHW RGB, (p - mean[c]) / scale per channel (no resampling). */
    public static float[] planar(RgbImage img, float[] means, float scale) {
        int w = img.width(), h = img.height(), plane = w * h;
        float[] t = new float[3 * plane];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    t[c * plane + y * w + x] = (img.sample(x, y, c) - means[c]) / scale;
                }
            }
        }
        return t;
    }
}
