package org.gatehouse.device.gate.hikvision.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.access.RosterService;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.DeviceInfo;
import org.gatehouse.api.device.DeviceSink;
import org.gatehouse.support.gate.RosterSync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Hikvision face terminal. After {@link #attach} it looks the terminal up (deviceInfo), points its HTTP listening
 * at the receiver when {@code listen.url} is set, keeps the terminal's roster in sync ({@link RosterSync.Loop}) and
 * watches for silence: no heartbeat or event for {@code heartbeat.timeout.seconds} makes it OFFLINE and raises
 * {@code device.offline} (MAJOR); the next heartbeat makes it ONLINE, clears the alarm and resumes the sync. Pushed
 * passages go to {@link PassageService#record}, which stores them before the terminal gets its answer. Door commands
 * go to {@code RemoteControl/door}.
 */
final class HikvisionDriver implements DeviceDriver {
    static final String VENDOR = "hikvision";
    static final String TYPE = "facegate";
    static final String EVENT_OFFLINE = "device.offline";
    static final Set<String> COMMANDS = Set.of("open", "close", "alwaysOpen", "alwaysClose");

    private static final Logger LOG = LoggerFactory.getLogger(HikvisionDriver.class);

    /** An answer to the terminal. */
    record Reply(int status, String code, String message) {
        static final Reply OK = new Reply(200, "ok", null);
    }

    private final HikvisionSettings settings;
    private final PassageService passages;
    private final RosterService roster;
    private final Function<String, Optional<Device>> devices;
    private final IsapiClient client;
    private final EventParser parser;
    private final Object lock = new Object();
    /** Addresses already told they may not push, so each is logged once. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService executor; // guarded by lock
    private RosterSync.Loop loop; // guarded by lock
    private DeviceSink sink; // guarded by lock
    private DeviceStatus status = DeviceStatus.UNKNOWN; // guarded by lock
    private boolean alarmRaised; // guarded by lock
    private long lastHeard; // guarded by lock, System.nanoTime()
    private volatile Map<String, String> identity = Map.of();

    HikvisionDriver(HikvisionSettings settings, PassageService passages, RosterService roster,
                    Function<String, Optional<Device>> devices) {
        this.settings = settings;
        this.passages = passages;
        this.roster = roster;
        this.devices = devices == null ? id -> Optional.empty() : devices;
        this.client = new IsapiClient(settings.url(), settings.username(), settings.password(), settings.timeout(),
                ZoneId.systemDefault());
        this.parser = new EventParser(settings.deviceId(), ZoneId.systemDefault());
    }

    HikvisionSettings settings() {
        return settings;
    }

    @Override
    public DeviceInfo info() {
        Map<String, String> id = identity;
        return new DeviceInfo(settings.deviceId(), TYPE, VENDOR, id.getOrDefault("model", "Hikvision face terminal"),
                id.get("firmwareVersion"), COMMANDS);
    }

    @Override
    public void attach(DeviceSink newSink) {
        ScheduledExecutorService ex;
        synchronized (lock) {
            stopLocked();
            sink = newSink;
            status = DeviceStatus.UNKNOWN;
            alarmRaised = false;
            lastHeard = System.nanoTime();
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "gatehouse-hikvision-" + settings.deviceId());
                t.setDaemon(true);
                return t;
            });
            pool.setRemoveOnCancelPolicy(true);
            pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            executor = pool;
            ex = pool;
            if (roster != null) {
                loop = new RosterSync.Loop(new RosterSync(settings.deviceId(), roster,
                        new IsapiTerminal(client, settings.door(), settings.syncPerSecond())), roster,
                        settings.syncInterval(), LOG);
            }
        }
        ex.execute(this::connect);
        long tick = Math.max(10, Math.min(1000, settings.heartbeatTimeout().toMillis() / 4));
        ex.scheduleWithFixedDelay(this::supervise, tick, tick, TimeUnit.MILLISECONDS);
        RosterSync.Loop l;
        synchronized (lock) {
            l = loop;
        }
        if (l != null) {
            l.start();
        }
        LOG.info("Hikvision terminal '{}' attached: {} door {} (events at {}{})", settings.deviceId(),
                settings.url(), settings.door(), settings.eventPath(),
                settings.listenUrl() == null ? ", terminal's HTTP listening left as it is" : "");
    }

    @Override
    public void detach() {
        synchronized (lock) {
            if (executor != null) {
                stopLocked();
                LOG.info("Hikvision terminal '{}' detached", settings.deviceId());
            }
        }
    }

    private void stopLocked() {
        if (loop != null) {
            loop.close();
            loop = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        sink = null;
    }

    /** Looks the terminal up, points its HTTP listening at us, checks the registry's direction. */
    private void connect() {
        try {
            identity = Map.copyOf(client.deviceInfo());
            LOG.info("Hikvision terminal '{}' is {} {} firmware {}", settings.deviceId(),
                    identity.getOrDefault("deviceName", ""), identity.getOrDefault("model", "?"),
                    identity.getOrDefault("firmwareVersion", "?"));
            if (settings.listenUrl() != null) {
                IsapiClient.Status s = client.httpHosts(settings.listenUrl());
                if (s.ok()) {
                    LOG.info("Hikvision terminal '{}' pushes its events to {}", settings.deviceId(),
                            settings.listenUrl());
                } else {
                    LOG.warn("Hikvision terminal '{}' refused the HTTP listening address {}: {}",
                            settings.deviceId(), settings.listenUrl(), s);
                }
            }
            heard("terminal answered");
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // detached meanwhile
            }
            LOG.warn("Hikvision terminal '{}' at {} cannot be reached: {} (waits for its heartbeat)",
                    settings.deviceId(), settings.url(), describe(e));
            report(DeviceStatus.OFFLINE, "cannot be reached: " + describe(e));
        }
        checkDirection();
    }

    private void checkDirection() {
        Optional<Device> device;
        try {
            device = devices.apply(settings.deviceId());
        } catch (RuntimeException e) {
            return;
        }
        if (device.isEmpty()) {
            return;
        }
        String registered = device.get().properties().get("direction");
        if (registered == null || registered.isBlank()) {
            LOG.warn("Device '{}' has no direction property in the registry: its passages are refused until it"
                    + " has one{}", settings.deviceId(),
                    settings.direction().isEmpty() ? "" : " (the cfg says " + settings.direction() + ")");
        } else if (!settings.direction().isEmpty() && !settings.direction().equalsIgnoreCase(registered.trim())) {
            LOG.warn("Device '{}' has direction {} in the registry but {} in its cfg: the registry's is used",
                    settings.deviceId(), registered.trim(), settings.direction());
        }
    }

    /** @return whether a push from this address with this token may come in; logs a refusal once per address */
    boolean admits(String remote, String token) {
        if (!settings.token().isEmpty() && token != null && MessageDigest.isEqual(
                settings.token().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        if (remote != null && terminalAddress(remote)) {
            return true;
        }
        refused(remote, token == null ? "not the terminal's address and no token" : "wrong token");
        return false;
    }

    private boolean terminalAddress(String remote) {
        try {
            InetAddress from = InetAddress.getByName(remote);
            for (InetAddress a : InetAddress.getAllByName(settings.url().getHost())) {
                if (a.equals(from)) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            // not resolvable: not the terminal
        }
        return false;
    }

    /** Logs one WARN line per address that pushes what is refused. */
    void refused(String remote, String why) {
        if (warned.size() < 1000 && warned.add(remote + " " + why)) {
            LOG.warn("Hikvision terminal '{}': push from {} refused: {}", settings.deviceId(), remote, why);
        }
    }

    /** Handles one accepted push; the passage is stored when this returns 200. */
    Reply receive(String remote, String contentType, byte[] body) {
        EventParser.Parsed parsed;
        try {
            parsed = parser.parse(contentType, body);
        } catch (IllegalArgumentException e) {
            refused(remote, e.getMessage());
            return new Reply(400, "invalid", e.getMessage());
        }
        if (parsed instanceof EventParser.Heartbeat) {
            heard("heartbeat");
            return Reply.OK;
        }
        heard("event");
        if (parsed instanceof EventParser.Other other) {
            LOG.debug("Hikvision terminal '{}': ignored {}", settings.deviceId(), other.what());
            return Reply.OK;
        }
        EventParser.Passage passage = (EventParser.Passage) parsed;
        if (passages == null) {
            return new Reply(503, "unavailable", "the passage service is not running");
        }
        try {
            passages.record(passage.event());
            return Reply.OK;
        } catch (GatehouseException e) {
            int code = switch (e.kind()) {
                case UNAVAILABLE -> 503;
                case CONFLICT -> 409;
                default -> 400;
            };
            refused(remote, e.code() + ": " + e.getMessage());
            return new Reply(code, e.code(), e.getMessage());
        }
    }

    /** The terminal spoke: ONLINE, alarm cleared, sync resumed. */
    private void heard(String what) {
        DeviceSink s;
        boolean back;
        boolean clear;
        RosterSync.Loop l;
        synchronized (lock) {
            lastHeard = System.nanoTime();
            back = status != DeviceStatus.ONLINE;
            clear = alarmRaised;
            alarmRaised = false;
            status = DeviceStatus.ONLINE;
            s = sink;
            l = loop;
        }
        if (l != null && l.last() != null && l.last().error() != null) {
            l.wake(); // the terminal speaks again: resume the sync now rather than after the back-off
        }
        if (!back || s == null) {
            return;
        }
        LOG.info("Hikvision terminal '{}' is ONLINE ({})", settings.deviceId(), what);
        s.status(DeviceStatus.ONLINE, what);
        if (clear) {
            publish(s, false, null);
        }
    }

    private void report(DeviceStatus newStatus, String reason) {
        DeviceSink s;
        synchronized (lock) {
            if (status == newStatus) {
                return;
            }
            status = newStatus;
            s = sink;
        }
        if (s != null) {
            s.status(newStatus, reason);
        }
    }

    /** Raises the silence alarm once the terminal has not spoken for the timeout. */
    private void supervise() {
        DeviceSink s;
        long silentMillis;
        synchronized (lock) {
            silentMillis = (System.nanoTime() - lastHeard) / 1_000_000;
            if (sink == null || alarmRaised || silentMillis < settings.heartbeatTimeout().toMillis()) {
                return;
            }
            alarmRaised = true;
            status = DeviceStatus.OFFLINE;
            s = sink;
        }
        String reason = "no heartbeat for " + Duration.ofMillis(silentMillis).toSeconds() + " s";
        LOG.warn("Hikvision terminal '{}' is OFFLINE: {}", settings.deviceId(), reason);
        s.status(DeviceStatus.OFFLINE, reason);
        publish(s, true, reason);
    }

    private void publish(DeviceSink s, boolean raise, String reason) {
        Map<String, String> attributes = raise ? Map.of("reason", reason, "vendor", VENDOR)
                : Map.of(SecurityEvent.ATTR_STATE, SecurityEvent.STATE_RESTORE, "vendor", VENDOR);
        Instant now = Instant.now();
        SecurityEvent event = new SecurityEvent(settings.deviceId() + "-" + (raise ? "offline-" : "online-")
                + now.toEpochMilli(), now, null, settings.deviceId(), null, EVENT_OFFLINE,
                raise ? Severity.MAJOR : Severity.INFO, attributes, null, null);
        try {
            s.event(event);
        } catch (GatehouseException e) {
            LOG.warn("Hikvision terminal '{}': the {} event was refused: {}: {}", settings.deviceId(),
                    EVENT_OFFLINE, e.code(), e.getMessage());
        }
    }

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        String name = command == null ? null : command.name();
        if (name == null || !COMMANDS.contains(name)) {
            return CompletableFuture.completedFuture(CommandResult.failed("unsupported command: " + name));
        }
        int door;
        try {
            String d = command.parameters().get("door");
            door = d == null || d.isBlank() ? settings.door() : Integer.parseInt(d.trim());
            if (door < 1) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            return CompletableFuture.completedFuture(
                    CommandResult.failed("door '" + command.parameters().get("door") + "' is not a door number"));
        }
        ScheduledExecutorService ex;
        synchronized (lock) {
            ex = executor;
        }
        if (ex == null) {
            return CompletableFuture.completedFuture(CommandResult.failed("terminal is not attached"));
        }
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        try {
            ex.execute(() -> result.complete(door(door, name)));
        } catch (RejectedExecutionException e) {
            result.complete(CommandResult.failed("terminal is not attached"));
        }
        return result;
    }

    private CommandResult door(int door, String cmd) {
        try {
            IsapiClient.Status s = client.door(door, cmd);
            if (s.ok()) {
                LOG.info("Hikvision terminal '{}': door {} {}", settings.deviceId(), door, cmd);
                return new CommandResult(true, null, Map.of("door", Integer.toString(door)));
            }
            LOG.warn("Hikvision terminal '{}' refused door {} {}: {}", settings.deviceId(), door, cmd, s);
            return CommandResult.failed("terminal refused: " + s.subStatusCode());
        } catch (IOException e) {
            LOG.warn("Hikvision terminal '{}': door {} {} failed: {}", settings.deviceId(), door, cmd,
                    describe(e));
            return CommandResult.failed("terminal unreachable: " + describe(e));
        }
    }

    /** @return the reason of an I/O failure for operators (the JDK's connect failures have no message) */
    static String describe(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** @return the roster sync loop, null when not attached or without a roster service */
    RosterSync.Loop syncLoop() {
        synchronized (lock) {
            return loop;
        }
    }
}
