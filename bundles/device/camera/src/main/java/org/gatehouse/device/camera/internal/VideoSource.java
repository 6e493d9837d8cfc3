package org.gatehouse.device.camera.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * One open video stream: FFmpeg (JavaCV {@link FFmpegFrameGrabber}) decodes every frame and this keeps one per
 * {@code 1/sample.fps} of stream time, encoded as JPEG (the form the recognition SPI takes). Not thread-safe.
 */
final class VideoSource implements AutoCloseable {

    /** A failure to open or read, with a reason for operators (no password, no stack trace). */
    static final class VideoException extends Exception {
        private static final long serialVersionUID = 1L;

        VideoException(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * A sampled frame: the full frame (a copy of its own, so other threads may read it), the image faces are found in
     * (scaled down to {@code detect.width}), each encoded as JPEG only when asked for.
     */
    static final class Sample {
        final long millis;
        final Instant at;
        final double scale;
        final BufferedImage image;
        private BufferedImage small; // null once encoded, or when the full frame is the detection image
        private byte[] detectJpeg;
        private byte[] jpeg;

        /**
         * @param millis stream time in ms (file: the frame's time stamp; network: since the stream opened)
         * @param at     wall-clock time of the frame
         * @param image  the full frame, a copy of its own
         * @param small  the frame faces are found in, null when it is the full frame
         */
        Sample(long millis, Instant at, BufferedImage image, BufferedImage small) {
            this.millis = millis;
            this.at = at;
            this.image = image;
            this.small = small;
            this.scale = small == null ? 1.0 : (double) small.getWidth() / image.getWidth();
        }

        /** @return the image faces are found in, as JPEG */
        synchronized byte[] detectJpeg() {
            if (small == null) {
                return jpeg();
            }
            if (detectJpeg == null) {
                detectJpeg = VideoSource.jpeg(small);
                small = null;
            }
            return detectJpeg;
        }

        /** @return the full frame as JPEG */
        synchronized byte[] jpeg() {
            if (jpeg == null) {
                jpeg = VideoSource.jpeg(image);
            }
            return jpeg;
        }
    }

    private static final float JPEG_QUALITY = 0.9f;
    private static final Pattern FFMPEG_ERROR = Pattern.compile("error (-?\\d+)");
    private static volatile boolean quiet;

    private final CameraSettings settings;
    private final FFmpegFrameGrabber grabber;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private final long periodMicros;
    private final long openedNanos = System.nanoTime();
    private final Instant openedAt = Instant.now();
    private long nextMicros = Long.MIN_VALUE;
    private long lastMicros = -1;
    private long frames;
    private final long lengthMicros;
    private final int width;
    private final int height;

    private VideoSource(CameraSettings settings, FFmpegFrameGrabber grabber) {
        this.settings = settings;
        this.grabber = grabber;
        this.lengthMicros = Math.max(0, grabber.getLengthInTime());
        this.width = grabber.getImageWidth();
        this.height = grabber.getImageHeight();
        this.periodMicros = Math.max(1, Math.round(1_000_000 / settings.sampleFps()));
    }

    /**
     * Loads the FFmpeg natives (once) and opens the stream.
     *
     * @throws VideoException with the reason it cannot be opened
     */
    static VideoSource open(CameraSettings s) throws VideoException {
        loadNatives();
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(s.source());
        String micros = Long.toString(s.timeoutMillis() * 1000);
        if (s.rtsp()) {
            g.setOption("rtsp_transport", s.rtspTransport());
        }
        if (s.network()) {
            g.setOption("timeout", micros); // connect and socket I/O (RTSP, HTTP's TCP)
            g.setOption("rw_timeout", micros); // any read
        }
        g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        try {
            g.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            release(g);
            throw new VideoException("cannot open " + s.shownUrl() + ": " + reason(e, s));
        }
        if (g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
            release(g);
            throw new VideoException("cannot open " + s.shownUrl() + ": no video stream");
        }
        return new VideoSource(s, g);
    }

    /** Loads the natives of FFmpeg from the embedded jars and silences FFmpeg's own logging to stderr. */
    static synchronized void loadNatives() throws VideoException {
        try {
            Natives.configure();
            FFmpegFrameGrabber.tryLoad();
            if (!quiet) {
                avutil.av_log_set_level(avutil.AV_LOG_QUIET);
                quiet = true;
            }
        } catch (FrameGrabber.Exception | UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new VideoException("FFmpeg natives cannot be loaded on this platform: " + e.getMessage());
        }
    }

    /**
     * @return the next sampled frame, or null when the stream ended
     * @throws VideoException when reading fails
     */
    Sample next() throws VideoException {
        while (true) {
            Frame f;
            try {
                f = grabber.grabImage();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                throw new VideoException("read failed: " + reason(e, settings));
            }
            if (f == null) {
                return null;
            }
            if (f.image == null) {
                continue;
            }
            frames++;
            long micros = settings.network() ? (System.nanoTime() - openedNanos) / 1000 : Math.max(0, f.timestamp);
            lastMicros = Math.max(lastMicros, f.timestamp);
            if (nextMicros != Long.MIN_VALUE && micros < nextMicros) {
                continue;
            }
            nextMicros = nextMicros == Long.MIN_VALUE || micros - nextMicros >= periodMicros ? micros + periodMicros
                    : nextMicros + periodMicros;
            // the converter reuses its image for the next frame: the sample keeps a copy of the full frame
            BufferedImage img = Java2DFrameConverter.cloneBufferedImage(converter.getBufferedImage(f));
            Instant at = settings.network() ? Instant.now() : openedAt.plusNanos(micros * 1000);
            int dw = settings.detectWidth();
            if (!settings.faces() || dw == 0 || img.getWidth() <= dw) {
                return new Sample(micros / 1000, at, img, null);
            }
            return new Sample(micros / 1000, at, img, scaled(img, dw));
        }
    }

    /** @return the image scaled to a width (bilinear), in the BGR layout OpenCV reads */
    static BufferedImage scaled(BufferedImage img, int width) {
        double scale = (double) width / img.getWidth();
        BufferedImage small = new BufferedImage(width, Math.max(1, (int) Math.round(img.getHeight() * scale)),
                BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, small.getWidth(), small.getHeight(), null);
        } finally {
            g.dispose();
        }
        return small;
    }

