package org.gatehouse.engine.face.opencv.internal;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gatehouse.engine.face.support.InferenceBackend;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** The reference: ONNX Runtime (the runtime under the onnx engine), used to check the OpenCV outputs. */
final class OrtBackend implements InferenceBackend {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();

    @Override
    public String name() {
        return "onnxruntime-" + env.getVersion();
    }

    @Override
    public Session load(Path model, int threads) throws IOException {
        try {
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setIntraOpNumThreads(Math.max(1, threads));
            OrtSession s = env.createSession(model.toString(), o);
            String input = s.getInputNames().iterator().next();
            return new Session() {
                @Override
                public Map<String, float[]> run(float[] data, long[] shape) {
                    try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
                            OrtSession.Result r = s.run(Map.of(input, t))) {
                        Map<String, float[]> out = new LinkedHashMap<>();
                        for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : r) {
                            FloatBuffer fb = ((OnnxTensor) e.getValue()).getFloatBuffer();
                            float[] a = new float[fb.remaining()];
                            fb.get(a);
                            out.put(e.getKey(), a);
                        }
                        return out;
                    } catch (OrtException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public void close() {
                    try {
                        s.close();
                    } catch (OrtException e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
        } catch (OrtException e) {
            throw new IOException(e);
        }
    }
}
