package org.gatehouse.engine.face.onnx.internal;

import java.nio.file.Paths;

import org.gatehouse.api.recognition.RecognitionEngine;
import org.gatehouse.engine.face.support.EngineStarter;
import org.gatehouse.engine.face.support.RunnerEngine;
import org.gatehouse.engine.face.support.FacePipeline;
import org.gatehouse.engine.face.support.FaceRunner;
import org.gatehouse.engine.face.support.PipelineOptions;
import org.gatehouse.support.osgi.ServiceInstance;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DJL/ONNX Runtime face engine. An immediate component that loads the models and only then registers the
 * {@link RecognitionEngine} service ({@code gatehouse.engine.id=onnx}); with a missing model file it logs one line and
 * registers nothing. A configuration change that alters what it loads reloads it (new models, new model id); one with the same effective
 * values (the reference cfg arriving after the component started with defaults) keeps it.
 */
@Component(name = OnnxFaceEngine.PID, configurationPid = OnnxFaceEngine.PID, immediate = true, service = {},
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = OnnxEngineConfig.class)
public class OnnxFaceEngine {
    static final String PID = "org.gatehouse.engine.face.onnx";
    static final String ENGINE_ID = "onnx";
    private static final Logger LOG = LoggerFactory.getLogger(OnnxFaceEngine.class);

    private final EngineStarter starter = new EngineStarter(ENGINE_ID, PID, "models.dir / *.model", LOG);
    private final ServiceInstance<RecognitionEngine> instance =
            new ServiceInstance<>(RecognitionEngine.class, PID, LOG);

    /**
     * Starts with the first configuration; a later one reloads the models only when it changes what they are (the
     * reference cfg arriving a moment after the bundle started does not: see EngineStarter#changed).
     */
    @Activate
    @Modified
    void activate(BundleContext ctx, OnnxEngineConfig config) {
        if (starter.changed(OnnxEngineConfig.class, config)) {
            start(ctx, config);
        }
    }

    /** Loads the models and registers the engine, replacing the one registered before; nothing stays after an error. */
    private void start(BundleContext ctx, OnnxEngineConfig config) {
        PipelineOptions options = starter.settings(() -> EngineSettings.options(config));
        if (options == null) {
            instance.unregister();
            return;
        }
        DjlOrtBackend.configureOffline(
                Paths.get(System.getProperty("karaf.data", System.getProperty("java.io.tmpdir")), "djl"));
        FaceRunner runner = starter.load(() -> new FacePipeline(new DjlOrtBackend(), options));
        if (runner == null) {
            instance.unregister();
            return;
        }
        RunnerEngine engine = starter.service(runner, ctx.getBundle().getVersion().toString());
        instance.register(ctx, engine, starter.properties(runner, options.detector()), engine::retire);
        starter.ready(runner, null);
    }

    @Deactivate
    void deactivate() {
        instance.unregister();
    }
}
