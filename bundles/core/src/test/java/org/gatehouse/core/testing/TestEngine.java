package org.gatehouse.core.testing;

import org.gatehouse.core.internal.face.FaceIndex;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Detection;
import org.gatehouse.api.recognition.Embedding;
import org.gatehouse.api.recognition.EngineInfo;
import org.gatehouse.api.recognition.FaceQuality;
import org.gatehouse.api.recognition.FaceReasons;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.recognition.RecognitionEngine;

/**
 * A deterministic engine for tests: a real PNG is decoded, and its pixels describe the faces. Row {@code 2i} of the
 * image describes face i: pixel 0 (R,G,B) = face size in pixels / 4, sharpness / 10, yaw in degrees; pixels
 * 1..{@link #DIM} (R) = the embedding components (value - 128). A row whose pixel 0 is black ends the list. The
 * {@code twist} makes a second "model": it permutes the components, so its vectors differ from the first model's
 * while identities stay consistent within the model.
 */
public class TestEngine implements RecognitionEngine {
    static final int DIM = 64;
    final String id;
    final String modelId;
    private final boolean twist;
    public volatile int analyzed;

    public TestEngine(String id, String modelId, boolean twist) {
        this.id = id;
        this.modelId = modelId;
        this.twist = twist;
    }

    /** A face description for {@link #png}. */
    public record Face(int size, int sharpness, int yaw, float[] vector) {
    }

    /** A vector for identity {@code n} (deterministic, distinct directions), with {@code noise} varying per photo. */
    public static float[] identity(int n, int photo, float noise) {
        java.util.Random r = new java.util.Random(n * 7919L);
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) r.nextGaussian();
        }
        java.util.Random p = new java.util.Random(n * 104729L + photo);
        for (int i = 0; i < DIM; i++) {
            v[i] += noise * (float) p.nextGaussian();
        }
        return v;
    }

    public static Face face(int n, int photo) {
        return new Face(200, 300, 5, identity(n, photo, 0.15f));
    }

    /** Encodes faces into a PNG. */
    public static byte[] png(Face... faces) {
        BufferedImage img = new BufferedImage(DIM + 1, Math.max(2, faces.length * 2 + 1), BufferedImage.TYPE_INT_RGB);
        for (int f = 0; f < faces.length; f++) {
            Face face = faces[f];
            img.setRGB(0, 2 * f, rgb(face.size() / 4, face.sharpness() / 10, face.yaw()));
            float max = 0;
            for (float x : face.vector()) {
                max = Math.max(max, Math.abs(x));
            }
            for (int i = 0; i < DIM; i++) {
                int q = Math.round(face.vector()[i] / max * 127) + 128;
                img.setRGB(i + 1, 2 * f, rgb(Math.max(1, Math.min(255, q)), 0, 0));
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int rgb(int r, int g, int b) {
        return (Math.min(255, r) << 16) | (Math.min(255, g) << 8) | Math.min(255, b);
    }

    @Override
    public EngineInfo info() {
        return new EngineInfo(id, "1.0", modelId, DIM);
    }

    @Override
    public List<Detection> detect(Frame frame) {
        return analyze(frame).stream().map(AnalyzedFace::detection).toList();
    }

    @Override
    public Embedding embed(Frame frame, Detection face) {
        throw new UnsupportedOperationException("use analyze");
    }

    @Override
    public List<AnalyzedFace> analyze(Frame frame) {
        analyzed++;
        if (frame.data() == null || frame.data().length == 0) {
            throw GatehouseException.invalid(FaceReasons.IMAGE_EMPTY, "empty");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(frame.data()));
        } catch (IOException e) {
            img = null;
        }
        if (img == null) {
            throw GatehouseException.invalid(FaceReasons.IMAGE_UNDECODABLE, "not an image");
        }
        List<AnalyzedFace> out = new ArrayList<>();
        for (int row = 0; row < img.getHeight() && img.getWidth() > DIM; row += 2) {
            int p0 = img.getRGB(0, row);
            if ((p0 & 0xffffff) == 0) {
                break;
            }
            int size = ((p0 >> 16) & 0xff) * 4;
            float[] v = new float[DIM];
            for (int i = 0; i < DIM; i++) {
                v[twist ? (i * 5 + 3) % DIM : i] = ((img.getRGB(i + 1, row) >> 16) & 0xff) - 128;
            }
            Detection d = new Detection(10 * out.size(), 0, size, size, 0.99f, new float[0]);
            out.add(new AnalyzedFace(d, new FaceQuality(size, ((p0 >> 8) & 0xff) * 10, p0 & 0xff),
                    new Embedding(modelId, FaceIndex.normalise(v))));
        }
        out.sort((a, b) -> Integer.compare(b.quality().faceSize(), a.quality().faceSize()));
        return out;
    }
}
