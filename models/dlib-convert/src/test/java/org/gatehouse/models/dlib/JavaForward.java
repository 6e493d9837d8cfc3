package org.gatehouse.models.dlib;

import java.util.HashMap;
import java.util.Map;

/**
 * A plain-Java forward pass of a {@link DlibNet} written from dlib's layer definitions, independent of the ONNX
 * graph builder: affine applied as its own step (not folded), add_prev by dlib's rule (result has the larger size in
 * every dimension, missing elements count as zero), average pools over the whole window.
 */
final class JavaForward {
    /** A C x H x W value. */
    record T(int c, int h, int w, float[] v) {
        float at(int ch, int y, int x) {
            return ch < c && y < h && x < w ? v[(ch * h + y) * w + x] : 0f;
        }
    }

    private JavaForward() {
    }

    static float[] run(DlibNet net, float[] input) {
        T x = new T(3, net.inputRows(), net.inputCols(), input);
        Map<Integer, T> tags = new HashMap<>();
        for (DlibNet.Layer l : net.layers()) {
            if (l instanceof DlibNet.Con c) {
                x = conv(x, c);
            } else if (l instanceof DlibNet.Affine a) {
                float[] v = x.v().clone();
                int plane = x.h() * x.w();
                for (int i = 0; i < v.length; i++) {
                    int ch = i / plane;
                    v[i] = a.gamma()[ch] * v[i] + a.beta()[ch];
                }
                x = new T(x.c(), x.h(), x.w(), v);
            } else if (l instanceof DlibNet.Relu) {
                float[] v = x.v().clone();
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.max(0f, v[i]);
                }
                x = new T(x.c(), x.h(), x.w(), v);
            } else if (l instanceof DlibNet.MaxPool p) {
                x = pool(x, p.rows(), p.cols(), p.strideY(), true);
            } else if (l instanceof DlibNet.AvgPool p) {
                x = p.everything() ? pool(x, x.h(), x.w(), 1, false) : pool(x, p.rows(), p.cols(), p.strideY(), false);
            } else if (l instanceof DlibNet.Tag t) {
                tags.put(t.id(), x);
            } else if (l instanceof DlibNet.Skip s) {
                x = tags.get(s.tag());
            } else if (l instanceof DlibNet.AddPrev a) {
                T o = tags.get(a.tag());
                int c = Math.max(x.c(), o.c()), h = Math.max(x.h(), o.h()), w = Math.max(x.w(), o.w());
                float[] v = new float[c * h * w];
                for (int ch = 0; ch < c; ch++) {
                    for (int y = 0; y < h; y++) {
                        for (int z = 0; z < w; z++) {
                            v[(ch * h + y) * w + z] = x.at(ch, y, z) + o.at(ch, y, z);
                        }
                    }
                }
                x = new T(c, h, w, v);
            } else if (l instanceof DlibNet.Fc f) {
                float[] v = new float[f.outputs()];
                for (int o = 0; o < f.outputs(); o++) {
                    double s = 0;
                    for (int i = 0; i < f.inputs(); i++) {
                        s += (double) x.v()[i] * f.weights()[i * f.outputs() + o];
                    }
                    v[o] = (float) s;
                }
                x = new T(f.outputs(), 1, 1, v);
            }
        }
        return x.v();
    }

    private static T conv(T x, DlibNet.Con c) {
        int oh = 1 + (x.h() + 2 * c.padY() - c.rows()) / c.strideY();
        int ow = 1 + (x.w() + 2 * c.padX() - c.cols()) / c.strideX();
        float[] out = new float[c.filters() * oh * ow];
        float[] in = x.v();
        int k = c.rows() * c.cols();
        for (int o = 0; o < c.filters(); o++) {
            for (int y = 0; y < oh; y++) {
                for (int z = 0; z < ow; z++) {
                    double s = c.biases()[o];
                    for (int i = 0; i < x.c(); i++) {
                        int wBase = (o * x.c() + i) * k;
                        for (int ky = 0; ky < c.rows(); ky++) {
                            int iy = y * c.strideY() - c.padY() + ky;
                            if (iy < 0 || iy >= x.h()) {
                                continue;
                            }
                            int row = (i * x.h() + iy) * x.w();
                            for (int kx = 0; kx < c.cols(); kx++) {
                                int ix = z * c.strideX() - c.padX() + kx;
                                if (ix >= 0 && ix < x.w()) {
                                    s += in[row + ix] * c.weights()[wBase + ky * c.cols() + kx];
                                }
                            }
                        }
                    }
                    out[(o * oh + y) * ow + z] = (float) s;
                }
            }
        }
        return new T(c.filters(), oh, ow, out);
    }

    private static T pool(T x, int kh, int kw, int stride, boolean max) {
        int oh = 1 + (x.h() - kh) / stride;
        int ow = 1 + (x.w() - kw) / stride;
        float[] out = new float[x.c() * oh * ow];
        for (int ch = 0; ch < x.c(); ch++) {
            for (int y = 0; y < oh; y++) {
                for (int z = 0; z < ow; z++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    for (int a = 0; a < kh; a++) {
                        for (int b = 0; b < kw; b++) {
                            float v = x.at(ch, y * stride + a, z * stride + b);
                            acc = max ? Math.max(acc, v) : acc + v;
                        }
                    }
                    out[(ch * oh + y) * ow + z] = (float) (max ? acc : acc / (kh * kw));
                }
            }
        }
        return new T(x.c(), oh, ow, out);
    }
}
