package org.gatehouse.device.camera.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;

/**
 * Frames per second the driver analyses at 720p on this machine (not a test: surefire runs only *Test; run with
 * {@code mvn -o -q verify -pl bundles/device/camera -Dtest=CameraThroughputBenchmark}). franck.mp4 (the first 60 s)
 * is scaled to 1280x720 first; {@code sample.fps=60} then analyses every frame of the 24 frames/s video.
 */
class CameraThroughputBenchmark {

    static Path video720p(int seconds) throws Exception {
        Path out = Paths.get("target", "franck-720p.mp4");
        if (Files.isRegularFile(out)) {
            return out;
        }
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(Video.franck().toString())) {
            g.setImageWidth(1280);
            g.setImageHeight(720);
            g.start();
            try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toString(), 1280, 720)) {
                r.setFormat("mp4");
                r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
                r.setFrameRate(g.getFrameRate());
                r.setVideoBitrate(4_000_000);
                r.start();
                Frame f;
                while ((f = g.grabImage()) != null && f.timestamp < seconds * 1_000_000L) {
                    r.record(f);
                }
                r.stop();
            }
        }
        return out;
    }

    @Test
    void framesPerSecondAt720p() throws Exception {
        Path video = video720p(60);
        Video.engine().detect(new org.gatehouse.api.recognition.Frame(VideoSource.jpeg(
                new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_3BYTE_BGR)), "jpeg"));
        // (the line above loads the models before timing)
        // decoding alone: every frame read, none analysed
        long t0 = System.nanoTime();
        long decoded = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toString())) {
            g.start();
            while (g.grabImage() != null) {
                decoded++;
            }
        }
        double decodeSeconds = (System.nanoTime() - t0) / 1e9;
        // the parts, on one 720p frame (frame 240, franck in view)
        java.awt.image.BufferedImage img;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toString());
             org.bytedeco.javacv.Java2DFrameConverter c = new org.bytedeco.javacv.Java2DFrameConverter()) {
            g.start();
            g.setFrameNumber(240);
            img = c.getBufferedImage(g.grabImage());
            long e0 = System.nanoTime();
            byte[] jpeg = null;
            for (int i = 0; i < 30; i++) {
                jpeg = VideoSource.jpeg(img);
            }
            long e1 = System.nanoTime();
            org.gatehouse.api.recognition.Frame frame = new org.gatehouse.api.recognition.Frame(jpeg, "jpeg");
            for (int i = 0; i < 30; i++) {
                Video.engine().detect(frame);
            }
            long e2 = System.nanoTime();
            System.out.printf("BENCHMARK camera 720p parts, one full 1280x720 frame: JPEG encode %.1f ms (%d KB), engine detect (JPEG decode"
                    + " included) %.1f ms%n", (e1 - e0) / 30e6, jpeg.length / 1024, (e2 - e1) / 30e6);
        }
        // the driver: decode, JPEG, detect, track, every frame
        List<FaceTracker.Capture> captures = new CopyOnWriteArrayList<>();
        CameraDriver d = CameraDriverTest.driver(CameraDriverTest.settings(video.toString(), "sample_fps", 60.0),
                captures);
        long t1 = System.nanoTime();
        d.attach(new RecordingSink());
        d.awaitDone(600_000);
        double seconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("BENCHMARK camera 720p: decode only %d frames in %.1f s = %.0f frames/s;"
                + " decode+JPEG+detect+track %d frames in %.1f s = %.1f frames/s (%.1f ms/frame), %d captures%n",
                decoded, decodeSeconds, decoded / decodeSeconds, d.sampled(), seconds, d.sampled() / seconds,
                seconds * 1000 / d.sampled(), captures.size());
    }
}
