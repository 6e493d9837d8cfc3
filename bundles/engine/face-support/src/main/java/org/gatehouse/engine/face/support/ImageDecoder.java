package org.gatehouse.engine.face.support;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.recognition.FaceReasons;

/**
 * Decodes JPEG/PNG/BMP bytes with guards: zero bytes, a size read from the header before any pixel is decoded, and
 * truncated or corrupt data (which ImageIO sometimes turns into a partly grey image without an exception: its warnings
 * and a missing JPEG end-of-image marker are treated as errors). JPEGs are turned upright by their EXIF orientation.
 */
public final class ImageDecoder {
    /** Default pixel limit (25 megapixels). */
    public static final long DEFAULT_MAX_PIXELS = 25_000_000L;

    private final long maxPixels;

    public ImageDecoder(long maxPixels) {
        this.maxPixels = maxPixels > 0 ? maxPixels : DEFAULT_MAX_PIXELS;
    }

    /**
     * @return the decoded image
     * @throws GatehouseException INVALID with {@link FaceReasons#IMAGE_EMPTY}, {@link FaceReasons#IMAGE_TOO_LARGE} or
     *                            {@link FaceReasons#IMAGE_UNDECODABLE}
     */
    public RgbImage decode(byte[] data) {
        if (data == null || data.length == 0) {
            throw GatehouseException.invalid(FaceReasons.IMAGE_EMPTY, "the image is empty (0 bytes)");
        }
        boolean jpeg = data.length >= 3 && (data[0] & 0xff) == 0xFF && (data[1] & 0xff) == 0xD8 && (data[2] & 0xff) == 0xFF;
        if (jpeg && !endsWithEoi(data)) {
            throw undecodable("truncated JPEG (no end-of-image marker)", null);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw undecodable("not a JPEG, PNG or BMP image", null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0), h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw undecodable("image header gives no size", null);
                }
                if (w * h > maxPixels) {
                    throw GatehouseException.invalid(FaceReasons.IMAGE_TOO_LARGE,
                            "the image is " + w + "x" + h + " = " + (w * h) + " pixels, above the limit of " + maxPixels);
                }
                AtomicReference<String> warning = new AtomicReference<>();
                reader.addIIOReadWarningListener(new IIOReadWarningListener() {
                    @Override
                    public void warningOccurred(ImageReader source, String message) {
                        warning.compareAndSet(null, message);
                    }
                });
                BufferedImage img = reader.read(0);
                if (warning.get() != null) {
                    throw undecodable("corrupt image: " + warning.get(), null);
                }
                RgbImage rgb = toRgb(img);
                return jpeg ? ExifOrientation.apply(rgb, ExifOrientation.of(data)) : rgb;
            } finally {
                reader.dispose();
            }
        } catch (GatehouseException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw undecodable("cannot decode the image: " + e.getMessage(), e);
        }
    }

    private static GatehouseException undecodable(String message, Throwable cause) {
        return cause == null ? GatehouseException.invalid(FaceReasons.IMAGE_UNDECODABLE, message)
                : new GatehouseException(GatehouseException.Kind.INVALID, FaceReasons.IMAGE_UNDECODABLE, message, cause);
    }

    /** A complete JPEG ends with FF D9 (some writers append a few padding bytes: look at the last 32). */
    static boolean endsWithEoi(byte[] d) {
        for (int i = d.length - 2; i >= Math.max(0, d.length - 32); i--) {
            if ((d[i] & 0xff) == 0xFF && (d[i + 1] & 0xff) == 0xD9) {
                return true;
            }
        }
        return false;
    }

    /** Converts any BufferedImage to interleaved RGB, with a fast path for 3-byte BGR (the usual JPEG result). */
    public static RgbImage toRgb(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        byte[] out = new byte[w * h * 3];
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR && img.getRaster().getDataBuffer() instanceof DataBufferByte db
                && db.getData().length == out.length) {
            byte[] bgr = db.getData();
            for (int i = 0; i < out.length; i += 3) {
                out[i] = bgr[i + 2];
                out[i + 1] = bgr[i + 1];
                out[i + 2] = bgr[i];
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                img.getRGB(0, y, w, 1, row, 0, w);
                int o = y * w * 3;
                for (int x = 0; x < w; x++) {
                    int p = row[x];
                    out[o++] = (byte) (p >> 16);
                    out[o++] = (byte) (p >> 8);
                    out[o++] = (byte) p;
                }
            }
        }
        return new RgbImage(w, h, out);
    }
}
