package org.gatehouse.engine.face.onnx.internal;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
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
 * The DJL/ONNX Runtime face engine. An immediate component that loads the models and only then registers the
 * {@link RecognitionEngine} service ({@code gatehouse.engine.id=onnx}); with a missing model file it logs one line and
 * registers nothing. A configuration change re-creates it (new models, new model id).
 */
@Component(name = OnnxFaceEngine.PID, configurationPid = OnnxFaceEngine.PID, immediate = true, service = {},
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = OnnxEngineConfig.class)
public class OnnxFaceEngine {
    static final String PID = "org.gatehouse.engine.face.onnx";
    static final String ENGINE_ID = "onnx";
    private static final Logger LOG = LoggerFactory.getLogger(OnnxFaceEngine.class);

    private FacePipeline pipeline;
    private ServiceRegistration<RecognitionEngine> registration;

    @Activate
    void activate(BundleContext ctx, OnnxEngineConfig config) {
        PipelineOptions options;
        try {
            options = EngineSettings.options(config);
        } catch (IllegalArgumentException e) {
            LOG.error("Face engine onnx not started: {} (etc/{}.cfg)", e.getMessage(), PID);
            return;
        }
        Path cache = Paths.get(System.getProperty("karaf.data", System.getProperty("java.io.tmpdir")), "djl");
        DjlOrtBackend.configureOffline(cache);
        long t0 = System.nanoTime();
        try {
            pipeline = new FacePipeline(new DjlOrtBackend(), options);
        } catch (NoSuchFileException e) {
            LOG.error("Face engine onnx not started: model file {} not found (install feature gatehouse-models-face "
                    + "or set models.dir / *.model in etc/{}.cfg)", e.getFile(), PID);
            return;
        } catch (Exception | LinkageError e) {
            LOG.error("Face engine onnx not started: cannot load the models: {}", e.toString());
            return;
        }
        Engine engine = new Engine(pipeline, ctx.getBundle().getVersion().toString());
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(RecognitionEngine.ENGINE, ENGINE_ID);
        props.put(RecognitionEngine.CAPABILITY, new String[] { "face.detect", "face.embed" });
        props.put("gatehouse.engine.model", pipeline.modelId());
        props.put("gatehouse.engine.detector", options.detector());
        registration = ctx.registerService(RecognitionEngine.class, engine, props);
        LOG.info("Face engine onnx ready: detector {}, model {} ({}-d), {} ms to load", options.detector(),
                pipeline.modelId(), pipeline.vectorSize(), (System.nanoTime() - t0) / 1_000_000);
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

    /** The registered service: a thin adapter over the shared pipeline. */
    static final class Engine implements RecognitionEngine {
        private final FacePipeline pipeline;
        private final EngineInfo info;

        Engine(FacePipeline pipeline, String version) {
            this.pipeline = pipeline;
            this.info = new EngineInfo(ENGINE_ID, version, pipeline.modelId(), pipeline.vectorSize());
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
            return pipeline.embed(frame, face);
        }

        @Override
        public List<AnalyzedFace> analyze(Frame frame) {
            return pipeline.analyze(frame);
        }
    }
}
