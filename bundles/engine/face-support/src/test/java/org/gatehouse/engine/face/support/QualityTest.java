package org.gatehouse.engine.face.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class QualityTest {
    private static RgbImage checker(int cell) {
        byte[] rgb = new byte[112 * 112 * 3];
        for (int y = 0; y < 112; y++) {
            for (int x = 0; x < 112; x++) {
                byte v = (byte) (((x / cell) + (y / cell)) % 2 == 0 ? 220 : 30);
                for (int c = 0; c < 3; c++) {
                    rgb[(y * 112 + x) * 3 + c] = v;
                }
            }
        }
        return new RgbImage(112, 112, rgb);
    }

    private static RgbImage boxBlur(RgbImage img, int r) {
        int w = img.width(), h = img.height();
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int s = 0, n = 0;
                    for (int dy = -r; dy <= r; dy++) {
                        for (int dx = -r; dx <= r; dx++) {
                            s += img.at(x + dx, y + dy, c);
                            n++;
                        }
                    }
                    out[(y * w + x) * 3 + c] = (byte) (s / n);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    @Test
    void flatImageHasNoSharpnessAndBlurLowersIt() {
        RgbImage flat = new RgbImage(112, 112, new byte[112 * 112 * 3]);
        assertEquals(0f, Quality.laplacianVariance(flat), 1e-6);
        RgbImage sharp = checker(4);
        float s0 = Quality.laplacianVariance(sharp);
        float s1 = Quality.laplacianVariance(boxBlur(sharp, 1));
        float s3 = Quality.laplacianVariance(boxBlur(sharp, 3));
        assertTrue(s0 > s1 && s1 > s3, s0 + " > " + s1 + " > " + s3);
        assertTrue(s0 > 1000, "a hard checkerboard is very sharp: " + s0);
        assertTrue(s3 < 300, "a 7x7 box blur of 4-px cells is blurred: " + s3);
    }

    @Test
    void yawIsZeroForTheTemplateAndGrowsWithNoseOffset() {
        assertEquals(0f, Quality.yaw(Alignment.ARCFACE_112), 1.0f);
        float[] turned = Alignment.ARCFACE_112.clone();
        turned[4] += 8; // nose tip towards the right eye
        float y1 = Quality.yaw(turned);
        turned[4] += 8;
        float y2 = Quality.yaw(turned);
        assertTrue(y1 > 15 && y2 > y1 && y2 < 90, y1 + " " + y2);
        // roll alone is not yaw
        double a = Math.toRadians(30);
        double[] rot = { Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0 };
        assertEquals(0f, Quality.yaw(Alignment.apply(rot, Alignment.ARCFACE_112)), 1.0f);
    }

    @Test
    void l2normalize() {
        float[] v = Quality.l2normalize(new float[] { 3, 4 });
        assertEquals(0.6f, v[0], 1e-6);
        assertEquals(0.8f, v[1], 1e-6);
        float[] r = new float[512];
        Random rnd = new Random(5);
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) rnd.nextGaussian() * 40;
        }
        double s = 0;
        for (float f : Quality.l2normalize(r)) {
            s += f * f;
        }
        assertEquals(1.0, s, 1e-5);
    }

    @Test
    void fiveOf68TakesEyeCentresNoseAndMouthCorners() {
        float[] p = new float[136];
        for (int i = 0; i < 68; i++) {
            p[2 * i] = i;
            p[2 * i + 1] = 1000 + i;
        }
        float[] five = Landmarks.fiveOf68(p);
        assertEquals((37 + 38 + 40 + 41) / 4f, five[0], 1e-5);
        assertEquals((43 + 44 + 46 + 47) / 4f, five[2], 1e-5);
        assertEquals(30f, five[4]);
        assertEquals(1030f, five[5]);
        assertEquals((48 + 60) / 2f, five[6]);
        assertEquals((54 + 64) / 2f, five[8]);
    }
}
