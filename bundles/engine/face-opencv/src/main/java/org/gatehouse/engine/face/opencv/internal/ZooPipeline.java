package org.gatehouse.engine.face.opencv.internal;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_objdetect;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;
import org.bytedeco.opencv.opencv_objdetect.FaceRecognizerSF;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Detection;
import org.gatehouse.api.recognition.Embedding;
import org.gatehouse.api.recognition.FaceQuality;
import org.gatehouse.api.recognition.FaceReasons;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.engine.face.support.EngineStarter;
import org.gatehouse.engine.face.support.FaceRunner;
import org.gatehouse.engine.face.support.ImageDecoder;
import org.gatehouse.engine.face.support.ModelFiles;
import org.gatehouse.engine.face.support.Quality;
import org.gatehouse.engine.face.support.RgbImage;

/**
 * OpenCV Zoo's own face models, when a site supplies them: YuNet ({@code FaceDetectorYN}: box, five key points and
 * score in one pass) and SFace ({@code FaceRecognizerSF}: its own alignment crop and a 128-d feature), L2-normalised.
 * Decoding goes through the shared guarded decoder (same bad-input codes as the ONNX pipeline); quality uses the same
 * measures (face size, sharpness of the aligned crop, yaw from the five points, whose order - image-left eye first -
 * is the one the shared pipeline uses).
 * <p>
 * Thread safety as in {@link OpencvBackend}: a pool of (detector, recogniser) pairs, one per concurrent call.
 * <p>
 * NOT verified on real YuNet/SFace files (none is available offline here): only a wrong file and missing files are
 * tested. The model id is {@code <sface file>@<sha256 prefix>/opencv}.
 */
final class ZooPipeline implements FaceRunner {
    private static final int ROW = 15; // x, y, w, h, 5 x (x, y), score

    private final Path yunet, sface;
    private final ImageDecoder decoder;
    private final int maxFaces;
    private final String modelId;
    private final List<Slot> all = new ArrayList<>(); // strong references to every native object
    private final BlockingQueue<Slot> idle;
    private final int vectorSize;
    private volatile boolean closed;

    private record Slot(FaceDetectorYN detector, FaceRecognizerSF recognizer) {
    }

    ZooPipeline(Path yunet, Path sface, float scoreThreshold, float nmsIou, long maxPixels, int maxFaces, int poolSize)
            throws IOException {
        for (Path p : List.of(yunet, sface)) {
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(p.toString(), null, "model file not found");
            }
        }
        this.yunet = yunet;
        this.sface = sface;
        this.decoder = new ImageDecoder(maxPixels);
        this.maxFaces = Math.max(1, maxFaces);
        this.modelId = ModelFiles.modelId(sface) + OpencvFaceEngine.MODEL_SUFFIX;
        Natives.load();
        Loader.load(opencv_objdetect.class);
        try {
            for (int i = 0; i < Math.max(1, poolSize); i++) {
                FaceDetectorYN d;
                FaceRecognizerSF r;
                try (Size s = new Size(320, 320)) {
                    d = FaceDetectorYN.create(yunet.toString(), "", s, scoreThreshold, nmsIou, 5000, 0, 0);
                }
                try {
                    r = FaceRecognizerSF.create(sface.toString(), "", 0, 0);
                } catch (RuntimeException e) {
                    d.close();
                    throw e;
                }
                all.add(new Slot(d, r));
            }
        } catch (RuntimeException e) {
            release();
            throw new IOException("OpenCV cannot load " + yunet.getFileName() + " / " + sface.getFileName() + ": "
                    + EngineStarter.firstLine(e.getMessage()), e);
        }
        this.idle = new ArrayBlockingQueue<>(all.size(), false, all);
        Slot s = borrow();
        try (Mat blank = new Mat(112, 112, CV_8UC3)) {
            blank.put(new org.bytedeco.opencv.opencv_core.Scalar(0.0));
            this.vectorSize = feature(s, blank).length;
        } finally {
            idle.add(s);
        }
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int vectorSize() {
        return vectorSize;
    }

    @Override
    public List<Path> modelFiles() {
        return List.of(yunet, sface);
    }

    @Override
    public String describe() {
        return "YuNet " + yunet.getFileName() + " + SFace " + sface.getFileName();
    }

    @Override
    public List<Detection> detect(Frame frame) {
        RgbImage img = decoder.decode(frame.data());
        Slot s = borrow();
        try (Mat bgr = toBgr(img)) {
            List<Detection> out = new ArrayList<>();
            for (float[] row : detectRows(s, bgr, img)) {
                out.add(toDetection(row));
            }
            return out;
        } finally {
            idle.add(s);
        }
    }

    @Override
    public Embedding embed(Frame frame, Detection face) {
        RgbImage img = decoder.decode(frame.data());
        Slot s = borrow();
        try (Mat bgr = toBgr(img)) {
            float[] row;
            if (face.landmarks() != null && face.landmarks().length >= 10) {
                row = toRow(face);
            } else { // a box without key points (another engine's detection): the YuNet face that overlaps it most
                row = bestOverlap(detectRows(s, bgr, img), face);
            }
            try (Mat aligned = new Mat()) {
                align(s, bgr, row, aligned);
                return new Embedding(modelId, Quality.l2normalize(feature(s, aligned)));
            }
        } finally {
            idle.add(s);
        }
    }

