package org.gatehouse.models.dlib;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_dnn;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The converted model (from the pinned .dat) on real face chips from the development set, checked against
 * (a) the face-api tfjs copy of the same network (dequantised, independently trained-weights file), (b) a plain-Java
 * forward pass of the .dat written from dlib's layer definitions, and (c) OpenCV DNN 4.13 running the same file.
 */
class ConvertedModelTest {
    private static DlibNet net;
    private static byte[] onnx;
    private static List<float[]> chips;
    private static List<float[]> ort;

    @BeforeAll
    static void convert() throws Exception {
        net = DlibDatReader.readResNet(Fixtures.dat());
        onnx = DlibConvert.convert(Fixtures.dat());
        chips = new ArrayList<>();
        for (String f : Fixtures.CHIPS) {
            chips.add(Fixtures.chip(f, net.means()));
        }
        ort = runOrt(onnx, chips);
    }

    static List<float[]> runOrt(byte[] model, List<float[]> inputs) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<float[]> out = new ArrayList<>();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            try (OrtSession s = env.createSession(model, o)) {
                assertEquals(List.of(ResNetOnnx.INPUT), List.copyOf(s.getInputNames()));
                assertEquals(List.of(ResNetOnnx.OUTPUT), List.copyOf(s.getOutputNames()));
                for (float[] x : inputs) {
                    try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, 3, 150, 150});
                            OrtSession.Result r = s.run(Map.of(ResNetOnnx.INPUT, t))) {
                        float[][] v = (float[][]) r.get(0).getValue();
                        assertEquals(1, v.length);
                        assertEquals(128, v[0].length);
                        out.add(v[0]);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void theFileIsReadCompletelyWithTheExpectedNetwork() {
        assertArrayEquals(new float[] {122.782f, 117.001f, 104.298f}, net.means());
        assertEquals(0.6f, (float) net.distanceThreshold());
        long cons = net.layers().stream().filter(l -> l instanceof DlibNet.Con).count();
        long affines = net.layers().stream().filter(l -> l instanceof DlibNet.Affine).count();
        long adds = net.layers().stream().filter(l -> l instanceof DlibNet.AddPrev).count();
        assertEquals(29, cons);
        assertEquals(29, affines);
        assertEquals(14, adds);
        long params = net.layers().stream().mapToLong(l -> l instanceof DlibNet.Con c ? c.weights().length + c.biases().length
                : l instanceof DlibNet.Affine a ? 2L * a.gamma().length : l instanceof DlibNet.Fc f ? f.weights().length : 0).sum();
        assertEquals(5_614_592, params);
    }

    @Test
    void conversionIsByteDeterministic() throws Exception {
        assertArrayEquals(onnx, DlibConvert.convert(Fixtures.dat()));
    }

    @Test
    void agreesWithTheFaceApiCopyOfTheNetworkOnRealFaces() throws Exception {
        byte[] faceApi = ResNetOnnx.convert(Fixtures.faceApiNet(net), "face-api weights (test reference)");
        List<float[]> ref = runOrt(faceApi, chips);
        double minCos = 1, maxL2 = 0;
        for (int i = 0; i < chips.size(); i++) {
            double cos = Fixtures.cosine(ort.get(i), ref.get(i));
            double l2 = Fixtures.l2(ort.get(i), ref.get(i));
            minCos = Math.min(minCos, cos);
            maxL2 = Math.max(maxL2, l2);
            assertTrue(cos >= 0.999, Fixtures.CHIPS.get(i) + ": cosine " + cos);
            assertTrue(l2 <= 0.06, Fixtures.CHIPS.get(i) + ": L2 " + l2);
        }
        System.out.printf("converted vs face-api copy: lowest cosine %.5f, largest L2 %.4f%n", minCos, maxL2);
        // and the identities keep apart: every pair of different people is further apart than each face from its copy
        for (int i = 0; i < chips.size(); i++) {
            for (int j = i + 1; j < chips.size(); j++) {
                assertTrue(Fixtures.l2(ort.get(i), ort.get(j)) > 0.2, "different people " + i + "," + j);
            }
        }
    }

    @Test
    void agreesWithAPlainJavaForwardPassOfTheDatFile() {
        for (int i = 0; i < 2; i++) { // ~0.3 G multiply-adds each in plain Java: two faces are enough
            float[] ref = JavaForward.run(net, chips.get(i));
            double d = Fixtures.maxAbs(ort.get(i), ref);
            System.out.printf("converted vs plain Java, %s: max |delta| %.2e%n", Fixtures.CHIPS.get(i), d);
            assertTrue(d <= 1e-4, Fixtures.CHIPS.get(i) + ": max |delta| " + d);
        }
    }

    @Test
    void runsInOpenCvDnnWithTheSameOutputs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dlib-resnet-v1.onnx");
        Files.write(file, onnx);
        Net cv = opencv_dnn.readNetFromONNX(file.toString());
        try {
            cv.setPreferableBackend(opencv_dnn.DNN_BACKEND_OPENCV);
            cv.setPreferableTarget(opencv_dnn.DNN_TARGET_CPU);
            for (int i = 0; i < chips.size(); i++) {
                float[] out = new float[128];
                try (Mat blob = new Mat(new int[] {1, 3, 150, 150}, CV_32F)) {
                    try (FloatPointer p = new FloatPointer(blob.data())) {
                        p.put(chips.get(i));
                    }
                    cv.setInput(blob);
                    try (Mat m = cv.forward(); FloatPointer p = new FloatPointer(m.data())) {
                        assertEquals(128, m.total());
                        p.get(out);
                    }
                }
                double d = Fixtures.maxAbs(ort.get(i), out);
                System.out.printf("OpenCV vs ONNX Runtime, %s: max |delta| %.2e%n", Fixtures.CHIPS.get(i), d);
                assertTrue(d <= 1e-4, Fixtures.CHIPS.get(i) + ": OpenCV vs ONNX Runtime max |delta| " + d);
            }
        } finally {
            cv.close();
        }
    }
}
