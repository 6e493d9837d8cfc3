package org.gatehouse.engine.face.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;

import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Detection;
import org.gatehouse.api.recognition.Embedding;
import org.gatehouse.api.recognition.EngineInfo;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.recognition.RecognitionEngine;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class EngineStarterTest {

    /** A runner without models: one fixed face. */
    static class FixedRunner implements FaceRunner {
        static final Detection FACE = new Detection(1, 2, 30, 40, 0.9f, null);
        boolean closed;
        List<java.nio.file.Path> files = List.of();
        String set;

        @Override
        public List<java.nio.file.Path> modelFiles() {
            return files;
        }

        @Override
        public String modelSet() {
            return set;
        }

        @Override
        public String modelId() {
            return "fixed@000000000000";
        }

        @Override
        public int vectorSize() {
            return 2;
        }

        @Override
        public String describe() {
            return "detector fixed";
        }

        @Override
        public List<Detection> detect(Frame frame) {
            return List.of(FACE);
        }

        @Override
        public Embedding embed(Frame frame, Detection face) {
            return new Embedding(modelId(), new float[] { 1, 0 });
        }

        @Override
        public List<AnalyzedFace> analyze(Frame frame) {
            return List.of(new AnalyzedFace(FACE, null, embed(frame, FACE)));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A runner whose detection waits until the test lets it return. */
    static final class BlockingRunner extends FixedRunner {
        final java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch proceed = new java.util.concurrent.CountDownLatch(1);

        @Override
        public List<Detection> detect(Frame frame) {
            entered.countDown();
            try {
                proceed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.detect(frame);
        }
    }

    private final EngineStarter starter = new EngineStarter("test", "org.example.engine", "models.dir / *.model",
            LoggerFactory.getLogger(EngineStarterTest.class));

    @Test
    void aConfigurationErrorGivesNoSettings() {
        assertEquals("ok", starter.settings(() -> "ok"));
        assertNull(starter.settings(() -> {
            throw new IllegalArgumentException("detector must be ultraface, not 'x'");
        }));
    }

    @Test
    void modelsThatDoNotLoadGiveNoRunner() {
        assertNull(starter.load(() -> {
            throw new NoSuchFileException("/srv/models/fr-detect.onnx");
        }));
        assertNull(starter.load(() -> {
            throw new IllegalStateException("cannot run\nsecond line");
        }));
        assertNull(starter.load(() -> {
            throw new UnsatisfiedLinkError("no opencv_java in java.library.path");
        }));
    }

    @Test
    void aLoadedRunnerBecomesTheServiceWithItsProperties() {
        FixedRunner runner = new FixedRunner();
        assertSame(runner, starter.load(() -> runner));
        RecognitionEngine engine = starter.service(runner, "1.2.3");
        assertEquals(new EngineInfo("test", "1.2.3", "fixed@000000000000", 2), engine.info());
        assertEquals(List.of(FixedRunner.FACE), engine.detect(new Frame(new byte[0], null)));
        assertEquals(1, engine.analyze(new Frame(new byte[0], null)).size());
        assertArrayEquals(new float[] { 1, 0 }, engine.embed(null, FixedRunner.FACE).vector());

        Map<String, Object> props = starter.properties(runner, "ultraface");
        assertEquals(4, props.size());
        assertEquals("test", props.get(RecognitionEngine.ENGINE));
        assertArrayEquals(new String[] { "face.detect", "face.embed" },
                (String[]) props.get(RecognitionEngine.CAPABILITY));
        assertEquals("fixed@000000000000", props.get("gatehouse.engine.model"));
        assertEquals("ultraface", props.get("gatehouse.engine.detector"));
        starter.ready(runner, "Runtime 1.0");
        starter.ready(runner, null);
    }

    @Test
    void propertiesNameTheModelFilesAndSetWhenTheRunnerKnowsThem() {
        EngineStarter starter = new EngineStarter("test", "org.gatehouse.engine.face.test", "*.model",
                org.slf4j.LoggerFactory.getLogger(EngineStarterTest.class));
        FixedRunner runner = new FixedRunner();
        runner.files = List.of(java.nio.file.Paths.get("models", "..", "models", "a.onnx"),
                java.nio.file.Paths.get("/opt/m/b.onnx"));
        runner.set = "legacy";
        Map<String, Object> props = starter.properties(runner, "ultraface");
        assertEquals(6, props.size());
        assertArrayEquals(new String[] { java.nio.file.Paths.get("models", "a.onnx").toAbsolutePath().toString(),
                "/opt/m/b.onnx" }, (String[]) props.get(EngineStarter.FILES));
        assertEquals("legacy", props.get(EngineStarter.MODEL_SET));
        assertEquals("test", props.get(RecognitionEngine.ENGINE));
    }

    @Test
    void firstLine() {
        assertEquals("a b", EngineStarter.firstLine("  a b\n c "));
        assertEquals("x", EngineStarter.firstLine("x"));
        assertEquals("", EngineStarter.firstLine(null));
    }

    /** A component property type as SCR builds it: defaults, some overridden. */
    @interface Cfg {
        String models_dir() default "";

        String detector() default "ultraface";

        float nms_iou() default 0.4f;

        float[] mean() default { 127f, 127f };
    }

    static Cfg cfg(Map<String, Object> values) {
        return (Cfg) java.lang.reflect.Proxy.newProxyInstance(Cfg.class.getClassLoader(), new Class<?>[] { Cfg.class },
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                        : method.getDefaultValue());
    }

    @Test
    void theReferenceCfgWithTheDefaultsIsNoChangeButAnAlteredValueIs() {
        assertTrue(starter.changed(Cfg.class, cfg(Map.of())), "the first configuration");
        assertFalse(starter.changed(Cfg.class, cfg(Map.of("detector", "ultraface", "nms_iou", 0.4f,
                "mean", new float[] { 127f, 127f }))), "the same values, written out");
        assertTrue(starter.changed(Cfg.class, cfg(Map.of("nms_iou", 0.5f))));
        assertFalse(starter.changed(Cfg.class, cfg(Map.of("nms_iou", 0.5f))));
        assertTrue(starter.changed(Cfg.class, cfg(Map.of("nms_iou", 0.5f, "mean", new float[] { 127f, 128f }))));
        assertTrue(starter.changed(Cfg.class, cfg(Map.of())), "back to the defaults");
    }

    @Test
    void theReferenceCfgWritingOutTheDefaultModelsDirectoryIsNoChange() {
        String dir = EngineConfig.modelsDir("").toAbsolutePath().toString(); // ${karaf.base}/models/face, substituted
        assertTrue(starter.changed(Cfg.class, cfg(Map.of())));
        assertFalse(starter.changed(Cfg.class, cfg(Map.of("models_dir", dir))), "the default directory written out");
        assertTrue(starter.changed(Cfg.class, cfg(Map.of("models_dir", "/srv/other/models"))));
    }

    @Test
    void aReplacedEngineFinishesTheCallInFlightThenClosesAndRefusesLaterCalls() throws Exception {
        BlockingRunner runner = new BlockingRunner();
        RunnerEngine engine = starter.service(runner, "1.0.0");
        var entered = runner.entered;
        var proceed = runner.proceed;
        var call = java.util.concurrent.CompletableFuture.supplyAsync(() -> engine.detect(new Frame(new byte[0], null)));
        entered.await();
        engine.retire();
        assertFalse(runner.closed, "closed under a call in flight");
        proceed.countDown();
        assertEquals(List.of(FixedRunner.FACE), call.get());
        assertTrue(runner.closed, "closed once the last call returned");
        assertTrue(engine.closed());
        org.gatehouse.api.GatehouseException refused = org.junit.jupiter.api.Assertions.assertThrows(
                org.gatehouse.api.GatehouseException.class, () -> engine.analyze(new Frame(new byte[0], null)));
        assertEquals("no-engine", refused.code());
        assertEquals(org.gatehouse.api.GatehouseException.Kind.UNAVAILABLE, refused.kind());

        FixedRunner idle = new FixedRunner();
        RunnerEngine unused = starter.service(idle, "1.0.0");
        unused.retire();
        assertTrue(idle.closed, "an idle engine closes at once");
        unused.retire();
    }
}
