package org.gatehouse.engine.face.onnx.internal;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.gatehouse.engine.face.support.InferenceBackend;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * Runs ONNX files through DJL's OnnxRuntime engine (ONNX Runtime natives come from the embedded onnxruntime jar).
 * <p>
 * OSGi: DJL finds its engines with {@link java.util.ServiceLoader} on the thread context class loader, so every DJL
 * call that may create an engine, model or array runs with the context loader set to this bundle's loader (which sees
 * the embedded jars' {@code META-INF/services}). Offline: {@link #configureOffline} points DJL's caches at a local
 * directory and turns off every download path before the engine is first touched.
 */
public final class DjlOrtBackend implements InferenceBackend {
    static final String ENGINE = "OnnxRuntime";

    /** Sets DJL's offline and cache properties (only those not set already). Call before the first DJL use. */
    public static void configureOffline(Path cacheDir) {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("DJL_CACHE_DIR", cacheDir.toString());
        setIfAbsent("ENGINE_CACHE_DIR", cacheDir.toString());
        setIfAbsent("ai.djl.onnx.disable_alternative", "true");
        setIfAbsent("ai.djl.default_engine", ENGINE);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    static <T> T withBundleLoader(Callable<T> action) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(DjlOrtBackend.class.getClassLoader());
        try {
            return action.call();
        } finally {
            t.setContextClassLoader(old);
        }
    }

    @Override
    public String name() {
        try {
            return withBundleLoader(() -> {
                Engine.getEngine(ENGINE);
                return "djl-" + Engine.getDjlVersion() + "/onnxruntime-" + ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion();
            });
        } catch (Exception e) {
            return "djl-onnxruntime";
        }
    }

    @Override
    public Session load(Path file, int threads) throws IOException {
        try {
            return withBundleLoader(() -> {
                Model model = Model.newInstance(file.getFileName().toString(), Device.cpu(), ENGINE);
                try {
                    String prefix = file.getFileName().toString().replaceFirst("\\.onnx$", "");
                    model.load(file.toAbsolutePath().getParent(), prefix, Map.of(
                            "intraOpNumThreads", String.valueOf(Math.max(1, threads)),
                            "interOpNumThreads", "1",
                            "executionMode", "SEQUENTIAL",
                            "optLevel", "ALL_OPT"));
                    return new DjlSession(model);
                } catch (IOException | MalformedModelException | RuntimeException e) {
                    model.close();
                    throw e;
                }
            });
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot load " + file + ": " + e.getMessage(), e);
        }
    }

    /** One loaded model. Holds the DJL model (and with it the native session) until closed. */
    static final class DjlSession implements Session {
        private final Model model; // strong reference: the native session must outlive every call
        private final Block block;
        private final List<String> outputNames;

        DjlSession(Model model) {
            this.model = model;
            this.block = model.getBlock();
            this.outputNames = outputNames(block);
        }

        private static List<String> outputNames(Block block) {
            try {
                java.lang.reflect.Field f = block.getClass().getDeclaredField("session");
                f.setAccessible(true);
                ai.onnxruntime.OrtSession s = (ai.onnxruntime.OrtSession) f.get(block);
                return List.copyOf(s.getOutputNames());
            } catch (ReflectiveOperationException | RuntimeException e) {
                return List.of();
            }
        }

        @Override
        public Map<String, float[]> run(float[] input, long[] shape) {
            try (NDManager manager = model.getNDManager().newSubManager()) {
                NDArray x = manager.create(FloatBuffer.wrap(input), new Shape(shape), DataType.FLOAT32);
                x.setName(block.describeInput().get(0).getKey());
                NDList out = block.forward(new ParameterStore(manager, false), new NDList(x), false);
                Map<String, float[]> result = new LinkedHashMap<>();
                for (int i = 0; i < out.size(); i++) {
                    NDArray a = out.get(i);
                    String name = a.getName() != null && !a.getName().isEmpty() ? a.getName()
                            : i < outputNames.size() ? outputNames.get(i) : "output" + i;
                    result.put(name, a.toFloatArray());
                }
                return result;
            }
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
