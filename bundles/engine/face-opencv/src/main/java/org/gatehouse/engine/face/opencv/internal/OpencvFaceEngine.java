package org.gatehouse.engine.face.opencv.internal;

import java.nio.file.Path;

import org.gatehouse.api.recognition.Frame;
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

    private final EngineStarter starter =
            new EngineStarter(ENGINE_ID, PID, "models.dir / *.model / yunet.model / sface.model", LOG);
    private final ServiceInstance<RecognitionEngine> instance =
            new ServiceInstance<>(RecognitionEngine.class, PID, LOG);

    /** The settings of an activation: the shared pipeline's options, or the OpenCV Zoo pair when configured. */
    private record Settings(PipelineOptions options, Path[] zoo) {
    }

    /**
     * Starts with the first configuration; a later one reloads the models only when it changes what they are (the
     * reference cfg arriving a moment after the bundle started does not: see EngineStarter#changed).
     */
    @Activate
    @Modified
    void activate(BundleContext ctx, OpencvEngineConfig config) {
        if (starter.changed(OpencvEngineConfig.class, config)) {
            start(ctx, config);
        }
    }

    /** Loads the models and registers the engine, replacing the one registered before; nothing stays after an error. */
    private void start(BundleContext ctx, OpencvEngineConfig config) {
        Settings settings = starter.settings(
                () -> new Settings(EngineSettings.options(config), EngineSettings.zooModels(config)));
        if (settings == null) {
            instance.unregister();
            return;
        }
        Path[] zoo = settings.zoo();
        FaceRunner runner = starter.load(() -> {
            FaceRunner r = zoo != null
                    ? new ZooPipeline(zoo[0], zoo[1], config.score_threshold(), config.nms_iou(), config.max_pixels(),
                            config.max_faces(), config.net_pool_size())
                    : new PipelineRunner(new FacePipeline(
                            new OpencvBackend(config.net_pool_size(), config.threads()), settings.options()));
            try {
                // the detector runs once here (and the embedding model ran while loading), so a file OpenCV cannot
                // execute fails now, not on each request
                r.analyze(new Frame(blankJpeg(), "jpeg"));
                return r;
            } catch (Exception | LinkageError e) {
                r.close();
                throw e;
            }
        });
        if (runner == null) {
            instance.unregister();
            return;
        }
        RunnerEngine engine = starter.service(runner, ctx.getBundle().getVersion().toString());
        instance.register(ctx, engine, starter.properties(runner, zoo != null ? "yunet" : settings.options().detector()), engine::retire);
        starter.ready(runner, "OpenCV " + Natives.opencvVersion());
    }

    /** A small grey JPEG: decodes through the same guarded path as real frames. */
    static byte[] blankJpeg() throws java.io.IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(320, 240, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    /** @return whether the engine service is registered */
    boolean registered() {
        return instance.registered();
    }

    @Deactivate
    void deactivate() {
        instance.unregister();
    }
}
