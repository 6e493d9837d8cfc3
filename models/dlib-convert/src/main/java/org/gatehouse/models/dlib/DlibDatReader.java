package org.gatehouse.models.dlib;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict reader for dlib's serialisation format and for exactly one network: {@code anet_type} of dlib's
 * {@code dnn_face_recognition_ex.cpp}, as stored in {@code dlib_face_recognition_resnet_model_v1.dat}.
 * <p>
 * Encodings (dlib {@code serialize.h}, {@code float_details.h}, {@code cuda/tensor.h}):
 * an integer is one control byte (low 4 bits = number of magnitude bytes 1..8, 0x80 = negative, 0x70 must be 0)
 * followed by the magnitude, little-endian; a string is an integer length and the bytes; a bool is ASCII '1'/'0';
 * a scalar float is "portable": integer mantissa then integer exponent (value = m * 2^e; exponent 32000/32001/32002 =
 * +inf/-inf/NaN); a tensor is int version 2, four integers (num_samples, k, nr, nc) and the values as IEEE float32
 * little-endian, NCHW; an alias tensor is int version 1 and the four integers.
 * <p>
 * Every version number and version string, every kernel size, stride and padding is checked against the expected
 * network, and the file must end exactly after the last record. Anything else is a {@link DlibFormatException}.
 */
public final class DlibDatReader {
    private final ByteBuffer in;

    public DlibDatReader(byte[] data) {
        this.in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the current byte offset */
    public int position() {
        return in.position();
    }

    private DlibFormatException error(String message) {
        return new DlibFormatException(in.position(), message);
    }

    private void need(int n, String what) throws DlibFormatException {
        if (in.remaining() < n) {
            throw error("unexpected end of file while reading " + what + " (" + n + " bytes needed, "
                    + in.remaining() + " left)");
        }
    }

    /** Reads one dlib integer of any width. */
    public long readInt() throws DlibFormatException {
        need(1, "an integer");
        int start = in.position();
        int control = in.get() & 0xff;
        int size = control & 0x0f;
        if ((control & 0x70) != 0 || size == 0 || size > 8) {
            throw new DlibFormatException(start, String.format("invalid integer control byte 0x%02x", control));
        }
        need(size, "an integer");
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (long) (in.get() & 0xff) << (8 * i);
        }
        if (size == 8 && v < 0) {
            throw new DlibFormatException(start, "integer magnitude out of range");
        }
        return (control & 0x80) != 0 ? -v : v;
    }

