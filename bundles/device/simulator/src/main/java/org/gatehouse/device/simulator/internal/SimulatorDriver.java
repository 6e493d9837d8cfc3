package org.gatehouse.device.simulator.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.DeviceInfo;
import org.gatehouse.api.device.DeviceSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated device. After {@link #attach} it emits an event every interval on its own thread, each followed by a
 * restore event after the restore delay. Commands {@code trigger} and {@code restore} emit one event now.
 */
final class SimulatorDriver implements DeviceDriver {

    static final String TRIGGER = "trigger";
    static final String RESTORE = "restore";
    static final String VENDOR = "simulator";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorDriver.class);

    private final SimulatorSettings settings;
    private final long startMillis = System.currentTimeMillis();
    private final AtomicLong seq = new AtomicLong();
    private final Object lock = new Object();
    private ScheduledExecutorService executor;
    private DeviceSink sink;
    /** Reason of the last failure already logged at WARN, so a failing sink is logged once, not every tick. */
    private volatile String lastFailure;

    SimulatorDriver(SimulatorSettings settings) {
        this.settings = settings;
    }

    @Override
    public DeviceInfo info() {
        return new DeviceInfo(settings.deviceId(), settings.deviceType(), VENDOR, "Gatehouse simulator",
                settings.version(), Set.of(TRIGGER, RESTORE));
    }

    @Override
    public void attach(DeviceSink newSink) {
        ScheduledExecutorService started;
        synchronized (lock) {
            stopLocked();
            sink = newSink;
            ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "gatehouse-simulator-" + settings.deviceId());
                t.setDaemon(true);
                return t;
            });
            ex.setRemoveOnCancelPolicy(true);
            ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            executor = ex;
            started = ex;
        }
        newSink.status(DeviceStatus.ONLINE, "simulator started");
        long interval = settings.intervalMillis();
        if (interval > 0) {
            started.scheduleAtFixedRate(() -> emit(started, false, true), interval, interval, TimeUnit.MILLISECONDS);
        }
        LOG.info("Simulator for device '{}' attached (interval {} ms, restore after {} ms)", settings.deviceId(),
                interval, settings.restoreAfterMillis());
    }

    @Override
    public void detach() {
        synchronized (lock) {
            if (executor != null) {
                stopLocked();
                LOG.info("Simulator for device '{}' detached", settings.deviceId());
            }
        }
    }

    private void stopLocked() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        sink = null;
    }

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        String name = command == null ? null : command.name();
        if (!TRIGGER.equals(name) && !RESTORE.equals(name)) {
            return CompletableFuture.completedFuture(CommandResult.failed("unsupported command: " + name));
        }
        ScheduledExecutorService ex;
        synchronized (lock) {
            ex = executor;
        }
        if (ex == null) {
            return CompletableFuture.completedFuture(CommandResult.failed("simulator is not attached"));
        }
        boolean restore = RESTORE.equals(name);
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        try {
            ex.execute(() -> {
                String failure = emit(ex, restore, !restore);
                result.complete(failure == null ? CommandResult.success() : CommandResult.failed(failure));
            });
        } catch (RuntimeException e) { // rejected: detached meanwhile
            result.complete(CommandResult.failed("simulator is not attached"));
        }
        return result;
    }

    /**
     * Emits one event on the executor thread and, for a trigger, schedules its restore.
     *
     * @return null on success, else the reason
     */
    private String emit(ScheduledExecutorService ex, boolean restore, boolean scheduleRestore) {
        DeviceSink current;
        synchronized (lock) {
            if (executor != ex) {
                return "simulator is not attached";
            }
            current = sink;
        }
        long n = seq.incrementAndGet();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("simulated", "true");
        attributes.put("seq", Long.toString(n));
        if (restore) {
            attributes.put(SecurityEvent.ATTR_STATE, SecurityEvent.STATE_RESTORE);
        }
        SecurityEvent event = new SecurityEvent(settings.deviceId() + "-" + n + "-" + startMillis, Instant.now(),
                null, settings.deviceId(), null, settings.eventType(), settings.severity(), attributes, null, null);
        String failure = null;
        try {
            current.event(event);
            if (lastFailure != null) {
                LOG.info("Simulator for device '{}' delivers events again", settings.deviceId());
                lastFailure = null;
            }
        } catch (GatehouseException e) {
            failure = e.code() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            failure = e.toString();
        }
        if (failure != null) {
            if (!failure.equals(lastFailure)) {
                LOG.warn("Simulator for device '{}' could not deliver event {}: {} (keeps trying at the next tick)",
                        settings.deviceId(), event.id(), failure);
                lastFailure = failure;
            } else {
                LOG.debug("Simulator for device '{}' could not deliver event {}: {}", settings.deviceId(), event.id(),
                        failure);
            }
            return failure;
        }
        long restoreAfter = settings.restoreAfterMillis();
        if (scheduleRestore && restoreAfter > 0) {
            try {
                ex.schedule(() -> emit(ex, true, false), restoreAfter, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                // detached meanwhile
            }
        }
        return null;
    }
}
