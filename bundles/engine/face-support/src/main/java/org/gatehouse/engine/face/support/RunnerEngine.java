package org.gatehouse.engine.face.support;

import java.util.List;
import java.util.function.Supplier;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Detection;
import org.gatehouse.api.recognition.Embedding;
import org.gatehouse.api.recognition.EngineInfo;
import org.gatehouse.api.recognition.FaceReasons;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.recognition.RecognitionEngine;

/**
 * The service an engine registers: a thin adapter over its {@link FaceRunner}. When a new configuration replaces it,
 * {@link #retire} closes the runner once the calls in flight have returned (a caller that took the service just before
 * the swap finishes its analysis); a call that arrives after that is refused as {@code no-engine} (UNAVAILABLE), the
 * same as when no engine runs, and the caller looks the engine up again.
 */
public final class RunnerEngine implements RecognitionEngine {
    private final FaceRunner runner;
    private final EngineInfo info;
    private int inFlight; // guarded by this
    private boolean retired; // guarded by this
    private boolean closed; // guarded by this

    /**
     * @param engineId the value of {@link RecognitionEngine#ENGINE}
     * @param version  the engine bundle's version
     */
    public RunnerEngine(String engineId, String version, FaceRunner runner) {
        this.runner = runner;
        this.info = new EngineInfo(engineId, version, runner.modelId(), runner.vectorSize());
    }

    @Override
    public EngineInfo info() {
        return info;
    }

    @Override
    public List<Detection> detect(Frame frame) {
        return call(() -> runner.detect(frame));
    }

    @Override
    public Embedding embed(Frame frame, Detection face) {
        return call(() -> runner.embed(frame, face));
    }

    @Override
    public List<AnalyzedFace> analyze(Frame frame) {
        return call(() -> runner.analyze(frame));
    }

    /** Closes the runner now when nothing runs on it, else when the last call in flight returns. */
    public void retire() {
        synchronized (this) {
            retired = true;
            if (inFlight > 0 || closed) {
                return;
            }
            closed = true;
        }
        runner.close();
    }

    /** @return whether the runner has been closed */
    public synchronized boolean closed() {
        return closed;
    }

    private <T> T call(Supplier<T> work) {
        synchronized (this) {
            if (retired) {
                throw new GatehouseException(GatehouseException.Kind.UNAVAILABLE, FaceReasons.NO_ENGINE,
                        "face engine " + info.engineId() + " was replaced by a new configuration; look it up again");
            }
            inFlight++;
        }
        try {
            return work.get();
        } finally {
            boolean close;
            synchronized (this) {
                inFlight--;
                close = retired && inFlight == 0 && !closed;
                if (close) {
                    closed = true;
                }
            }
            if (close) {
                runner.close();
            }
        }
    }
}
