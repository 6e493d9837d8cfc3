package org.gatehouse.engine.face.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class AlignmentTest {

    /** Points = template moved by a known similarity; the fit must recover its inverse exactly. */
    @Test
    void recoversAKnownSimilarity() {
        double angle = Math.toRadians(17), scale = 2.3, tx = 311.5, ty = 127.25;
        double[] known = { scale * Math.cos(angle), -scale * Math.sin(angle), tx,
            scale * Math.sin(angle), scale * Math.cos(angle), ty };
        float[] face = Alignment.apply(known, Alignment.ARCFACE_112);
        double[] fit = Alignment.similarity(face, Alignment.ARCFACE_112);
        double[] expected = Alignment.invert(known);
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i], fit[i], 1e-4, "coefficient " + i);
        }
        float[] back = Alignment.apply(fit, face);
        for (int i = 0; i < 10; i++) {
            assertEquals(Alignment.ARCFACE_112[i], back[i], 1e-3);
        }
    }

    @Test
    void leastSquaresWithNoiseStaysClose() {
        Random r = new Random(7);
        double[] known = { 0.5, -0.1, 20, 0.1, 0.5, -4 };
        float[] face = Alignment.apply(Alignment.invert(known), Alignment.ARCFACE_112);
        for (int i = 0; i < face.length; i++) {
            face[i] += (float) r.nextGaussian() * 0.5f;
        }
        double[] fit = Alignment.similarity(face, Alignment.ARCFACE_112);
        assertEquals(known[0], fit[0], 0.02);
        assertEquals(known[3], fit[3], 0.02);
        // similarity: rotation+uniform scale, no shear
        assertEquals(fit[0], fit[4], 1e-9);
        assertEquals(-fit[1], fit[3], 1e-9);
    }

    /** Warping a synthetic image with a dot at a key point puts the dot at the template point. */
    @Test
    void warpMovesPixelsWhereTheTransformSays() {
        int w = 400, h = 300;
        byte[] rgb = new byte[w * h * 3];
        // white 5x5 square centred on (250, 120)
        for (int y = 118; y <= 122; y++) {
            for (int x = 248; x <= 252; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * w + x) * 3 + c] = (byte) 255;
                }
            }
        }
        RgbImage img = new RgbImage(w, h, rgb);
        double[] m = { 1, 0, -250 + 56, 0, 1, -120 + 56 }; // translate (250,120) -> (56,56)
        RgbImage out = Alignment.warp(img, m, 112);
        assertEquals(255, out.at(56, 56, 0));
        assertEquals(0, out.at(40, 40, 0));
        assertTrue(out.at(58, 56, 1) > 200);
    }
}
