package org.gatehouse.engine.face.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.ImageIO;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.recognition.FaceReasons;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);

    static byte[] encoded(String format, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Random r = new Random(1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | r.nextInt(256));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    private void assertCode(String code, byte[] data) {
        GatehouseException e = assertThrows(GatehouseException.class, () -> decoder.decode(data));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(GatehouseException.Kind.INVALID, e.kind());
    }

    @Test
    void decodesJpegAndPngWithTheirColours() throws IOException {
        RgbImage jpg = decoder.decode(encoded("jpg", 320, 200));
        assertEquals(320, jpg.width());
        assertEquals(200, jpg.height());
        RgbImage png = decoder.decode(encoded("png", 64, 48));
        assertEquals(64, png.width());
        // lossless: red ramps with x, green with y
        assertEquals(63 * 255 / 64, png.at(63, 0, 0));
        assertEquals(47 * 255 / 48, png.at(0, 47, 1));
    }

    @Test
    void zeroBytesIsEmpty() {
        assertCode(FaceReasons.IMAGE_EMPTY, new byte[0]);
        assertCode(FaceReasons.IMAGE_EMPTY, null);
    }

    @Test
    void randomBytesAndTextAreUndecodable() {
        byte[] random = new byte[4096];
        new Random(3).nextBytes(random);
        assertCode(FaceReasons.IMAGE_UNDECODABLE, random);
        assertCode(FaceReasons.IMAGE_UNDECODABLE, "this is not an image".getBytes());
    }

    @Test
    void truncatedJpegIsUndecodable() throws IOException {
        byte[] jpg = encoded("jpg", 640, 480);
        for (double keep : new double[] { 0.2, 0.6, 0.95 }) {
            assertCode(FaceReasons.IMAGE_UNDECODABLE, Arrays.copyOf(jpg, (int) (jpg.length * keep)));
        }
        // just the SOI and a few header bytes
        assertCode(FaceReasons.IMAGE_UNDECODABLE, Arrays.copyOf(jpg, 20));
    }

    @Test
    void truncatedPngIsUndecodable() throws IOException {
        byte[] png = encoded("png", 300, 200);
        for (double keep : new double[] { 0.3, 0.7, 0.99 }) {
            assertCode(FaceReasons.IMAGE_UNDECODABLE, Arrays.copyOf(png, (int) (png.length * keep)));
        }
    }

    /** A PNG whose header says 10000x5000 (50 MP) is refused from the header, without decoding any pixel. */
    @Test
    void fiftyMegapixelHeaderIsTooLarge() {
        assertCode(FaceReasons.IMAGE_TOO_LARGE, TestImages.pngHeader(10_000, 5_000));
        // just under the limit: passes the size check, then fails for the missing data
        assertCode(FaceReasons.IMAGE_UNDECODABLE, TestImages.pngHeader(5_000, 5_000));
    }
}