    /** Reads an integer that must fit an int. */
    public int readInt32(String what) throws DlibFormatException {
        int start = in.position();
        long v = readInt();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new DlibFormatException(start, what + " out of range: " + v);
        }
        return (int) v;
    }

    public String readString() throws DlibFormatException {
        int start = in.position();
        long n = readInt();
        if (n < 0 || n > 4096) {
            throw new DlibFormatException(start, "invalid string length " + n);
        }
        need((int) n, "a string");
        byte[] b = new byte[(int) n];
        in.get(b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    public boolean readBool() throws DlibFormatException {
        need(1, "a bool");
        int start = in.position();
        byte b = in.get();
        if (b == '1') {
            return true;
        }
        if (b == '0') {
            return false;
        }
        throw new DlibFormatException(start, String.format("invalid bool byte 0x%02x (expected '0' or '1')", b & 0xff));
    }

    /** Reads a scalar float/double in dlib's portable format (mantissa, then exponent). */
    public double readPortableFloat() throws DlibFormatException {
        long mantissa = readInt();
        int start = in.position();
        long exponent = readInt();
        if (exponent == 32000) {
            return Double.POSITIVE_INFINITY;
        }
        if (exponent == 32001) {
            return Double.NEGATIVE_INFINITY;
        }
        if (exponent == 32002) {
            return Double.NaN;
        }
        if (exponent < -2000 || exponent > 2000) {
            throw new DlibFormatException(start, "invalid float exponent " + exponent);
        }
        return Math.scalb((double) mantissa, (int) exponent);
    }

    /** A tensor: shape (num_samples, k, nr, nc) and its values. */
    public record Tensor(int[] shape, float[] data) {
        public int size() {
            return data.length;
        }
    }

    public Tensor readTensor(String what) throws DlibFormatException {
        expectInt(what + " tensor version", 2);
        int[] shape = readShape(what);
        long n = (long) shape[0] * shape[1] * shape[2] * shape[3];
        if (n > Integer.MAX_VALUE / 4) {
            throw error(what + " tensor too large: " + n + " values");
        }
        need((int) n * 4, what + " tensor data");
        float[] data = new float[(int) n];
        in.asFloatBuffer().get(data);
        in.position(in.position() + (int) n * 4);
        return new Tensor(shape, data);
    }

    /** An alias tensor: only the shape (a view into a layer's params). */
    public int[] readAliasTensor(String what) throws DlibFormatException {
        expectInt(what + " alias_tensor version", 1);
        return readShape(what);
    }

    private int[] readShape(String what) throws DlibFormatException {
        int[] shape = new int[4];
        for (int i = 0; i < 4; i++) {
            shape[i] = readInt32(what + " dimension");
            if (shape[i] < 0) {
                throw error(what + ": negative dimension " + shape[i]);
            }
        }
        return shape;
    }

    public void expectInt(String what, long expected) throws DlibFormatException {
        int start = in.position();
        long v = readInt();
        if (v != expected) {
            throw new DlibFormatException(start, what + ": expected " + expected + ", found " + v);
        }
    }

    public void expectString(String what, String expected) throws DlibFormatException {
        int start = in.position();
        String s = readString();
        if (!s.equals(expected)) {
            throw new DlibFormatException(start, what + ": expected \"" + expected + "\", found \"" + printable(s) + "\"");
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return b.toString();
    }

    public void expectEnd() throws DlibFormatException {
        if (in.hasRemaining()) {
            throw error(in.remaining() + " unexpected bytes after the end of the network");
        }
    }

    private void expectShape(String what, int[] got, int... expected) throws DlibFormatException {
        if (!java.util.Arrays.equals(got, expected)) {
            throw error(what + ": expected shape " + java.util.Arrays.toString(expected) + ", found "
                    + java.util.Arrays.toString(got));
        }
    }

    private void expectEmptyTensor(String what) throws DlibFormatException {
        Tensor t = readTensor(what);
        if (t.size() != 0) {
            throw error(what + ": expected an empty tensor, found " + java.util.Arrays.toString(t.shape()));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The network

    /** Expected layer of the fixed network (outermost first in {@link #anetType()}). */
    private record Spec(String kind, int n, int k, int stride) {
        boolean isAddLayer() {
            return !kind.equals("tag") && !kind.equals("skip");
        }
    }

    private static void block(List<Spec> s, int n, int stride) {
        s.add(new Spec("affine", 0, 0, 0));
        s.add(new Spec("con", n, 3, 1));
        s.add(new Spec("relu", 0, 0, 0));
        s.add(new Spec("affine", 0, 0, 0));
        s.add(new Spec("con", n, 3, stride));
    }

    private static void ares(List<Spec> s, int n) {
        s.add(new Spec("relu", 0, 0, 0));
        s.add(new Spec("add_prev", 1, 0, 0));
        block(s, n, 1);
        s.add(new Spec("tag", 1, 0, 0));
    }

    private static void aresDown(List<Spec> s, int n) {
        s.add(new Spec("relu", 0, 0, 0));
        s.add(new Spec("add_prev", 2, 0, 0));
        s.add(new Spec("avg_pool", 0, 2, 2));
        s.add(new Spec("skip", 1, 0, 0));
        s.add(new Spec("tag", 2, 0, 0));
        block(s, n, 2);
        s.add(new Spec("tag", 1, 0, 0));
    }

    /** dnn_face_recognition_ex.cpp's anet_type, outermost layer first. */
    static List<Spec> anetType() {
        List<Spec> s = new ArrayList<>();
        s.add(new Spec("fc", 128, 0, 0));
        s.add(new Spec("avg_pool_everything", 0, 0, 0));
        aresDown(s, 256);                                    // alevel0
        ares(s, 256); ares(s, 256); aresDown(s, 256);        // alevel1
        ares(s, 128); ares(s, 128); aresDown(s, 128);        // alevel2
        ares(s, 64); ares(s, 64); ares(s, 64); aresDown(s, 64); // alevel3
        ares(s, 32); ares(s, 32); ares(s, 32);               // alevel4
        s.add(new Spec("max_pool", 0, 3, 2));
        s.add(new Spec("relu", 0, 0, 0));
        s.add(new Spec("affine", 0, 0, 0));
        s.add(new Spec("con", 32, 7, 2));
        return s;
    }

    /** Reads and checks the whole file. */
    public static DlibNet readResNet(Path file) throws IOException {
        return new DlibDatReader(Files.readAllBytes(file)).readResNet();
    }

    /** Reads the face recognition ResNet from the current position to the exact end of the data. */
    public DlibNet readResNet() throws DlibFormatException {
        List<Spec> spec = anetType();
        // add_loss_layer: version 1, the loss details, then the network
        expectInt("add_loss_layer version", 1);
        expectString("loss layer", "loss_metric_2");
        double margin = readPortableFloat();
        double threshold = readPortableFloat();
        // outermost first: each add_layer writes its version, then its sub-network, then its own details;
        // tag and skip layers write their version and the sub-network only.
        for (int i = 0; i < spec.size(); i++) {
            Spec s = spec.get(i);
            boolean innermost = i == spec.size() - 1;
            expectInt((s.isAddLayer() ? "add_layer" : "add_" + s.kind + "_layer") + " version (layer " + s.kind + ")",
                    s.isAddLayer() ? (innermost ? 3 : 2) : 1);
        }
        // the input layer
        expectString("input layer", "input_rgb_image_sized");
        float[] means = {(float) readPortableFloat(), (float) readPortableFloat(), (float) readPortableFloat()};
        int rows = readInt32("input rows");
        int cols = readInt32("input columns");
        if (rows != 150 || cols != 150) {
            throw error("input size: expected 150x150, found " + rows + "x" + cols);
        }
        // details, innermost first
        List<DlibNet.Layer> layers = new ArrayList<>();
        Map<Integer, Integer> tagChannels = new HashMap<>();
        int channels = 3;
        for (int i = spec.size() - 1; i >= 0; i--) {
            Spec s = spec.get(i);
            switch (s.kind) {
                case "tag" -> {
                    tagChannels.put(s.n, channels);
                    layers.add(new DlibNet.Tag(s.n));
                    continue;
                }
                case "skip" -> {
                    Integer c = tagChannels.get(s.n);
                    if (c == null) {
                        throw error("skip to tag " + s.n + " before the tag");
                    }
                    channels = c;
                    layers.add(new DlibNet.Skip(s.n));
                    continue;
                }
                case "con" -> {
                    DlibNet.Con c = readCon(s, channels);
                    channels = c.filters();
                    layers.add(c);
                }
                case "affine" -> layers.add(readAffine(channels));
                case "relu" -> {
                    expectString("layer", "relu_");
                    layers.add(new DlibNet.Relu());
                }
                case "max_pool" -> {
                    expectString("layer", "max_pool_2");
                    int[] p = readPool("max_pool", s.k, s.k, s.stride, s.stride, 0, 0);
                    layers.add(new DlibNet.MaxPool(p[0], p[1], p[2], p[3], p[4], p[5]));
                }
                case "avg_pool" -> {
                    expectString("layer", "avg_pool_2");
                    int[] p = readPool("avg_pool", s.k, s.k, s.stride, s.stride, 0, 0);
                    layers.add(new DlibNet.AvgPool(p[0], p[1], p[2], p[3], p[4], p[5]));
                }
                case "avg_pool_everything" -> {
                    expectString("layer", "avg_pool_2");
                    int[] p = readPool("avg_pool_everything", 0, 0, 1, 1, 0, 0);
                    layers.add(new DlibNet.AvgPool(p[0], p[1], p[2], p[3], p[4], p[5]));
                }
                case "add_prev" -> {
                    expectString("layer", "add_prev_");
                    channels = Math.max(channels, tagChannels.get(s.n));
                    layers.add(new DlibNet.AddPrev(s.n));
                }
                case "fc" -> layers.add(readFc(s, channels));
                default -> throw new IllegalStateException(s.kind);
            }
            // add_layer's bookkeeping: 3 bools, x_grad, cached_output, params_grad (all empty in a saved net)
            readBool();
            readBool();
            readBool();
            expectEmptyTensor("x_grad");
            expectEmptyTensor("cached_output");
            expectEmptyTensor("params_grad");
            if (i == spec.size() - 1) {
                expectInt("sample_expansion_factor", 1);
            }
        }
        expectEnd();
        return new DlibNet(rows, cols, means, margin, threshold, List.copyOf(layers));
    }

    private int[] readPool(String what, int... expected) throws DlibFormatException {
        int[] p = new int[6];
        String[] names = {"rows", "columns", "stride y", "stride x", "padding y", "padding x"};
        for (int i = 0; i < 6; i++) {
            int start = in.position();
            p[i] = readInt32(what + " " + names[i]);
            if (p[i] != expected[i]) {
                throw new DlibFormatException(start, what + " " + names[i] + ": expected " + expected[i] + ", found " + p[i]);
            }
        }
        return p;
    }

    private DlibNet.Con readCon(Spec s, int channels) throws DlibFormatException {
        expectString("layer", "con_4");
        Tensor params = readTensor("con params");
        int pad = s.stride == 1 ? s.k / 2 : 0;
        int[] p = new int[7];
        String[] names = {"num_filters", "rows", "columns", "stride y", "stride x", "padding y", "padding x"};
        int[] expected = {s.n, s.k, s.k, s.stride, s.stride, pad, pad};
        for (int i = 0; i < 7; i++) {
            int start = in.position();
            p[i] = readInt32("con " + names[i]);
            if (p[i] != expected[i]) {
                throw new DlibFormatException(start, "con " + names[i] + ": expected " + expected[i] + ", found " + p[i]);
            }
        }
        int[] filters = readAliasTensor("con filters");
        expectShape("con filters", filters, s.n, channels, s.k, s.k);
        int[] biases = readAliasTensor("con biases");
        expectShape("con biases", biases, 1, s.n, 1, 1);
        for (int i = 0; i < 4; i++) {
            readPortableFloat(); // learning-rate and weight-decay multipliers (training only)
        }
        int nw = s.n * channels * s.k * s.k;
        if (params.size() != nw + s.n) {
            throw error("con params: expected " + (nw + s.n) + " values, found " + params.size());
        }
        float[] w = java.util.Arrays.copyOfRange(params.data(), 0, nw);
        float[] b = java.util.Arrays.copyOfRange(params.data(), nw, nw + s.n);
        return new DlibNet.Con(s.n, channels, s.k, s.k, s.stride, s.stride, pad, pad, w, b);
    }

    private DlibNet.Affine readAffine(int channels) throws DlibFormatException {
        expectString("layer", "affine_");
        Tensor params = readTensor("affine params");
        expectShape("affine gamma", readAliasTensor("affine gamma"), 1, channels, 1, 1);
        expectShape("affine beta", readAliasTensor("affine beta"), 1, channels, 1, 1);
        expectInt("affine mode (0 = conv)", 0);
        if (params.size() != 2 * channels) {
            throw error("affine params: expected " + 2 * channels + " values, found " + params.size());
        }
        return new DlibNet.Affine(java.util.Arrays.copyOfRange(params.data(), 0, channels),
                java.util.Arrays.copyOfRange(params.data(), channels, 2 * channels));
    }

    private DlibNet.Fc readFc(Spec s, int channels) throws DlibFormatException {
        expectString("layer", "fc_2");
        expectInt("fc num_outputs", s.n);
        expectInt("fc num_inputs", channels);
        Tensor params = readTensor("fc params");
        expectShape("fc weights", readAliasTensor("fc weights"), channels, s.n, 1, 1);
        readAliasTensor("fc biases");
        expectInt("fc bias mode (1 = no bias)", 1);
        for (int i = 0; i < 4; i++) {
            readPortableFloat();
        }
        if (params.size() != channels * s.n) {
            throw error("fc params: expected " + channels * s.n + " values, found " + params.size());
        }
        return new DlibNet.Fc(s.n, channels, params.data());
    }
}
