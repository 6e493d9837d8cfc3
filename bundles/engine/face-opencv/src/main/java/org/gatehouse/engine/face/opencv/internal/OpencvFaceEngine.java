package org.gatehouse.engine.face.opencv.internal;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.gatehouse.engine.face.support.RgbImage;
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

    private FacePipeline pipeline;
    private ServiceRegistration<RecognitionEngine> registration;

    @Activate
    void activate(BundleContext ctx, OpencvEngineConfig config) {
        PipelineOptions options;
        try {
            options = EngineSettings.options(config);
            Path[] zoo = EngineSettings.zooModels(config);
            if (zoo != null) {
                for (Path p : zoo) {
                    if (!Files.isRegularFile(p)) {
                        LOG.error("Face engine opencv not started: model file {} not found (yunet.model / sface.model in etc/{}.cfg)",
                                p, PID);
                        return;
                    }
                }
                LOG.error("Face engine opencv not started: YuNet/SFace files are configured but this version runs only "
                        + "the detector/landmark/embedding ONNX pipeline; clear yunet.model and sface.model in etc/{}.cfg", PID);
                return;
            }
        } catch (IllegalArgumentException e) {
            LOG.error("Face engine opencv not started: {} (etc/{}.cfg)", e.getMessage(), PID);
            return;
        }
        long t0 = System.nanoTime();
        try {
            pipeline = new FacePipeline(new OpencvBackend(config.net_pool_size(), config.threads()), options);
            // the detector and landmark models run once here, so a file OpenCV cannot execute fails now, not per request
            pipeline.analyze(new RgbImage(320, 240, new byte[320 * 240 * 3]));
        } catch (NoSuchFileException e) {
            LOG.error("Face engine opencv not started: model file {} not found (install feature gatehouse-models-face "
                    + "or set models.dir / *.model in etc/{}.cfg)", e.getFile(), PID);
            return;
        } catch (Exception | LinkageError e) {
            if (pipeline != null) {
                pipeline.close();
                pipeline = null;
            }
            LOG.error("Face engine opencv not started: cannot load the models: {}", e.toString());
            return;
        }
        Engine engine = new Engine(pipeline, ctx.getBundle().getVersion().toString());
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(RecognitionEngine.ENGINE, ENGINE_ID);
        props.put(RecognitionEngine.CAPABILITY, new String[] { "face.detect", "face.embed" });
        props.put("gatehouse.engine.model", engine.info().modelId());
        props.put("gatehouse.engine.detector", options.detector());
        registration = ctx.registerService(RecognitionEngine.class, engine, props);
        LOG.info("Face engine opencv ready: OpenCV {}, detector {}, model {} ({}-d), {} ms to load", Natives.opencvVersion(),
                options.detector(), engine.info().modelId(), pipeline.vectorSize(), (System.nanoTime() - t0) / 1_000_000);
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
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
        }
    }

    /** The registered service: a thin adapter over the shared pipeline that stamps this engine's model id. */
    static final class Engine implements RecognitionEngine {
        private final FacePipeline pipeline;
        private final EngineInfo info;

        Engine(FacePipeline pipeline, String version) {
            this.pipeline = pipeline;
            this.info = new EngineInfo(ENGINE_ID, version, pipeline.modelId() + MODEL_SUFFIX, pipeline.vectorSize());
        }

        @Override
        public EngineInfo info() {
            return info;
        }

        @Override
        public List<Detection> detect(Frame frame) {
            return pipeline.detect(frame);
        }

        @Override
        public Embedding embed(Frame frame, Detection face) {
            return new Embedding(info.modelId(), pipeline.embed(frame, face).vector());
        }

        @Override
        public List<AnalyzedFace> analyze(Frame frame) {
            List<AnalyzedFace> faces = pipeline.analyze(frame);
            List<AnalyzedFace> out = new ArrayList<>(faces.size());
            for (AnalyzedFace f : faces) {
                out.add(new AnalyzedFace(f.detection(), f.quality(), new Embedding(info.modelId(), f.embedding().vector())));
            }
            return out;
        }
    }
}
