package org.gatehouse.device.camera.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.DeviceInfo;
import org.gatehouse.api.device.DeviceSink;
import org.gatehouse.api.recognition.Detection;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.recognition.RecognitionEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera. After {@link #attach} a thread of its own opens the stream, reports ONLINE once frames flow, detects
 * the faces of each sampled frame with the active engine, tracks them ({@link FaceTracker}) and hands the best frame
 * of each track to the capture handler on a second thread (so a slow decision never stalls the stream). When the
 * stream cannot be opened, drops or ends it reports OFFLINE with the reason and opens it again after a delay that
 * doubles per consecutive failure from {@code reconnect.min.ms} to {@code reconnect.max.ms}; a file that ends is done
 * (OFFLINE {@code end of file}) unless {@code loop=true}.
 */
final class CameraDriver implements DeviceDriver {

    static final String VENDOR = "camera";
    static final String END_OF_FILE = "end of file";
    private static final int CAPTURE_QUEUE = 16;
    private static final long QUIET_MILLIS = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(CameraDriver.class);

    /** How one session with the stream ended. */
    private record Outcome(boolean opened, boolean endOfFile, String reason, long streamedMillis) {
    }

    private final CameraSettings settings;
    private final Supplier<RecognitionEngine> engines;
    private final Consumer<FaceTracker.Capture> captures;
    private final String version;
    private final Object lock = new Object();
    private Thread thread; // guarded by lock
    private ThreadPoolExecutor handoff; // guarded by lock
    private volatile boolean running;
    private volatile DeviceSink sink;
    private DeviceStatus lastStatus;
    private String lastReason;
    private long lastEngineWarning = Long.MIN_VALUE;
    private long lastDropWarning = Long.MIN_VALUE;
    private final AtomicLong sampled = new AtomicLong();
    private final AtomicLong captured = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final SnapshotStore snapshots;
    private final CameraLiveView live;
    private final PersonWatch persons; // null when detect=faces
    private long lastEventWarning = Long.MIN_VALUE;

    CameraDriver(CameraSettings settings, Supplier<RecognitionEngine> engines, Consumer<FaceTracker.Capture> captures,
                 String version) {
        this(settings, engines, captures, version,
                () -> new PersonDetector(settings.personWidth(), settings.personMinWeight()));
    }

    CameraDriver(CameraSettings settings, Supplier<RecognitionEngine> engines, Consumer<FaceTracker.Capture> captures,
                 String version, PersonWatch.Detectors detectors) {
        this.settings = settings;
        this.engines = engines;
        this.captures = captures;
        this.version = version;
        this.snapshots = new SnapshotStore(settings.deviceId(), settings.snapshotDir(), settings.snapshotRetentionDays());
        this.live = new CameraLiveView(settings.liveFps(), snapshots);
        this.persons = settings.persons() ? new PersonWatch(settings, detectors, snapshots, this::presence) : null;
    }

    /** @return the live view of this camera (published beside the driver) */
    CameraLiveView liveView() {
        return live;
    }

    /** @return the person detection, null when {@code detect=faces} */
    PersonWatch persons() {
        return persons;
    }

    /** Reports a presence (detection thread). */
    private void presence(org.gatehouse.api.SecurityEvent e) {
        DeviceSink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.event(e);
        } catch (GatehouseException | IllegalStateException ex) {
            long now = System.currentTimeMillis();
            if (lastEventWarning == Long.MIN_VALUE || now - lastEventWarning >= QUIET_MILLIS) {
                lastEventWarning = now;
                LOG.warn("Camera '{}': presence {} not stored: {}", settings.deviceId(), e.id(), ex.getMessage());
            }
        }
    }

    @Override
    public DeviceInfo info() {
        return new DeviceInfo(settings.deviceId(), settings.deviceType(), VENDOR, "RTSP/HTTP/file video (FFmpeg)",
                version, Set.of());
    }

    @Override
    public void attach(DeviceSink newSink) {
        detach();
        synchronized (lock) {
            sink = newSink;
            lastStatus = null;
            lastReason = null;
            running = true;
            ThreadPoolExecutor ex = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(CAPTURE_QUEUE), r -> daemon(r, "gatehouse-camera-decide-" + settings.deviceId()));
            handoff = ex;
            if (persons != null) {
                persons.start();
            }
            thread = daemon(() -> run(ex), "gatehouse-camera-" + settings.deviceId());
            thread.start();
        }
        LOG.info("Camera '{}' attached: {} at {} fps, detects {}", settings.deviceId(), settings.shownUrl(),
                settings.sampleFps(), settings.faces() && settings.persons() ? "faces from " + settings.minFacePx()
                        + " px and persons" : settings.faces() ? "faces from " + settings.minFacePx() + " px" : "persons");
    }

    @Override
    public void detach() {
        Thread t;
        synchronized (lock) {
            t = thread;
            if (t == null) {
                return;
            }
            running = false;
            thread = null;
            lock.notifyAll();
        }
        // the stream thread closes FFmpeg itself: a network read returns within timeout.ms
        join(t, settings.timeoutMillis() + 5_000);
        LOG.info("Camera '{}' detached", settings.deviceId());
    }

    /** Waits until the stream thread ended (a file that ended, or after detach); for tests. */
    boolean awaitDone(long millis) {
        Thread t;
        synchronized (lock) {
            t = thread;
        }
        return t == null || join(t, millis);
    }

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        return CompletableFuture.completedFuture(CommandResult.failed("unsupported command: "
                + (command == null ? null : command.name())));
    }

    long sampled() {
        return sampled.get();
    }

    long captured() {
        return captured.get();
    }

    /** @return how many times the stream was opened or tried */
    long attempts() {
        return attempts.get();
    }

    private void run(ThreadPoolExecutor ex) {
        int failures = 0;
        try {
            while (running) {
                attempts.incrementAndGet();
                Outcome o;
                try {
                    o = session(ex);
                } catch (RuntimeException e) { // a bug, not a stream fault: logged with its trace, then retried
                    LOG.error("Camera '{}': unexpected failure reading {}", settings.deviceId(), settings.shownUrl(), e);
                    o = new Outcome(false, false, "internal error: " + e, 0);
                }
                if (!running) {
                    break;
                }
                if (o.endOfFile()) {
                    status(DeviceStatus.OFFLINE, END_OF_FILE);
                    if (!settings.loop()) {
                        LOG.info("Camera '{}': end of file {}, done ({} frames analysed, {} captures)",
                                settings.deviceId(), settings.shownUrl(), sampled.get(), captured.get());
                        break;
                    }
                    failures = 0;
                    continue;
                }
                if (o.streamedMillis() >= settings.reconnectMaxMillis()) {
                    failures = 0;
                }
                long delay = backoff(failures++);
                boolean repeated = o.reason().equals(lastReason) && lastStatus == DeviceStatus.OFFLINE;
                status(DeviceStatus.OFFLINE, o.reason());
                if (repeated) {
                    LOG.debug("Camera '{}': {}; again in {} ms", settings.deviceId(), o.reason(), delay);
                } else {
                    LOG.warn("Camera '{}': {}; trying again in {} ms", settings.deviceId(), o.reason(), delay);
                }
                pause(delay);
            }
        } finally {
            if (persons != null) {
                persons.stop();
            }
            live.clear();
            ex.shutdown();
            try {
                ex.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (lock) {
                if (thread == Thread.currentThread()) {
                    thread = null;
                }
            }
        }
    }

    /** Opens the stream once and reads it until it ends, fails or the driver is detached. */
    private Outcome session(ThreadPoolExecutor ex) {
        VideoSource src;
        try {
            src = VideoSource.open(settings);
        } catch (VideoSource.VideoException e) {
            return new Outcome(false, false, e.getMessage(), 0);
        }
        long opened = System.nanoTime();
        FaceTracker tracker = FaceTracker.of(settings);
        String failure = null;
        boolean early;
        double position;
        double length;
        try (src) {
            VideoSource.Sample s;
            while (running && (s = src.next()) != null) {
                if (lastStatus != DeviceStatus.ONLINE) {
                    status(DeviceStatus.ONLINE, "receiving " + src.width() + "x" + src.height() + " from "
                            + settings.shownUrl());
                    LOG.info("Camera '{}' online: {}x{} from {}", settings.deviceId(), src.width(), src.height(),
                            settings.shownUrl());
                }
                sampled.incrementAndGet();
                live.offer(s.image, s.at);
                if (persons != null) {
                    persons.offer(s);
                }
                if (settings.faces()) {
                    handOff(ex, tracker.offer(s.millis, s.at, detect(s), s::jpeg));
                }
            }
            early = src.endedEarly();
        } catch (VideoSource.VideoException e) {
            failure = e.getMessage();
            early = false;
        } catch (java.io.UncheckedIOException e) {
            failure = e.getMessage() + ": " + e.getCause().getMessage();
            early = false;
        } finally {
            position = src.position();
            length = src.length();
        }
        handOff(ex, tracker.flush());
        if (persons != null) {
            if (running) {
                persons.drain(settings.timeoutMillis()); // the last frame offered is analysed (a short file)
            }
            persons.reset();
        }
        long streamed = (System.nanoTime() - opened) / 1_000_000;
        if (!running) {
            return new Outcome(true, false, "detached", streamed);
        }
        if (failure != null) {
            return new Outcome(true, false, "stream dropped: " + failure, streamed);
        }
        if (settings.network()) {
            return new Outcome(true, false, "stream ended", streamed);
        }
        if (src.framesRead() == 0) { // never a tight loop on a file without frames, even with loop=true
            return new Outcome(true, false, "stream dropped: no video frame in the file", streamed);
        }
        if (early) {
            return new Outcome(true, false, String.format(java.util.Locale.ROOT,
                    "stream dropped: file ended at %.1f s of %.1f s", position, length), streamed);
        }
        return new Outcome(true, true, END_OF_FILE, streamed);
    }

    /** @return the faces of a sample, in pixels of the full frame */
    private List<Detection> detect(VideoSource.Sample s) {
        List<Detection> found;
        try {
            found = engines.get().detect(new Frame(s.detectJpeg(), "jpeg"));
        } catch (GatehouseException e) {
            engineWarning(e.code() + ": " + e.getMessage());
            return List.of();
        } catch (RuntimeException e) {
            engineWarning(e.toString());
            return List.of();
        }
        return s.scale == 1.0 ? found : found.stream().map(d -> scaled(d, 1 / s.scale)).toList();
    }

    static Detection scaled(Detection d, double k) {
        float f = (float) k;
        float[] lm = d.landmarks() == null ? null : d.landmarks().clone();
        if (lm != null) {
            for (int i = 0; i < lm.length; i++) {
                lm[i] *= f;
            }
        }
        return new Detection(d.x() * f, d.y() * f, d.width() * f, d.height() * f, d.score(), lm);
    }

    private void engineWarning(String reason) {
        long now = System.currentTimeMillis();
        if (lastEngineWarning == Long.MIN_VALUE || now - lastEngineWarning >= QUIET_MILLIS) {
            lastEngineWarning = now;
            LOG.warn("Camera '{}': faces cannot be detected: {} (frames are skipped until an engine answers)",
                    settings.deviceId(), reason);
        }
    }

    private void handOff(ThreadPoolExecutor ex, List<FaceTracker.Capture> list) {
        for (FaceTracker.Capture c : list) {
            captured.incrementAndGet();
            try {
                ex.execute(() -> {
                    try {
                        captures.accept(c);
                    } catch (RuntimeException e) {
                        LOG.warn("Camera '{}': capture of track {} failed: {}", settings.deviceId(), c.track(),
                                e.toString());
                    }
                });
            } catch (RejectedExecutionException e) {
                long now = System.currentTimeMillis();
                if (lastDropWarning == Long.MIN_VALUE || now - lastDropWarning >= QUIET_MILLIS) {
                    lastDropWarning = now;
                    LOG.warn("Camera '{}': capture of track {} dropped: {} decisions are waiting already",
                            settings.deviceId(), c.track(), CAPTURE_QUEUE);
                }
            }
        }
    }

    private void status(DeviceStatus status, String reason) {
        if (status == lastStatus && reason.equals(lastReason)) {
            return;
        }
        lastStatus = status;
        lastReason = reason;
        if (status != DeviceStatus.ONLINE) {
            live.clear();
        }
        DeviceSink s = sink;
        if (s != null) {
            try {
                s.status(status, reason);
            } catch (RuntimeException e) {
                LOG.warn("Camera '{}': status {} not reported: {}", settings.deviceId(), status, e.toString());
            }
        }
    }

    /** @return the delay before reconnect attempt {@code failures + 1} */
    long backoff(int failures) {
        long d = settings.reconnectMinMillis();
        for (int i = 0; i < failures && d < settings.reconnectMaxMillis(); i++) {
            d *= 2;
        }
        return Math.min(d, settings.reconnectMaxMillis());
    }

    private void pause(long millis) {
        long end = System.currentTimeMillis() + millis;
        synchronized (lock) {
            long left;
            while (running && (left = end - System.currentTimeMillis()) > 0) {
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static boolean join(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
