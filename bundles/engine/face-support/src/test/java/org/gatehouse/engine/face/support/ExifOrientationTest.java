package org.gatehouse.engine.face.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.Test;

class ExifOrientationTest {
    /** Inserts an APP1 Exif segment with IFD0 orientation right after the SOI of a JPEG. */
    static byte[] withOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        if (littleEndian) {
            tiff.writeBytes(new byte[] { 'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0,
                (byte) orientation, 0, 0, 0, 0, 0, 0, 0 });
        } else {
            tiff.writeBytes(new byte[] { 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1,
                0, (byte) orientation, 0, 0, 0, 0, 0, 0 });
        }
        byte[] t = tiff.toByteArray();
        int len = 2 + 6 + t.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        out.write(len >> 8);
        out.write(len & 0xff);
        out.writeBytes(new byte[] { 'E', 'x', 'i', 'f', 0, 0 });
        out.writeBytes(t);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    @Test
    void readsTheOrientationInBothByteOrders() throws Exception {
        byte[] jpg = ImageDecoderTest.encoded("jpg", 40, 20);
        assertEquals(1, ExifOrientation.of(jpg));
        assertEquals(6, ExifOrientation.of(withOrientation(jpg, 6, true)));
        assertEquals(8, ExifOrientation.of(withOrientation(jpg, 8, false)));
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
        RgbImage decoded = new ImageDecoder(0).decode(withOrientation(ImageDecoderTest.encoded("jpg", 40, 20), 6, true));
        assertEquals(20, decoded.width());
        assertEquals(40, decoded.height());
    }
}
