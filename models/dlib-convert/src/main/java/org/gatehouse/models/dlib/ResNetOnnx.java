package org.gatehouse.models.dlib;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link DlibNet} into an ONNX graph (opset 11): every affine is folded into the convolution before it
 * (W' = W * gamma[o], b' = b * gamma[o] + beta[o]); dlib's add_prev of tensors of different sizes becomes a constant
 * zero {@code Pad} (bottom/right, extra channels at the end) of the smaller input before {@code Add};
 * avg_pool_everything is {@code GlobalAveragePool}, the fc layer {@code Flatten} + {@code MatMul}.
 * Input {@code input} 1x3xHxW float RGB planar, (pixel - mean[c]) / 256; output {@code embedding} 1x128 (not
 * normalised, dlib compares by Euclidean distance).
 */
public final class ResNetOnnx {
    public static final String INPUT = "input";
    public static final String OUTPUT = "embedding";

    private ResNetOnnx() {
    }

    /** Shape C,H,W of a value. */
    private record Shape(int c, int h, int w) {
    }

    /** @return the encoded ONNX model */
    public static byte[] convert(DlibNet net, String docString) {
        OnnxWriter g = new OnnxWriter();
        g.input(INPUT, 1, 3, net.inputRows(), net.inputCols());
        String cur = INPUT;
        Shape shape = new Shape(3, net.inputRows(), net.inputCols());
        Map<Integer, String> tags = new HashMap<>();
        Map<Integer, Shape> tagShapes = new HashMap<>();
        List<DlibNet.Layer> layers = net.layers();
        int conv = 0;
        int relu = 0;
        int pool = 0;
        int add = 0;
        int outputs = 0;
        for (int i = 0; i < layers.size(); i++) {
            DlibNet.Layer l = layers.get(i);
            boolean last = i == layers.size() - 1;
            if (l instanceof DlibNet.Con c) {
                if (c.channels() != shape.c()) {
                    throw new IllegalArgumentException("conv " + conv + ": " + c.channels() + " input channels, value has " + shape.c());
                }
                float[] w = c.weights().clone();
                float[] b = c.biases().clone();
                if (i + 1 < layers.size() && layers.get(i + 1) instanceof DlibNet.Affine a) {
                    int per = c.channels() * c.rows() * c.cols();
                    for (int o = 0; o < c.filters(); o++) {
                        for (int j = 0; j < per; j++) {
                            w[o * per + j] *= a.gamma()[o];
                        }
                        b[o] = b[o] * a.gamma()[o] + a.beta()[o];
                    }
                    i++;
                }
                String n = name("conv", conv++);
                g.initializer(n + "_w", new long[] {c.filters(), c.channels(), c.rows(), c.cols()}, w);
                g.initializer(n + "_b", new long[] {c.filters()}, b);
                g.node("Conv", n, List.of(cur, n + "_w", n + "_b"), List.of(n),
                        OnnxWriter.Attribute.ints("kernel_shape", c.rows(), c.cols()),
                        OnnxWriter.Attribute.ints("strides", c.strideY(), c.strideX()),
                        OnnxWriter.Attribute.ints("pads", c.padY(), c.padX(), c.padY(), c.padX()));
                cur = n;
                shape = new Shape(c.filters(), out(shape.h(), c.rows(), c.strideY(), c.padY()),
                        out(shape.w(), c.cols(), c.strideX(), c.padX()));
            } else if (l instanceof DlibNet.Affine) {
                throw new IllegalArgumentException("an affine layer must follow a convolution (layer " + i + ")");
            } else if (l instanceof DlibNet.Relu) {
                String n = name("relu", relu++);
                g.node("Relu", n, List.of(cur), List.of(n));
                cur = n;
            } else if (l instanceof DlibNet.MaxPool p) {
                String n = name("pool", pool++);
                g.node("MaxPool", n, List.of(cur), List.of(n),
                        OnnxWriter.Attribute.ints("kernel_shape", p.rows(), p.cols()),
                        OnnxWriter.Attribute.ints("strides", p.strideY(), p.strideX()),
                        OnnxWriter.Attribute.ints("pads", p.padY(), p.padX(), p.padY(), p.padX()));
                cur = n;
                shape = new Shape(shape.c(), out(shape.h(), p.rows(), p.strideY(), p.padY()),
                        out(shape.w(), p.cols(), p.strideX(), p.padX()));
            } else if (l instanceof DlibNet.AvgPool p && p.everything()) {
                String n = name("pool", pool++);
                g.node("GlobalAveragePool", n, List.of(cur), List.of(n));
                cur = n;
                shape = new Shape(shape.c(), 1, 1);
            } else if (l instanceof DlibNet.AvgPool p) {
                String n = name("pool", pool++);
                g.node("AveragePool", n, List.of(cur), List.of(n),
                        OnnxWriter.Attribute.ints("kernel_shape", p.rows(), p.cols()),
                        OnnxWriter.Attribute.ints("strides", p.strideY(), p.strideX()),
                        OnnxWriter.Attribute.ints("pads", p.padY(), p.padX(), p.padY(), p.padX()));
                cur = n;
                shape = new Shape(shape.c(), out(shape.h(), p.rows(), p.strideY(), p.padY()),
                        out(shape.w(), p.cols(), p.strideX(), p.padX()));
            } else if (l instanceof DlibNet.Tag t) {
                tags.put(t.id(), cur);
                tagShapes.put(t.id(), shape);
            } else if (l instanceof DlibNet.Skip s) {
                cur = required(tags, s.tag());
                shape = tagShapes.get(s.tag());
            } else if (l instanceof DlibNet.AddPrev a) {
                String other = required(tags, a.tag());
                Shape os = tagShapes.get(a.tag());
                Shape sum = new Shape(Math.max(shape.c(), os.c()), Math.max(shape.h(), os.h()), Math.max(shape.w(), os.w()));
                String n = name("add", add++);
                String x = pad(g, n + "_a", cur, shape, sum);
                String y = pad(g, n + "_b", other, os, sum);
                g.node("Add", n, List.of(x, y), List.of(n));
                cur = n;
                shape = sum;
            } else if (l instanceof DlibNet.Fc f) {
                if (shape.c() * shape.h() * shape.w() != f.inputs()) {
                    throw new IllegalArgumentException("fc: " + f.inputs() + " inputs, value has " + shape);
                }
                g.node("Flatten", "flatten", List.of(cur), List.of("flatten"), OnnxWriter.Attribute.integer("axis", 1));
                g.initializer("fc_w", new long[] {f.inputs(), f.outputs()}, f.weights());
                String n = last ? OUTPUT : "fc";
                g.node("MatMul", "fc", List.of("flatten", "fc_w"), List.of(n));
                cur = n;
                shape = new Shape(f.outputs(), 1, 1);
                outputs = f.outputs();
            } else {
                throw new IllegalArgumentException("unsupported layer " + l);
            }
        }
        if (!OUTPUT.equals(cur)) {
            throw new IllegalArgumentException("the network must end with the fc layer");
        }
        g.output(OUTPUT, 1, outputs);
        g.metadata("input_means_rgb", String.format(Locale.ROOT, "%s,%s,%s", net.means()[0], net.means()[1], net.means()[2]));
        g.metadata("input_scale", "1/256");
        g.metadata("dlib_distance_threshold", String.format(Locale.ROOT, "%s", (float) net.distanceThreshold()));
        return g.toBytes("dlib_face_recognition_resnet_model_v1", "gatehouse-dlib-convert", "1", 6, 11, docString);
    }

    private static String required(Map<Integer, String> tags, int id) {
        String v = tags.get(id);
        if (v == null) {
            throw new IllegalArgumentException("tag " + id + " used before it was set");
        }
        return v;
    }

    /** Zero-pads {@code value} (shape {@code from}) to {@code to} at the end of each dimension; no node if equal. */
    private static String pad(OnnxWriter g, String name, String value, Shape from, Shape to) {
        if (from.equals(to)) {
            return value;
        }
        g.initializer(name + "_pads", new long[] {8},
                new long[] {0, 0, 0, 0, 0, to.c() - from.c(), to.h() - from.h(), to.w() - from.w()});
        g.node("Pad", name, List.of(value, name + "_pads"), List.of(name), OnnxWriter.Attribute.string("mode", "constant"));
        return name;
    }

    private static int out(int n, int k, int stride, int pad) {
        return 1 + (n + 2 * pad - k) / stride;
    }

    private static String name(String kind, int i) {
        return String.format(Locale.ROOT, "%s%02d", kind, i);
    }
}