    /** @return whether a file ended more than a second before its stated length (truncated) */
    boolean endedEarly() {
        return !settings.network() && lengthMicros > 0 && lastMicros < lengthMicros - 1_000_000;
    }

    /** @return stream time of the last frame read, seconds */
    double position() {
        return Math.max(0, lastMicros) / 1e6;
    }

    /** @return stated length of a file, seconds; 0 when unknown */
    double length() {
        return lengthMicros / 1e6;
    }

    long framesRead() {
        return frames;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    @Override
    public void close() {
        release(grabber);
        converter.close();
    }

    private static void release(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            // closing a failed stream: nothing more to free
        }
    }

    /** @return the image as JPEG (quality 0.9) */
    static byte[] jpeg(BufferedImage img) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no JPEG encoder in this Java runtime");
        }
        ImageWriter w = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(JPEG_QUALITY);
            w.setOutput(ios);
            w.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    /** @return the FFmpeg error as text (av_strerror), without the URL's password or JavaCV's hints */
    static String reason(Throwable e, CameraSettings s) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher err = FFMPEG_ERROR.matcher(m);
        if (err.find()) {
            int code = Integer.parseInt(err.group(1));
            String text = errorText(code);
            if (text != null) {
                return text + " (FFmpeg " + code + ")";
            }
        }
        m = m.replace(" (Has setFormat() been called?)", "");
        if (s != null) {
            m = m.replace(s.url(), s.shownUrl()).replace(s.source(), s.shownUrl());
        }
        return CameraSettings.redact(m);
    }

    private static String errorText(int code) {
        try (BytePointer buf = new BytePointer(256)) {
            if (avutil.av_strerror(code, buf, 256) < 0) {
                return null;
            }
            String t = buf.getString();
            int nul = t.indexOf('\0');
            t = (nul >= 0 ? t.substring(0, nul) : t).trim();
            return t.isEmpty() ? null : t;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return null;
        }
    }
}
