package org.gatehouse.engine.face.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExifOrientationTest {
    @Test
    void readsTheOrientationInBothByteOrders() throws Exception {
        byte[] jpg = ImageDecoderTest.encoded("jpg", 40, 20);
        assertEquals(1, ExifOrientation.of(jpg));
        assertEquals(6, ExifOrientation.of(TestImages.withOrientation(jpg, 6, true)));
        assertEquals(8, ExifOrientation.of(TestImages.withOrientation(jpg, 8, false)));
        assertEquals(1, ExifOrientation.of(new byte[] { 1, 2, 3, 4, 5 }));
    }

    @Test
    void decoderTurnsSidewaysPhotosUpright() throws Exception {
        byte[] jpg = ImageDecoderTest.encoded("png", 40, 20);
        RgbImage plain = new ImageDecoder(0).decode(jpg);
        // orientation 6: the stored image must turn 90 degrees clockwise: 40x20 -> 20x40, top-left -> top-right
        RgbImage cw = ExifOrientation.apply(plain, 6);
        assertEquals(20, cw.width());
        assertEquals(40, cw.height());
        assertEquals(plain.at(0, 0, 0), cw.at(19, 0, 0));
        assertEquals(plain.at(39, 19, 1), cw.at(0, 39, 1));
        RgbImage ccw = ExifOrientation.apply(plain, 8);
        assertEquals(plain.at(0, 0, 2), ccw.at(0, 39, 2));
        RgbImage half = ExifOrientation.apply(plain, 3);
        assertEquals(plain.at(0, 0, 0), half.at(39, 19, 0));
        for (int o = 1; o <= 8; o++) {
            RgbImage r = ExifOrientation.apply(plain, o);
            assertEquals(o >= 5 ? 20 : 40, r.width(), "orientation " + o);
        }
        RgbImage decoded = new ImageDecoder(0)
                .decode(TestImages.withOrientation(ImageDecoderTest.encoded("jpg", 40, 20), 6, true));
        assertEquals(20, decoded.width());
        assertEquals(40, decoded.height());
    }
}
