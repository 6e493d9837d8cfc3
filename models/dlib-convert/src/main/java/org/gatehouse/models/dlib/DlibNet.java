package org.gatehouse.models.dlib;

import java.util.List;

/**
 * The layers of a dlib network read from a .dat file, innermost (input side) first, with their parameters.
 * Tags and skips are kept as layers: {@code Tag(1)} remembers the current output under id 1, {@code Skip(1)} makes the
 * output remembered under id 1 the current one again and {@code AddPrev(1)} adds it to the current output (dlib's
 * add_prev: the result has the larger size in every dimension and missing elements count as zero).
 *
 * @param inputRows  input height (150)
 * @param inputCols  input width (150)
 * @param means      per-channel mean of the input, R, G, B (dlib divides (pixel - mean) by 256)
 * @param margin     loss_metric margin (informative)
 * @param distanceThreshold loss_metric distance threshold for "same person" on the unnormalised vectors (0.6)
 * @param layers     innermost first
 */
public record DlibNet(int inputRows, int inputCols, float[] means, double margin, double distanceThreshold,
                      List<Layer> layers) {

    /** One layer. */
    public sealed interface Layer permits Con, Affine, Relu, MaxPool, AvgPool, AddPrev, Tag, Skip, Fc {
    }

    /**
     * Convolution (cross-correlation), filters O,I,H,W row-major, one bias per filter.
     */
    public record Con(int filters, int channels, int rows, int cols, int strideY, int strideX, int padY, int padX,
                      float[] weights, float[] biases) implements Layer {
    }

    /** y = gamma[c] * x + beta[c] per channel (dlib's affine_ in conv mode). */
    public record Affine(float[] gamma, float[] beta) implements Layer {
    }

    public record Relu() implements Layer {
    }

    public record MaxPool(int rows, int cols, int strideY, int strideX, int padY, int padX) implements Layer {
    }

    /** Average pool; rows = cols = 0 means over the whole plane (avg_pool_everything). */
    public record AvgPool(int rows, int cols, int strideY, int strideX, int padY, int padX) implements Layer {
        public boolean everything() {
            return rows == 0 && cols == 0;
        }
    }

    public record AddPrev(int tag) implements Layer {
    }

    public record Tag(int id) implements Layer {
    }

    public record Skip(int tag) implements Layer {
    }

    /** Fully connected without bias: out = x * W with W inputs x outputs, row-major. */
    public record Fc(int outputs, int inputs, float[] weights) implements Layer {
    }
}
