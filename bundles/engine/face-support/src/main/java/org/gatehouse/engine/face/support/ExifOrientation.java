package org.gatehouse.engine.face.support;

/**
 * The EXIF orientation of a JPEG (tag 0x0112 of IFD0), which ImageIO ignores: phone photos are often stored sideways
 * with orientation 6 or 8, and a detector sees no upright face in them.
 */
public final class ExifOrientation {
    private ExifOrientation() {
    }

    /** @return the orientation 1..8 of a JPEG, 1 when absent, unreadable or not a JPEG */
    public static int of(byte[] d) {
        if (d.length < 4 || (d[0] & 0xff) != 0xFF || (d[1] & 0xff) != 0xD8) {
            return 1;
        }
        int i = 2;
        while (i + 4 <= d.length && (d[i] & 0xff) == 0xFF) {
            int marker = d[i + 1] & 0xff;
            int len = ((d[i + 2] & 0xff) << 8) | (d[i + 3] & 0xff);
            if (marker == 0xDA || len < 2) {
                break; // start of scan: no more metadata
            }
            int start = i + 4, end = Math.min(d.length, i + 2 + len);
            if (marker == 0xE1 && end - start > 14 && d[start] == 'E' && d[start + 1] == 'x' && d[start + 2] == 'i'
                    && d[start + 3] == 'f' && d[start + 4] == 0 && d[start + 5] == 0) {
                int o = tiffOrientation(d, start + 6, end);
                if (o >= 1 && o <= 8) {
                    return o;
                }
            }
            i += 2 + len;
        }
        return 1;
    }

    private static int tiffOrientation(byte[] d, int tiff, int end) {
        boolean le = d[tiff] == 'I' && d[tiff + 1] == 'I';
        if (!le && !(d[tiff] == 'M' && d[tiff + 1] == 'M')) {
            return 1;
        }
        long ifd = tiff + u32(d, tiff + 4, le);
        if (ifd + 2 > end) {
            return 1;
        }
        int n = u16(d, (int) ifd, le);
        for (int k = 0; k < n; k++) {
            int e = (int) ifd + 2 + 12 * k;
            if (e + 12 > end) {
                return 1;
            }
            if (u16(d, e, le) == 0x0112) {
                return u16(d, e + 8, le);
            }
        }
        return 1;
    }

    private static int u16(byte[] d, int i, boolean le) {
        return le ? (d[i] & 0xff) | (d[i + 1] & 0xff) << 8 : (d[i] & 0xff) << 8 | (d[i + 1] & 0xff);
    }

    private static long u32(byte[] d, int i, boolean le) {
        return le ? (u16(d, i, true) | (long) u16(d, i + 2, true) << 16) : ((long) u16(d, i, false) << 16 | u16(d, i + 2, false));
    }

    /** @return the image turned upright for an EXIF orientation (1 = unchanged) */
    public static RgbImage apply(RgbImage img, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return img;
        }
        int w = img.width(), h = img.height();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w, oh = swap ? w : h;
        byte[] src = img.rgb(), out = new byte[src.length];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                int sx, sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - ox; sy = oy; }
                    case 3 -> { sx = w - 1 - ox; sy = h - 1 - oy; }
                    case 4 -> { sx = ox; sy = h - 1 - oy; }
                    case 5 -> { sx = oy; sy = ox; }
                    case 6 -> { sx = oy; sy = h - 1 - ox; }
                    case 7 -> { sx = w - 1 - oy; sy = h - 1 - ox; }
                    default -> { sx = w - 1 - oy; sy = ox; } // 8
                }
                int s = (sy * w + sx) * 3, o = (oy * ow + ox) * 3;
                out[o] = src[s];
                out[o + 1] = src[s + 1];
                out[o + 2] = src[s + 2];
            }
        }
        return new RgbImage(ow, oh, out);
    }
}
