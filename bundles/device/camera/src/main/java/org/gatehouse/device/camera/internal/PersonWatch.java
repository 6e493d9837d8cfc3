package org.gatehouse.device.camera.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.danger.PresenceEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Person detection of one camera on a thread of its own, so that it never slows the face capture: the stream thread
 * {@link #offer}s a sampled frame at most once per {@code person.interval.ms} of stream time, and a frame offered
 * while the detector is still busy with the previous one is dropped. Detections go through the {@link PresenceRule};
 * a presence is a {@code zone.presence} event (attributes sensor=camera, persons, score) with the frame as snapshot.
 */
final class PersonWatch {

    /** What the detection thread needs from outside; the detector is made on that thread (natives, not shared). */
    interface Detectors {
        PersonDetector create();
    }

    private static final Logger LOG = LoggerFactory.getLogger(PersonWatch.class);

    private final CameraSettings settings;
    private final Detectors detectors;
    private final SnapshotStore snapshots;
    private final Consumer<SecurityEvent> events;
    private final PresenceRule rule;
    private final Object lock = new Object();
    private VideoSource.Sample pending; // guarded by lock
    private boolean busy; // guarded by lock
    private boolean running; // guarded by lock
    private Thread thread; // guarded by lock
    private long nextMillis = Long.MIN_VALUE; // stream thread only
    private boolean resetPending; // guarded by lock
    private final AtomicLong analysed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong presences = new AtomicLong();
    private volatile String failure;

    PersonWatch(CameraSettings settings, Detectors detectors, SnapshotStore snapshots, Consumer<SecurityEvent> events) {
        this.settings = settings;
        this.detectors = detectors;
        this.snapshots = snapshots;
        this.events = events;
        this.rule = new PresenceRule(settings.personMinFrames(), Duration.ofSeconds(settings.personRepeatSeconds()));
    }

    void start() {
        synchronized (lock) {
            if (thread != null) {
                return;
            }
            running = true;
            thread = new Thread(this::run, "gatehouse-camera-persons-" + settings.deviceId());
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Stops the thread (after the frame in progress). */
    void stop() {
        Thread t;
        synchronized (lock) {
            running = false;
            pending = null;
            t = thread;
            thread = null;
            lock.notifyAll();
        }
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Offers a sampled frame (stream thread); returns at once. */
    void offer(VideoSource.Sample s) {
        if (nextMillis != Long.MIN_VALUE && s.millis < nextMillis && s.millis >= nextMillis - settings.personIntervalMillis()) {
            return;
        }
        synchronized (lock) {
            if (!running || failure != null) {
                return;
            }
            if (busy || pending != null) {
                dropped.incrementAndGet();
                return;
            }
            pending = s;
            lock.notifyAll();
        }
        nextMillis = s.millis + settings.personIntervalMillis();
    }

    /** The stream ended or was opened again: a presence needs a new run of frames. */
    void reset() {
        nextMillis = Long.MIN_VALUE;
        synchronized (lock) {
            resetPending = true;
        }
    }

    /** Waits (at most some time) until no frame is waiting or being analysed. */
    boolean drain(long millis) {
        long end = System.currentTimeMillis() + millis;
        synchronized (lock) {
            while (running && (busy || pending != null)) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    long analysed() {
        return analysed.get();
    }

    long dropped() {
        return dropped.get();
    }

    long presences() {
        return presences.get();
    }

    /** @return why person detection stopped (the natives cannot be loaded), null while it works */
    String failure() {
        return failure;
    }

    private void run() {
        PersonDetector detector;
        try {
            detector = detectors.create();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | RuntimeException e) {
            failure = "OpenCV natives cannot be loaded on this platform: " + e.getMessage();
            LOG.error("Camera '{}': person detection is off: {}", settings.deviceId(), failure);
            synchronized (lock) {
                pending = null;
                lock.notifyAll();
            }
            return;
        }
        try {
            while (true) {
                VideoSource.Sample s;
                boolean reset;
                synchronized (lock) {
                    while (running && pending == null) {
                        lock.wait();
                    }
                    if (!running) {
                        return;
                    }
                    s = pending;
                    pending = null;
                    busy = true;
                    reset = resetPending;
                    resetPending = false;
                }
                try {
                    if (reset) {
                        rule.reset();
                    }
                    analyse(detector, s);
                } catch (RuntimeException e) {
                    LOG.warn("Camera '{}': person detection failed on a frame: {}", settings.deviceId(), e.toString());
                } finally {
                    synchronized (lock) {
                        busy = false;
                        lock.notifyAll();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            detector.close();
        }
    }

    private void analyse(PersonDetector detector, VideoSource.Sample s) {
        List<PersonDetector.Person> people = detector.detect(s.image);
        analysed.incrementAndGet();
        if (!rule.observe(s.at, people.size())) {
            return;
        }
        double score = people.get(0).score();
        String id = UUID.nameUUIDFromBytes((settings.deviceId() + "|presence|" + s.at.toEpochMilli())
                .getBytes(StandardCharsets.UTF_8)).toString();
        String ref = null;
        try {
            ref = snapshots.write(s.at, id, s.jpeg());
        } catch (java.io.UncheckedIOException e) {
            LOG.warn("Camera '{}': presence without snapshot: {}", settings.deviceId(), e.getMessage());
        }
        String shown = String.format(Locale.ROOT, "%.2f", score);
        SecurityEvent e = new SecurityEvent(id, s.at, null, settings.deviceId(), null, PresenceEvents.PRESENCE,
                Severity.INFO, Map.of(PresenceEvents.ATTR_SENSOR, "camera",
                        PresenceEvents.ATTR_PERSONS, Integer.toString(people.size()), PresenceEvents.ATTR_SCORE, shown),
                ref, null);
        presences.incrementAndGet();
        LOG.info("Camera '{}': {} person(s) in view (score {}), presence {}", settings.deviceId(), people.size(),
                shown, id);
        events.accept(e);
    }
}
