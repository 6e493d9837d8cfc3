package org.gatehouse.engine.face.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The only thing an engine supplies: something that runs an ONNX graph on one float tensor. Everything else (decoding,
 * pre/post-processing, alignment, quality) is in {@link FacePipeline}, shared by every engine.
 */
public interface InferenceBackend {
    /**
     * Loads a model file.
     *
     * @param model   the ONNX file
     * @param threads intra-op threads for this session (1 = the calling thread only)
     */
    Session load(Path model, int threads) throws IOException;

    /** @return a short name for logs and the engine info, e.g. {@code onnxruntime-1.29.0} */
    String name();

    /** A loaded model. Implementations must allow concurrent {@link #run} calls. */
    interface Session extends AutoCloseable {
        /**
         * Runs the model on one input tensor.
         *
         * @param input data in the layout the model expects (NCHW or NHWC)
         * @param shape the tensor shape
         * @return every output by name, in the model's declared order, flattened row-major
         */
        Map<String, float[]> run(float[] input, long[] shape);

        @Override
        void close();
    }
}
