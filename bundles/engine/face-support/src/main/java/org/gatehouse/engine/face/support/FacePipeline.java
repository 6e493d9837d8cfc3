package org.gatehouse.engine.face.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Detection;
import org.gatehouse.api.recognition.Embedding;
import org.gatehouse.api.recognition.FaceQuality;
import org.gatehouse.api.recognition.Frame;

/**
 * Frame to faces: guarded decode -> detect -> 68 key points -> five points -> similarity alignment to the ArcFace
 * 112x112 template -> embed -> L2-normalise, with quality measures (the legacy model set). The clean set
 * ({@link PipelineOptions#clean()}) takes the five points from BlazeFace's key points (eyes, nose tip, mouth centre;
 * no landmark model), aligns the eyes onto dlib's 150x150 chip and embeds with the dlib ResNet. Engines differ only
 * in their {@link InferenceBackend}. Thread-safe when the backend's sessions are.
 */
public final class FacePipeline implements FaceRunner {
    private final PipelineOptions options;
    private final ImageDecoder decoder;
    private final InferenceBackend.Session detSession, lmSession, embSession;
    private final FaceDetector detector;
    private final Landmarks landmarks;
    private final String modelId;
    private final int vectorSize;
    /** dlib ResNet input: (p - mean[c]) / 256, means R, G, B as stored in dlib_face_recognition_resnet_model_v1.dat. */
    static final float[] DLIB_MEANS = { 122.782f, 117.001f, 104.298f };
    /** Half the mouth width over the eye distance of the ArcFace template (29.2 / 35.2 / 2), for mouth corners. */
    static final float MOUTH_HALF_WIDTH = 0.414f;

    /**
     * Loads the three models.
     *
     * @throws java.nio.file.NoSuchFileException when a model file is missing
     */
    public FacePipeline(InferenceBackend backend, PipelineOptions options) throws IOException {
        this.options = options;
        List<Path> files = options.clean() ? List.of(options.detectorModel(), options.embeddingModel())
                : List.of(options.detectorModel(), options.landmarkModel(), options.embeddingModel());
        for (Path p : files) {
            if (!Files.isRegularFile(p)) {
                throw new java.nio.file.NoSuchFileException(p.toString(), null, "model file not found");
            }
        }
        this.decoder = new ImageDecoder(options.maxPixels());
        this.modelId = ModelFiles.modelId(options.embeddingModel());
        InferenceBackend.Session d = null, l = null, e = null;
        try {
            d = backend.load(options.detectorModel(), options.threads());
            l = options.clean() ? null : backend.load(options.landmarkModel(), options.threads());
            e = backend.load(options.embeddingModel(), options.threads());
        } catch (IOException | RuntimeException ex) {
            for (InferenceBackend.Session s : new InferenceBackend.Session[] { d, l, e }) {
                if (s != null) {
                    s.close();
                }
            }
            throw ex;
        }
        this.detSession = d;
        this.lmSession = l;
        this.embSession = e;
        this.detector = switch (options.detector()) {
            case "ultraface" -> new UltraFaceDetector(d, options.scoreThreshold(), options.nmsIou());
            case "blazeface" -> new BlazeFaceDetector(d, options.scoreThreshold(), options.nmsIou());
            default -> throw new IllegalArgumentException("detector must be ultraface or blazeface: " + options.detector());
        };
        this.landmarks = l == null ? null : new Landmarks(l);
        int chip = chipSize();
        this.vectorSize = embedAligned(new RgbImage(chip, chip, new byte[chip * chip * 3])).length;
    }

    /** @return the embedding model id (file name and sha256 prefix) */
    @Override
    public String modelId() {
        return modelId;
    }

    /** @return the embedding length */
    @Override
    public int vectorSize() {
        return vectorSize;
    }

    public PipelineOptions options() {
        return options;
    }

    /** @return the detector, landmark (none in the clean set) and embedding files */
    @Override
    public List<Path> modelFiles() {
        return java.util.stream.Stream.of(options.detectorModel(), options.landmarkModel(), options.embeddingModel())
                .filter(java.util.Objects::nonNull).toList();
    }

    /** @return {@code detector <name>}, and {@code , model set clean} for the clean set */
    @Override
    public String describe() {
        return "detector " + options.detector() + (options.clean() ? ", model set clean" : "");
    }

    /** @return the side of the aligned face the embedding model takes */
    public int chipSize() {
        return options.clean() ? 150 : 112;
    }

