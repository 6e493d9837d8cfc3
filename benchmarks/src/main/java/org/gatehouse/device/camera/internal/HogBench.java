package org.gatehouse.device.camera.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * HOG person detection (the camera's {@link PersonDetector}: OpenCV's default people detector through JavaCV) in ms
 * per frame, one thread, on frames of OpenCV's pedestrian sample video (vtest.avi, 768x576) scaled to the camera's
 * working sizes: each size analysed as it is ({@code person.width} = its width) and, for the larger ones, scaled to
 * the default {@code person.width=640} first (the scaling included). Prints median, p95, frames/s and the people
 * found per frame, and the machine's load average.
 *
 * <p>Arguments: video, frames per case (default 60), sizes {@code WxH,...} (default 640x360,1280x720).
 */
public final class HogBench {
    private HogBench() {
    }

    public static void main(String[] args) throws Exception {
        Path video = Path.of(args.length > 0 ? args[0] : System.getProperty("user.home")
                + "/.cache/gatehouse/testdata/video/vtest.avi");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        String sizes = args.length > 2 ? args[2] : "640x360,1280x720";
        if (!Files.isRegularFile(video)) {
            throw new IllegalArgumentException(video + " is missing: run build/fetch-testvideo.sh");
        }
        System.setProperty("org.bytedeco.javacpp.cachedir", Path.of("target", "javacpp-cache").toAbsolutePath().toString());
        List<BufferedImage> frames = frames(video, n);
        System.out.printf(Locale.ROOT, "HogBench: %d frames of %s, load average before: %s%n", frames.size(),
                video.getFileName(), load());
        for (String size : sizes.split(",")) {
            String[] wh = size.trim().split("x");
            int w = Integer.parseInt(wh[0]);
            int h = Integer.parseInt(wh[1]);
            List<BufferedImage> scaled = frames.stream().map(f -> scale(f, w, h)).toList();
            run(size + " as is", scaled, w);
            if (w > 640) {
                run(size + " -> person.width 640", scaled, 640);
            }
        }
        System.out.printf(Locale.ROOT, "load average after: %s, %d cores%n", load(),
                Runtime.getRuntime().availableProcessors());
    }

    private static void run(String label, List<BufferedImage> frames, int width) {
        try (PersonDetector d = new PersonDetector(width, 0.3)) {
            for (int i = 0; i < Math.min(5, frames.size()); i++) { // warm-up
                d.detect(frames.get(i));
            }
            double[] ms = new double[frames.size()];
            int people = 0;
            for (int i = 0; i < frames.size(); i++) {
                long t = System.nanoTime();
                people += d.detect(frames.get(i)).size();
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            double p95 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.95) - 1)];
            double mean = Arrays.stream(ms).average().orElse(0);
            System.out.printf(Locale.ROOT, "%-28s median %7.1f ms  p95 %7.1f ms  %5.1f frames/s  %.1f people/frame%n",
                    label, median, p95, 1000 / mean, (double) people / frames.size());
        }
    }

    /** @return every 5th frame of the video, n at most (the people move between them) */
    private static List<BufferedImage> frames(Path video, int n) throws Exception {
        List<BufferedImage> out = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toString());
             Java2DFrameConverter c = new Java2DFrameConverter()) {
            avutil.av_log_set_level(avutil.AV_LOG_QUIET);
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.start();
            Frame f;
            int i = 0;
            while (out.size() < n && (f = g.grabImage()) != null) {
                if (i++ % 5 == 0) {
                    out.add(Java2DFrameConverter.cloneBufferedImage(c.getBufferedImage(f)));
                }
            }
            g.stop();
        }
        return out;
    }

    private static BufferedImage scale(BufferedImage img, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
