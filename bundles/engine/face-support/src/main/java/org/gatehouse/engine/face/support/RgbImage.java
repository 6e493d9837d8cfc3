package org.gatehouse.engine.face.support;

/**
 * A decoded image: interleaved 8-bit RGB, row-major.
 *
 * @param width  width in pixels
 * @param height height in pixels
 * @param rgb    width*height*3 bytes, R G B per pixel
 */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("rgb length " + rgb.length + " != " + width + "x" + height + "x3");
        }
    }

    /** @return channel c (0=R,1=G,2=B) of pixel (x,y), 0..255, clamped to the border */
    public int at(int x, int y, int c) {
        x = x < 0 ? 0 : Math.min(x, width - 1);
        y = y < 0 ? 0 : Math.min(y, height - 1);
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }

    /** @return the grey value (ITU-R BT.601 luma) of pixel (x,y) */
    public float grey(int x, int y) {
        return 0.299f * at(x, y, 0) + 0.587f * at(x, y, 1) + 0.114f * at(x, y, 2);
    }

    /**
     * Bilinear sample of channel c at a real position (pixel centres at integer coordinates); outside is black.
     */
    public float sample(float fx, float fy, int c) {
        if (fx < -1 || fy < -1 || fx > width || fy > height) {
            return 0f;
        }
        int x0 = (int) Math.floor(fx), y0 = (int) Math.floor(fy);
        float ax = fx - x0, ay = fy - y0;
        float p00 = px(x0, y0, c), p10 = px(x0 + 1, y0, c), p01 = px(x0, y0 + 1, c), p11 = px(x0 + 1, y0 + 1, c);
        return (p00 * (1 - ax) + p10 * ax) * (1 - ay) + (p01 * (1 - ax) + p11 * ax) * ay;
    }

    private float px(int x, int y, int c) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return 0f;
        }
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }
}