    @Override
    public List<AnalyzedFace> analyze(Frame frame) {
        RgbImage img = decoder.decode(frame.data());
        Slot s = borrow();
        try (Mat bgr = toBgr(img)) {
            List<AnalyzedFace> out = new ArrayList<>();
            for (float[] row : detectRows(s, bgr, img)) {
                Detection d = toDetection(row);
                try (Mat aligned = new Mat()) {
                    align(s, bgr, row, aligned);
                    float[] v = Quality.l2normalize(feature(s, aligned));
                    FaceQuality q = new FaceQuality(Math.round(Math.min(row[2], row[3])),
                            Quality.laplacianVariance(toRgb(aligned)), Quality.yaw(d.landmarks()));
                    out.add(new AnalyzedFace(d, q, new Embedding(modelId, v)));
                }
            }
            return out;
        } finally {
            idle.add(s);
        }
    }

    /** @return YuNet's rows (15 floats each), largest face first, at most maxFaces */
    private List<float[]> detectRows(Slot s, Mat bgr, RgbImage img) {
        List<float[]> rows = new ArrayList<>();
        try (Size size = new Size(img.width(), img.height()); Mat faces = new Mat()) {
            s.detector().setInputSize(size);
            s.detector().detect(bgr, faces);
            if (faces.empty()) {
                return rows;
            }
            if (faces.cols() != ROW || faces.depth() != CV_32F) {
                throw new IllegalStateException("unexpected YuNet output " + faces.rows() + "x" + faces.cols());
            }
            Mat copy = faces.isContinuous() ? null : faces.clone();
            try {
                Mat src = copy == null ? faces : copy;
                float[] all = new float[faces.rows() * ROW];
                try (FloatPointer p = new FloatPointer(src.data())) {
                    p.get(all);
                }
                for (int i = 0; i < faces.rows(); i++) {
                    float[] r = new float[ROW];
                    System.arraycopy(all, i * ROW, r, 0, ROW);
                    rows.add(r);
                }
            } finally {
                if (copy != null) {
                    copy.close();
                }
            }
        }
        rows.sort(Comparator.comparingDouble((float[] r) -> r[2] * r[3]).reversed());
        return rows.size() > maxFaces ? rows.subList(0, maxFaces) : rows;
    }

    private static void align(Slot s, Mat bgr, float[] row, Mat aligned) {
        try (Mat faceRow = new Mat(1, ROW, CV_32F); FloatPointer p = new FloatPointer(faceRow.data())) {
            p.put(row);
            s.recognizer().alignCrop(bgr, faceRow, aligned);
        }
    }

    private static float[] feature(Slot s, Mat aligned) {
        try (Mat f = new Mat()) {
            s.recognizer().feature(aligned, f);
            try (Mat c = f.clone()) { // continuous, owned
                float[] v = new float[Math.toIntExact(c.total() * c.channels())];
                try (FloatPointer p = new FloatPointer(c.data())) {
                    p.get(v);
                }
                return v;
            }
        }
    }

    static Detection toDetection(float[] r) {
        float[] five = new float[10];
        System.arraycopy(r, 4, five, 0, 10);
        return new Detection(r[0], r[1], r[2], r[3], r[14], five);
    }

    static float[] toRow(Detection d) {
        float[] r = new float[ROW];
        r[0] = d.x();
        r[1] = d.y();
        r[2] = d.width();
        r[3] = d.height();
        System.arraycopy(d.landmarks(), 0, r, 4, 10);
        r[14] = d.score();
        return r;
    }

    static float[] bestOverlap(List<float[]> rows, Detection d) {
        float[] best = null;
        double bestIou = 0;
        for (float[] r : rows) {
            double ix = Math.max(0, Math.min(r[0] + r[2], d.x() + d.width()) - Math.max(r[0], d.x()));
            double iy = Math.max(0, Math.min(r[1] + r[3], d.y() + d.height()) - Math.max(r[1], d.y()));
            double inter = ix * iy, union = r[2] * r[3] + d.width() * d.height() - inter;
            double iou = union <= 0 ? 0 : inter / union;
            if (iou > bestIou) {
                bestIou = iou;
                best = r;
            }
        }
        if (best == null) {
            throw GatehouseException.invalid(FaceReasons.NO_FACE, "no face at the given box");
        }
        return best;
    }

    /** RGB (shared decoder) to an OpenCV BGR 8-bit mat. */
    static Mat toBgr(RgbImage img) {
        byte[] rgb = img.rgb();
        byte[] bgr = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        Mat m = new Mat(img.height(), img.width(), CV_8UC3);
        try (BytePointer p = new BytePointer(m.data())) {
            p.put(bgr);
        }
        return m;
    }

    /** An OpenCV BGR 8-bit mat back to RGB. */
    static RgbImage toRgb(Mat bgr) {
        try (Mat c = bgr.isContinuous() ? new Mat(bgr) : bgr.clone()) {
            byte[] b = new byte[c.rows() * c.cols() * 3];
            try (BytePointer p = new BytePointer(c.data())) {
                p.get(b);
            }
            for (int i = 0; i < b.length; i += 3) {
                byte t = b[i];
                b[i] = b[i + 2];
                b[i + 2] = t;
            }
            return new RgbImage(c.cols(), c.rows(), b);
        }
    }

    private Slot borrow() {
        if (closed) {
            throw new IllegalStateException("YuNet/SFace models are closed");
        }
        try {
            Slot s = idle.take();
            if (closed) {
                idle.add(s);
                throw new IllegalStateException("YuNet/SFace models are closed");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        int back = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (back < all.size() && idle.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS) != null) {
                back++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (back == all.size()) {
            release();
        } // else: a call is still running after 30 s; leak rather than free memory in use
    }

    private void release() {
        for (Slot s : all) {
            s.detector().close();
            s.recognizer().close();
        }
    }
}
