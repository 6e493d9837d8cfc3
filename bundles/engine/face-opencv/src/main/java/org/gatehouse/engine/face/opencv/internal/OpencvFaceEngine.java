package org.gatehouse.engine.face.opencv.internal;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Detection;
import org.gatehouse.api.recognition.Embedding;
import org.gatehouse.api.recognition.EngineInfo;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.recognition.RecognitionEngine;
import org.gatehouse.engine.face.support.FacePipeline;
import org.gatehouse.engine.face.support.PipelineOptions;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenCV DNN face engine. An immediate component that loads the models and only then registers the
 * {@link RecognitionEngine} service ({@code gatehouse.engine.id=opencv}); with a missing model file or natives that do
 * not load it logs one line and registers nothing. A configuration change re-creates it.
 * <p>
 * Model id: the pipeline's id of the embedding file (name and sha256 prefix) plus {@value #MODEL_SUFFIX}. Both engines
 * run the same fr-feature.onnx and their vectors agree closely (see the parity test), but a distinct id is the safe
 * default: switching engines re-enrolls from the stored photos instead of mixing vectors of two runtimes.
 */
@Component(name = OpencvFaceEngine.PID, configurationPid = OpencvFaceEngine.PID, immediate = true, service = {},
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = OpencvEngineConfig.class)
public class OpencvFaceEngine {
    static final String PID = "org.gatehouse.engine.face.opencv";
    static final String ENGINE_ID = "opencv";
    static final String MODEL_SUFFIX = "/opencv";
    private static final Logger LOG = LoggerFactory.getLogger(OpencvFaceEngine.class);

    private FaceRunner runner;
    private ServiceRegistration<RecognitionEngine> registration;

    @Activate
    void activate(BundleContext ctx, OpencvEngineConfig config) {
        PipelineOptions options;
        Path[] zoo;
        try {
            options = EngineSettings.options(config);
            zoo = EngineSettings.zooModels(config);
        } catch (IllegalArgumentException e) {
            LOG.error("Face engine opencv not started: {} (etc/{}.cfg)", e.getMessage(), PID);
            return;
        }
        long t0 = System.nanoTime();
        try {
            if (zoo != null) {
                runner = new ZooPipeline(zoo[0], zoo[1], config.score_threshold(), config.nms_iou(), config.max_pixels(),
                        config.max_faces(), config.net_pool_size());
            } else {
                runner = new PipelineRunner(new FacePipeline(new OpencvBackend(config.net_pool_size(), config.threads()),
                        options));
            }
            // the detector runs once here (and the embedding model ran while loading), so a file OpenCV cannot execute
            // fails now, not on each request
            runner.analyze(new Frame(blankJpeg(), "jpeg"));
        } catch (NoSuchFileException e) {
            LOG.error("Face engine opencv not started: model file {} not found (install feature gatehouse-models-face "
                    + "or set models.dir / *.model / yunet.model / sface.model in etc/{}.cfg)", e.getFile(), PID);
            closeRunner();
            return;
        } catch (Exception | LinkageError e) {
            LOG.error("Face engine opencv not started: cannot run the models: {}", OpencvBackend.firstLine(e.toString()));
            closeRunner();
            return;
        }
        Engine engine = new Engine(runner, ctx.getBundle().getVersion().toString());
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(RecognitionEngine.ENGINE, ENGINE_ID);
        props.put(RecognitionEngine.CAPABILITY, new String[] { "face.detect", "face.embed" });
        props.put("gatehouse.engine.model", runner.modelId());
        props.put("gatehouse.engine.detector", zoo != null ? "yunet" : options.detector());
        registration = ctx.registerService(RecognitionEngine.class, engine, props);
        LOG.info("Face engine opencv ready: OpenCV {}, {}, model {} ({}-d), {} ms to load", Natives.opencvVersion(),
                runner.describe(), runner.modelId(), runner.vectorSize(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** A small grey JPEG: decodes through the same guarded path as real frames. */
    static byte[] blankJpeg() throws java.io.IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(320, 240, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    private void closeRunner() {
        if (runner != null) {
            runner.close();
            runner = null;
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException ignored) {
                // bundle already stopping
            }
            registration = null;
        }
        closeRunner();
    }

    /** The registered service: a thin adapter over the runner. */
    static final class Engine implements RecognitionEngine {
        private final FaceRunner runner;
        private final EngineInfo info;

        Engine(FaceRunner runner, String version) {
            this.runner = runner;
            this.info = new EngineInfo(ENGINE_ID, version, runner.modelId(), runner.vectorSize());
        }

        @Override
        public EngineInfo info() {
            return info;
        }

        @Override
        public List<Detection> detect(Frame frame) {
            return runner.detect(frame);
        }

        @Override
        public Embedding embed(Frame frame, Detection face) {
            return runner.embed(frame, face);
        }

        @Override
        public List<AnalyzedFace> analyze(Frame frame) {
            return runner.analyze(frame);
        }
    }
}
