package org.gatehouse.device.fence.dc09.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.DeviceInfo;
import org.gatehouse.api.device.DeviceSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIA DC-09 receiver as the driver of its own device: ONLINE while it listens, events reported for the devices its
 * accounts and zones map to. A port that cannot be bound is OFFLINE with the reason, and tried again every 10 s.
 */
final class Dc09Driver implements DeviceDriver {
    static final String TYPE = "fence";
    static final String VENDOR = "sia-dc09";
    private static final Logger LOG = LoggerFactory.getLogger(Dc09Driver.class);
    private static final long RETRY_MS = 10_000;

    private final Dc09Settings settings;
    private final Clock clock;
    private final Object lock = new Object();
    private ScheduledExecutorService timer; // guarded by lock
    private Dc09Receiver receiver; // guarded by lock
    private Dc09Handler handler; // guarded by lock
    private DeviceSink sink; // guarded by lock
    private String lastFailure; // guarded by lock

    Dc09Driver(Dc09Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public DeviceInfo info() {
        return new DeviceInfo(settings.deviceId(), TYPE, VENDOR, "SIA DC-09 receiver", null, Set.of());
    }

    @Override
    public void attach(DeviceSink sink) {
        synchronized (lock) {
            if (timer != null) {
                return;
            }
            this.sink = sink;
            handler = new Dc09Handler(settings, sink, clock);
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dc09-" + settings.deviceId());
                t.setDaemon(true);
                return t;
            });
            timer.execute(this::listen);
            long tick = superviseTick();
            if (tick > 0) {
                Dc09Handler h = handler;
                timer.scheduleWithFixedDelay(h::supervise, tick, tick, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** @return the supervision timer's period: a tenth of the shortest link test period, 100 ms to 10 s; 0: none */
    private long superviseTick() {
        return settings.accounts().values().stream().map(Dc09Settings.Account::supervision)
                .filter(d -> !d.isZero()).mapToLong(Duration::toMillis).min()
                .stream().map(ms -> Math.max(100, Math.min(10_000, ms / 10))).findFirst().orElse(0);
    }

    private void listen() {
        synchronized (lock) {
            if (timer == null || receiver != null) {
                return;
            }
            try {
                receiver = new Dc09Receiver(settings, handler);
                String where = settings.host() + ":" + receiver.port();
                LOG.info("DC-09 receiver {} listening on TCP and UDP {} ({} accounts)", settings.deviceId(), where,
                        settings.accounts().size());
                sink.status(DeviceStatus.ONLINE, "listening on TCP and UDP " + where);
                lastFailure = null;
            } catch (IOException | RuntimeException e) {
                String reason = "cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage();
                if (!reason.equals(lastFailure)) { // one line per new reason, not one every 10 s
                    LOG.warn("DC-09 receiver {}: {} (trying again every {} s)", settings.deviceId(), reason,
                            RETRY_MS / 1000);
                    lastFailure = reason;
                    sink.status(DeviceStatus.OFFLINE, reason);
                }
                timer.schedule(this::listen, RETRY_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** @return the port listened on, -1 while not listening (tests use port 0) */
    int port() {
        synchronized (lock) {
            return receiver == null ? -1 : receiver.port();
        }
    }

    /** @return the TCP connections open now */
    int connections() {
        synchronized (lock) {
            return receiver == null ? 0 : receiver.connections();
        }
    }

    /** @return the frame handler, for tests; null before attach */
    Dc09Handler handler() {
        synchronized (lock) {
            return handler;
        }
    }

    @Override
    public void detach() {
        synchronized (lock) {
            if (timer == null) {
                return;
            }
            timer.shutdownNow();
            timer = null;
            if (receiver != null) {
                receiver.close();
                receiver = null;
                LOG.info("DC-09 receiver {} stopped", settings.deviceId());
            }
            handler = null;
            sink = null;
        }
    }

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        return CompletableFuture.completedFuture(CommandResult.failed("a DC-09 receiver takes no commands"));
    }
}