    /** Aligns a face by its five points for this set's embedding model. */
    public RgbImage align(RgbImage img, float[] five) {
        return options.clean() ? Alignment.alignDlib150(img, five) : Alignment.align112(img, five);
    }

    /** Decodes with the guards of {@link ImageDecoder}. */
    public RgbImage decode(Frame frame) {
        return decoder.decode(frame.data());
    }

    /** @return faces with five key points each, largest first */
    @Override
    public List<Detection> detect(Frame frame) {
        RgbImage img = decode(frame);
        List<Detection> out = new ArrayList<>();
        for (FaceBox b : largestFirst(detector.detect(img))) {
            out.add(toDetection(b, five(img, b)));
        }
        return out;
    }

    /** Embeds one face: uses its five key points when present, else runs the landmark model on its box. */
    @Override
    public Embedding embed(Frame frame, Detection face) {
        RgbImage img = decode(frame);
        float[] five = face.landmarks() != null && face.landmarks().length >= 10
                ? java.util.Arrays.copyOf(face.landmarks(), 10)
                : five(img, new FaceBox(face.x(), face.y(), face.x() + face.width(), face.y() + face.height(),
                        face.score(), new float[0]));
        return new Embedding(modelId, embedAligned(align(img, five)));
    }

    /** Decodes once; finds, measures and embeds every face, largest first. */
    @Override
    public List<AnalyzedFace> analyze(Frame frame) {
        return analyze(decode(frame));
    }

    /** As {@link #analyze(Frame)} for an already decoded image. */
    public List<AnalyzedFace> analyze(RgbImage img) {
        List<AnalyzedFace> out = new ArrayList<>();
        for (FaceBox b : largestFirst(detector.detect(img))) {
            float[] five = five(img, b);
            RgbImage aligned = align(img, five);
            float[] vec = embedAligned(aligned);
            FaceQuality q = new FaceQuality(Math.round(Math.min(b.width(), b.height())),
                    Quality.laplacianVariance(aligned), Quality.yaw(five));
            out.add(new AnalyzedFace(toDetection(b, five), q, new Embedding(modelId, vec)));
        }
        return out;
    }

    /**
     * @return the five ArcFace points of a box (legacy: from the 68-point model; clean: from BlazeFace's key points,
     *         the mouth corners placed on the eye line's direction through the mouth centre)
     */
    float[] five(RgbImage img, FaceBox b) {
        if (options.clean()) {
            float[] k = b.keypoints();
            if (k == null || k.length < 8) {
                // a box without key points (e.g. an embed() of a detection made elsewhere): find it again
                FaceBox best = null;
                float bestIou = 0.3f;
                for (FaceBox c : detector.detect(img)) {
                    float iou = b.iou(c);
                    if (iou > bestIou) {
                        best = c;
                        bestIou = iou;
                    }
                }
                if (best == null) {
                    throw new IllegalArgumentException("no face with key points at the given box");
                }
                k = best.keypoints();
            }
            float ex = (k[2] - k[0]) * MOUTH_HALF_WIDTH, ey = (k[3] - k[1]) * MOUTH_HALF_WIDTH;
            return new float[] { k[0], k[1], k[2], k[3], k[4], k[5], k[6] - ex, k[7] - ey, k[6] + ex, k[7] + ey };
        }
        return Landmarks.fiveOf68(landmarks.predict(img, detector.landmarkCrop(b)));
    }

    /** Runs the embedding model on an aligned face ({@link #chipSize()} square) and L2-normalises the result. */
    public float[] embedAligned(RgbImage aligned) {
        int chip = aligned.width();
        float[] input = options.clean() ? Tensors.planar(aligned, DLIB_MEANS, 256f)
                : Tensors.nchw(aligned, options.embeddingMean(), options.embeddingStd());
        Map<String, float[]> out = embSession.run(input, new long[] { 1, 3, chip, chip });
        float[] v = out.values().iterator().next().clone();
        return Quality.l2normalize(v);
    }

    private List<FaceBox> largestFirst(List<FaceBox> boxes) {
        List<FaceBox> s = new ArrayList<>(boxes);
        s.sort(Comparator.comparingDouble(FaceBox::area).reversed());
        return s.size() > options.maxFaces() ? s.subList(0, options.maxFaces()) : s;
    }

    private static Detection toDetection(FaceBox b, float[] five) {
        return new Detection(b.x1(), b.y1(), b.width(), b.height(), b.score(), five);
    }

    @Override
    public void close() {
        detSession.close();
        if (lmSession != null) {
            lmSession.close();
        }
        embSession.close();
    }
}
