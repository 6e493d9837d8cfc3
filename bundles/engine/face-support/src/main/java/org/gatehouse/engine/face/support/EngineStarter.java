package org.gatehouse.engine.face.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.gatehouse.api.recognition.RecognitionEngine;
import org.slf4j.Logger;

/**
 * How a face engine component starts, the same for every engine: read its configuration, load its models, then
 * register one {@link RecognitionEngine} (the component does that, with the service and properties made here) and log
 * one line. A configuration error, a missing model file or models that do not load log one ERROR line each and
 * register nothing; the component stays active, so a corrected cfg re-creates it.
 */
public final class EngineStarter {

    /** Loads an engine's models. */
    @FunctionalInterface
    public interface Loader {
        /**
         * @return the runner, which closes what it loaded when it is closed
         * @throws NoSuchFileException for a missing model file
         */
        FaceRunner load() throws Exception;
    }

    private final String engineId;
    private final String pid;
    private final String modelKeys;
    private final Logger log;
    private long loadStart;
    private Map<String, String> lastConfig; // the effective configuration of the last start, guarded by this

    /**
     * @param engineId  the value of {@link RecognitionEngine#ENGINE}
     * @param pid       the configuration PID, named in the log lines
     * @param modelKeys the keys that name model files, for the log line of a missing file
     * @param log       the component's logger
     */
    public EngineStarter(String engineId, String pid, String modelKeys, Logger log) {
        this.engineId = engineId;
        this.pid = pid;
        this.modelKeys = modelKeys;
        this.log = log;
    }

    /**
     * @param read builds settings from the configuration; throws {@link IllegalArgumentException} naming the key
     * @return the settings, or null after one log line
     */
    public <T> T settings(Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            log.error("Face engine {} not started: {} (etc/{}.cfg)", engineId, e.getMessage(), pid);
            return null;
        }
    }

    /**
     * Tells a configuration that changes what the engine would load from one that does not. A component activated
     * without a configuration and then given its reference cfg (Karaf creates {@code etc/<pid>.cfg} when the feature
     * installs, and fileinstall delivers it a moment after the bundle started) receives the same effective values:
     * reloading the models then would withdraw the engine for the seconds a load takes, for nothing. Compared are the
     * values of the component property type's methods, defaults applied, as SCR hands them to the component, with an
     * empty {@code models.dir} read as the directory it stands for (the reference cfg writes that directory out).
     *
     * @param type   the component property type (an annotation)
     * @param config the configuration SCR passed to {@code @Activate} or {@code @Modified}
     * @return whether the effective configuration differs from the one of the last call (true on the first call)
     */
    public synchronized <A extends Annotation> boolean changed(Class<A> type, A config) {
        Map<String, String> values = new TreeMap<>();
        for (Method m : type.getDeclaredMethods()) {
            if (m.getParameterCount() != 0) {
                continue;
            }
            Object v;
            try {
                v = m.invoke(config);
            } catch (ReflectiveOperationException e) {
                v = e.getClass().getName(); // an unreadable value compares as itself
            }
            if ("models_dir".equals(m.getName())) {
                v = EngineConfig.modelsDir(v == null ? "" : v.toString()).toAbsolutePath().normalize();
            }
            values.put(m.getName(), v != null && v.getClass().isArray() ? Arrays.deepToString(new Object[] {v})
                    : String.valueOf(v));
        }
        if (values.equals(lastConfig)) {
            return false;
        }
        lastConfig = values;
        return true;
    }

    /** @return the loaded runner, or null after one log line */
    public FaceRunner load(Loader loader) {
        loadStart = System.nanoTime();
        try {
            return loader.load();
        } catch (NoSuchFileException e) {
            log.error("Face engine {} not started: model file {} not found (install feature gatehouse-models-face "
                    + "or set {} in etc/{}.cfg)", engineId, e.getFile(), modelKeys, pid);
        } catch (Exception | LinkageError e) {
            log.error("Face engine {} not started: cannot load the models: {}", engineId, firstLine(e.toString()));
        }
        return null;
    }

    /** @return the service to register */
    public RunnerEngine service(FaceRunner runner, String version) {
        return new RunnerEngine(engineId, version, runner);
    }

    /** Service property: the absolute paths of the model files the engine loaded ({@link FaceRunner#modelFiles}). */
    public static final String FILES = "gatehouse.engine.files";
    /** Service property: the configured model set ({@link FaceRunner#modelSet}), absent when there is none. */
    public static final String MODEL_SET = "gatehouse.engine.model.set";

    /**
     * @return the service properties: engine id, capabilities, model id, detector, and when the runner knows them the
     *         model files ({@value #FILES}) and set ({@value #MODEL_SET})
     */
    public Map<String, Object> properties(FaceRunner runner, String detector) {
        Map<String, Object> p = new TreeMap<>(Map.of(RecognitionEngine.ENGINE, engineId,
                RecognitionEngine.CAPABILITY, new String[] { "face.detect", "face.embed" },
                "gatehouse.engine.model", runner.modelId(),
                "gatehouse.engine.detector", detector));
        if (!runner.modelFiles().isEmpty()) {
            p.put(FILES, runner.modelFiles().stream().map(f -> f.toAbsolutePath().normalize().toString())
                    .toArray(String[]::new));
        }
        if (runner.modelSet() != null) {
            p.put(MODEL_SET, runner.modelSet());
        }
        return p;
    }

    /**
     * Logs the start-up line: {@code Face engine <id> ready: [<runtime>, ]<runner>, model <id> (<n>-d), <ms> ms to
     * load}, the time counted from the start of the last {@link #load}.
     *
     * @param runtime e.g. the native library and its version; may be null
     */
    public void ready(FaceRunner runner, String runtime) {
        log.info("Face engine {} ready: {}{}, model {} ({}-d), {} ms to load", engineId,
                runtime == null ? "" : runtime + ", ", runner.describe(), runner.modelId(), runner.vectorSize(),
                (System.nanoTime() - loadStart) / 1_000_000);
    }

    /** @return the first line of a message, without surrounding white space; empty for null */
    public static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
