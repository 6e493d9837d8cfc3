package org.gatehouse.engine.face.opencv.internal;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_dnn;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.gatehouse.engine.face.support.EngineStarter;
import org.gatehouse.engine.face.support.InferenceBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ONNX files with OpenCV's DNN module (bytedeco presets, CPU, the OpenCV backend).
 * <p>
 * Thread safety: a {@code cv::dnn::Net} keeps per-forward state and must not run two forwards at once, so each session
 * holds a fixed pool of {@code poolSize} nets loaded from the same file; {@link Session#run} borrows one (blocking
 * when all are busy) and returns it. With the default pool of 2 (the cores of the target machine) two callers run in
 * parallel and a third waits, which is what the CPU could do anyway; the cost is one copy of the weights per net.
 * <p>
 * Threads: OpenCV's own parallelism is one process-wide setting ({@code cv::setNumThreads}); this backend sets it once
 * to {@code threads} (1 = every forward on its caller's thread, like ONNX Runtime with one intra-op thread).
 * <p>
 * Native memory: nets are released in {@link Session#close}, after every borrowed net came back; input and output
 * mats are released at the end of each {@link Session#run}. The session keeps strong references to its nets.
 */
public final class OpencvBackend implements InferenceBackend {
    private static final Logger LOG = LoggerFactory.getLogger(OpencvBackend.class);
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final int poolSize;

    /**
     * @param poolSize nets per model (concurrent forwards per model)
     * @param threads  OpenCV's process-wide thread count (1 = caller's thread only)
     */
    public OpencvBackend(int poolSize, int threads) {
        this.poolSize = Math.max(1, poolSize);
        Natives.load();
        opencv_core.setNumThreads(Math.max(1, threads));
    }

    @Override
    public String name() {
        return "opencv-" + Natives.opencvVersion();
    }

    @Override
    public Session load(Path file, int threads) throws IOException {
        List<String> declared = OnnxGraph.outputNames(file);
        List<Net> nets = new ArrayList<>();
        try {
            for (int i = 0; i < poolSize; i++) {
                nets.add(readNet(file));
            }
        } catch (IOException | RuntimeException e) {
            nets.forEach(Net::close);
            throw e;
        }
        List<String> cvNames = unconnectedNames(nets.get(0));
        List<String> order;
        if (!declared.isEmpty() && new HashSet<>(declared).equals(new HashSet<>(cvNames))) {
            order = declared;
        } else {
            if (!declared.isEmpty()) {
                LOG.warn("{}: OpenCV names the outputs {} but the model declares {}; using OpenCV's order",
                        file.getFileName(), cvNames, declared);
            }
            order = cvNames;
        }
        return new CvSession(file, nets, order);
    }

    private static Net readNet(Path file) throws IOException {
        Net net;
        try {
            net = opencv_dnn.readNetFromONNX(file.toAbsolutePath().toString());
        } catch (RuntimeException e) { // cv::Exception surfaces as RuntimeException
            throw new IOException("OpenCV cannot load " + file + ": " + EngineStarter.firstLine(e.getMessage()), e);
        }
        if (net == null || net.isNull() || net.empty()) {
            throw new IOException("OpenCV cannot load " + file + ": empty network");
        }
        net.setPreferableBackend(opencv_dnn.DNN_BACKEND_OPENCV);
        net.setPreferableTarget(opencv_dnn.DNN_TARGET_CPU);
        return net;
    }

    /** @return the output layer names as OpenCV orders them (JavaCPP strings may carry the C terminator) */
    static List<String> unconnectedNames(Net net) {
        List<String> out = new ArrayList<>();
        try (StringVector v = net.getUnconnectedOutLayersNames()) {
            for (long i = 0; i < v.size(); i++) {
                out.add(cString(v.get(i).getString()));
            }
        }
        return out;
    }

    static String cString(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    /** One model: a pool of nets over the same file, outputs in the model's declared order. */
    static final class CvSession implements Session {
        private final Path file;
        private final List<Net> all; // strong references: every native net outlives every call
        private final BlockingQueue<Net> idle;
        private final List<String> outputs;
        private volatile boolean closed;

        CvSession(Path file, List<Net> nets, List<String> outputs) {
            this.file = file;
            this.all = List.copyOf(nets);
            this.idle = new ArrayBlockingQueue<>(nets.size(), false, nets);
            this.outputs = List.copyOf(outputs);
        }

        List<String> outputNames() {
            return outputs;
        }

        int poolSize() {
            return all.size();
        }

        @Override
        public Map<String, float[]> run(float[] input, long[] shape) {
            long n = 1;
            int[] dims = new int[shape.length];
            for (int i = 0; i < shape.length; i++) {
                dims[i] = Math.toIntExact(shape[i]);
                n *= shape[i];
            }
            if (n != input.length) {
                throw new IllegalArgumentException("input has " + input.length + " values, shape needs " + n);
            }
            Net net = borrow();
            try (Mat blob = new Mat(dims, CV_32F); MatVector outs = new MatVector();
                    StringVector names = new StringVector(outputs.toArray(new String[0]))) {
                try (FloatPointer data = new FloatPointer(blob.data())) {
                    data.put(input);
                }
                net.setInput(blob);
                net.forward(outs, names);
                Map<String, float[]> result = new LinkedHashMap<>();
                for (int i = 0; i < outputs.size(); i++) {
                    try (Mat m = outs.get(i)) {
                        result.put(outputs.get(i), toArray(m));
                    }
                }
                return result;
            } finally {
                idle.add(net);
            }
        }

        private static float[] toArray(Mat m) {
            Mat src = m;
            Mat tmp = null;
            try {
                if (m.depth() != CV_32F) {
                    tmp = new Mat();
                    m.convertTo(tmp, CV_32F);
                    src = tmp;
                }
                if (!src.isContinuous()) {
                    Mat c = src.clone();
                    if (tmp != null) {
                        tmp.close();
                    }
                    tmp = c;
                    src = c;
                }
                float[] a = new float[Math.toIntExact(src.total() * src.channels())];
                try (FloatPointer p = new FloatPointer(src.data())) {
                    p.get(a);
                }
                return a;
            } finally {
                if (tmp != null) {
                    tmp.close();
                }
            }
        }

        private Net borrow() {
            if (closed) {
                throw new IllegalStateException("model " + file.getFileName() + " is closed");
            }
            Net net;
            try {
                net = idle.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + file.getFileName(), e);
            }
            if (closed) {
                idle.add(net);
                throw new IllegalStateException("model " + file.getFileName() + " is closed");
            }
            return net;
        }

        /** Waits for borrowed nets to come back, then frees every net (a net still busy after 30 s is leaked, not freed). */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            int freed = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
            while (freed < all.size()) {
                Net net;
                try {
                    net = idle.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    net = null;
                }
                if (net == null) {
                    LOG.warn("{}: {} net(s) still running after {} s; not freed", file.getFileName(),
                            all.size() - freed, CLOSE_WAIT_SECONDS);
                    return;
                }
                net.close();
                freed++;
            }
        }
    }
}
