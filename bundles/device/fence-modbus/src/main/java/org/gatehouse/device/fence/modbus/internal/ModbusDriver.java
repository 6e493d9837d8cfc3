package org.gatehouse.device.fence.modbus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.DeviceInfo;
import org.gatehouse.api.device.DeviceSink;
import org.gatehouse.api.perimeter.FenceEvents;
import org.gatehouse.support.osgi.Shutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;

/**
 * One Modbus TCP device (a fence controller or an I/O module) polled on one thread: each point is read every
 * {@code poll.ms}; a change of a point's active state is an event (0 -> 1 the point's type, 1 -> 0 the same type with
 * {@code state=restore}; the {@code armed} point gives {@code fence.armed} / {@code fence.disarmed}). The last known
 * states are kept in a file of the bundle's data area, so a restart reports only what changed meanwhile, and the
 * first poll of a new device reports an active alarm once and nothing else. A device that does not answer is OFFLINE
 * (one WARN line and a {@code device.offline} event) and is reconnected with a back-off; commands are writes on the
 * same thread.
 */
final class ModbusDriver implements DeviceDriver {

    static final String TYPE = "fence";
    static final String VENDOR = "modbus";
    static final String EVENT_OFFLINE = "device.offline";

    private static final Logger LOG = LoggerFactory.getLogger(ModbusDriver.class);

    private final ModbusSettings settings;
    private final Path stateFile;
    private final Clock clock;
    private final String where;

    private volatile DeviceSink sink;
    private volatile ScheduledExecutorService executor;
    private volatile boolean closed;

    // touched on the executor's thread only
    private ModbusTCPMaster master;
    private Boolean online; // null until the first attempt
    private int failures;
    private String lastDefect; // the last unexpected failure logged
    private String lastFault; // the reason of the last FAULT status
    private DeviceStatus lastStatus;
    private SecurityEvent pendingOffline; // offline/online event not yet stored
    private final Map<String, Boolean> states = new HashMap<>(); // key(point) -> active, as stored
    private final Map<String, SecurityEvent> pending = new LinkedHashMap<>(); // key -> transition not yet stored
    private final Map<String, Integer> pointErrors = new LinkedHashMap<>(); // name -> exception code
    private final Map<String, String> refusedBySink = new HashMap<>(); // name -> last refusal logged

    /**
     * @param stateFile where the last known states are kept; null keeps them in memory only
     */
    ModbusDriver(ModbusSettings settings, Path stateFile, Clock clock) {
        this.settings = settings;
        this.stateFile = stateFile;
        this.clock = clock;
        this.where = settings.host() + ":" + settings.port() + " unit " + settings.unitId();
    }

    @Override
    public DeviceInfo info() {
        return new DeviceInfo(settings.deviceId(), TYPE, VENDOR, "Modbus TCP " + where, null,
                new java.util.LinkedHashSet<>(settings.capabilities()));
    }

    @Override
    public synchronized void attach(DeviceSink newSink) {
        if (executor != null) {
            return;
        }
        this.sink = Objects.requireNonNull(newSink, "sink");
        closed = false;
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gatehouse-modbus-" + settings.deviceId());
            t.setDaemon(true);
            return t;
        });
        ex.setRemoveOnCancelPolicy(true);
        executor = ex;
        ex.execute(() -> {
            load();
            cycle();
        });
    }

    @Override
    public synchronized void detach() {
        closed = true;
        ScheduledExecutorService ex = executor;
        executor = null;
        if (ex == null) {
            return;
        }
        Shutdown.executor(ex, true, settings.timeoutMillis() + 1000);
        ModbusTCPMaster m = master;
        master = null;
        if (m != null) {
            m.disconnect();
        }
    }

    /** Stops talking to the device (the component's release). */
    void close() {
        detach();
    }

    // ---------------------------------------------------------------- polling

    /** One poll, then the next one scheduled: after {@code poll.ms}, or after the back-off when the device failed. */
    private void cycle() {
        if (closed) {
            return;
        }
        long delay = settings.pollMillis();
        try {
            if (master == null) {
                master = connect();
            }
            poll();
            if (!Boolean.TRUE.equals(online)) {
                if (Boolean.FALSE.equals(online)) {
                    LOG.info("Modbus device {} ({}) answers again: ONLINE", settings.deviceId(), where);
                    pendingOffline = offlineEvent(true, null);
                } else {
                    LOG.info("Modbus device {} ({}) connected: polling {} point(s) every {} ms", settings.deviceId(), where,
                            settings.points().size(), settings.pollMillis());
                }
                online = true;
                failures = 0;
            }
            status();
        } catch (Unreachable e) {
            disconnect();
            failures++;
            delay = Math.min(settings.backoffMaxMillis(), settings.pollMillis() << Math.min(failures, 20));
            if (!Boolean.FALSE.equals(online)) {
                online = false;
                LOG.warn("Modbus device {} ({}) does not answer: {}; OFFLINE, reconnecting with back-off up to {} s",
                        settings.deviceId(), where, e.getMessage(), settings.backoffMaxMillis() / 1000.0);
                report(DeviceStatus.OFFLINE, "no answer from " + where + ": " + e.getMessage());
                pendingOffline = offlineEvent(false, e.getMessage());
            }
        } catch (RuntimeException e) {
            // a defect, not the device: keep polling, say it once per kind
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!why.equals(lastDefect)) {
                LOG.error("Modbus device {} ({}): poll failed", settings.deviceId(), where, e);
                lastDefect = why;
            }
        }
        deliverOffline();
        schedule(delay);
    }

    private void schedule(long delay) {
        ScheduledExecutorService ex = executor;
        if (ex == null || closed) {
            return;
        }
        try {
            ex.schedule(this::cycle, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // detached meanwhile
        }
    }

    private ModbusTCPMaster connect() {
        ModbusTCPMaster m = new ModbusTCPMaster(settings.host(), settings.port(), (int) settings.timeoutMillis(),
                false, false);
        try {
            m.connect();
        } catch (Exception e) {
            m.disconnect();
            throw new Unreachable(message(e));
        }
        m.setRetries(1);
        return m;
    }

    private void disconnect() {
        if (master != null) {
            master.disconnect();
            master = null;
        }
    }

    private void poll() {
        for (Point p : settings.points()) {
            if (closed) {
                return;
            }
            int raw;
            try {
                raw = read(p);
            } catch (ModbusSlaveException e) {
                int code = e.getType();
                if (code == 10 || code == 11) { // the gateway cannot reach the device behind it
                    throw new Unreachable("gateway answers exception " + code + " (" + codeName(code) + ")");
                }
                Integer before = pointErrors.put(p.name(), code);
                if (!Objects.equals(before, code)) {
                    LOG.warn("Modbus device {} ({}): point {} ({}) answered exception {} ({}); the point is skipped "
                            + "until it reads again", settings.deviceId(), where, p.name(), p.spec(), code,
                            codeName(code));
                }
                continue;
            } catch (ModbusException e) {
                throw new Unreachable(message(e));
            }
            if (pointErrors.remove(p.name()) != null) {
                LOG.info("Modbus device {} ({}): point {} ({}) reads again", settings.deviceId(), where, p.name(),
                        p.spec());
            }
            observe(p, raw);
        }
    }

    private int read(Point p) throws ModbusException {
        int unit = settings.unitId();
        return switch (p.table()) {
            case DI -> master.readInputDiscretes(unit, p.address(), 1).getBit(0) ? 1 : 0;
            case COIL -> master.readCoils(unit, p.address(), 1).getBit(0) ? 1 : 0;
            case HR -> master.readMultipleRegisters(unit, p.address(), 1)[0].getValue();
            case IR -> master.readInputRegisters(unit, p.address(), 1)[0].getValue();
        };
    }

    /** Compares a point's reading with its stored state; a change (or an alarm active at the very start) is sent. */
    private void observe(Point p, int raw) {
        String key = key(p);
        boolean active = p.active(raw);
        SecurityEvent waiting = pending.get(key);
        if (waiting != null) {
            if (!deliver(p, key, waiting)) {
                return;
            }
        }
        Boolean known = states.get(key);
        if (known == null && (!active || p.isArmed())) {
            states.put(key, active); // the baseline of a new point: nothing to report
            save();
            return;
        }
        if (known != null && known == active) {
            return;
        }
        deliver(p, key, event(p, active, raw));
    }

    private boolean deliver(Point p, String key, SecurityEvent event) {
        boolean active = !event.isRestore() && !FenceEvents.DISARMED.equals(event.type());
        try {
            sink.event(event);
        } catch (RuntimeException e) {
            pending.put(key, event);
            String why = e.getMessage();
            if (!Objects.equals(refusedBySink.put(p.name(), why), why)) {
                LOG.warn("Modbus device {}: event {} of point {} not stored ({}); retried at the next poll",
                        settings.deviceId(), event.type(), p.name(), why);
            }
            return false;
        }
        refusedBySink.remove(p.name());
        pending.remove(key);
        states.put(key, active);
        save();
        return true;
    }

    private SecurityEvent event(Point p, boolean active, int raw) {
        Instant now = clock.instant();
        String type;
        Severity severity;
        Map<String, String> attributes = new LinkedHashMap<>();
        if (p.isArmed()) {
            type = active ? FenceEvents.ARMED : FenceEvents.DISARMED;
            severity = Severity.INFO;
        } else {
            type = p.type();
            severity = active ? p.severity() : Severity.INFO;
            if (!active) {
                attributes.put(SecurityEvent.ATTR_STATE, SecurityEvent.STATE_RESTORE);
            }
        }
        attributes.put("point", p.name());
        attributes.put("modbus", p.spec());
        attributes.put("value", Integer.toString(raw));
        if (p.label() != null) {
            attributes.put(FenceEvents.ATTR_PANEL_ZONE, p.label());
        }
        String id = eventId(p.name() + ":" + (active ? "1" : "0") + ":" + now.toEpochMilli());
        return new SecurityEvent(id, now, null, settings.deviceId(), p.zoneId(), type, severity, attributes, null,
                null);
    }

    private SecurityEvent offlineEvent(boolean restore, String reason) {
        Instant now = clock.instant();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("vendor", VENDOR);
        attributes.put("address", settings.host() + ":" + settings.port());
        if (restore) {
            attributes.put(SecurityEvent.ATTR_STATE, SecurityEvent.STATE_RESTORE);
        } else if (reason != null) {
            attributes.put("reason", reason.length() > 200 ? reason.substring(0, 200) : reason);
        }
        return new SecurityEvent(eventId("offline:" + (restore ? "0" : "1") + ":" + now.toEpochMilli()), now, null,
                settings.deviceId(), null, EVENT_OFFLINE, restore ? Severity.INFO : Severity.MAJOR, attributes, null,
                null);
    }

    private void deliverOffline() {
        SecurityEvent e = pendingOffline;
        if (e == null) {
            return;
        }
        try {
            sink.event(e);
            pendingOffline = null;
        } catch (RuntimeException ex) {
            // kept and tried again after the next poll (same id); an online/offline flip replaces it
        }
    }

    /** @return a deterministic event id of this device; hashed when it would be over the spine's 128 characters */
    private String eventId(String tail) {
        String id = "modbus:" + settings.deviceId() + ":" + tail;
        if (id.length() <= 128 && id.matches("[A-Za-z0-9_.:@/+=-]+")) {
            return id;
        }
        return "modbus:" + UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8));
    }

    /** Reports ONLINE, or FAULT while a point answers with an exception code; only when it changes. */
    private void status() {
        if (pointErrors.isEmpty()) {
            report(DeviceStatus.ONLINE, "polling " + where);
            return;
        }
        StringBuilder why = new StringBuilder();
        for (Map.Entry<String, Integer> e : pointErrors.entrySet()) {
            if (why.length() > 0) {
                why.append("; ");
            }
            why.append("point ").append(e.getKey()).append(": exception ").append(e.getValue()).append(" (")
                    .append(codeName(e.getValue())).append(')');
        }
        report(DeviceStatus.FAULT, why.toString());
    }

    private void report(DeviceStatus status, String reason) {
        if (status == lastStatus && (status != DeviceStatus.FAULT || reason.equals(lastFault))) {
            return;
        }
        lastStatus = status;
        lastFault = status == DeviceStatus.FAULT ? reason : null;
        try {
            sink.status(status, reason);
        } catch (RuntimeException e) {
            LOG.warn("Modbus device {}: status {} not taken by the core: {}", settings.deviceId(), status,
                    e.getMessage());
        }
    }

    // ---------------------------------------------------------------- commands

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        Write write;
        int value;
        String name = command.name() == null ? "" : command.name().trim().toLowerCase(Locale.ROOT);
        if (name.equals("arm") || name.equals("disarm")) {
            write = name.equals("arm") ? settings.arm() : settings.disarm();
            if (write == null) {
                return done(CommandResult.failed("unsupported command " + name + ": command." + name
                        + " is not configured"));
            }
            value = write.value();
        } else if (name.equals("relay") || name.startsWith("relay.")) {
            String relay = name.equals("relay") ? command.parameters().get("relay") : name.substring(6);
            if (relay == null || relay.isBlank()) {
                return done(CommandResult.failed("relay: parameter relay (its number) is required; relays: "
                        + String.join(", ", settings.relays().keySet())));
            }
            write = settings.relays().get(relay.trim());
            if (write == null) {
                return done(CommandResult.failed("no relay " + relay + " (relays: "
                        + (settings.relays().isEmpty() ? "none" : String.join(", ", settings.relays().keySet()))
                        + ")"));
            }
            String state = command.parameters().get("state");
            Integer v = onOff(state);
            if (v == null) {
                return done(CommandResult.failed("relay " + relay + ": parameter state must be on or off, not "
                        + (state == null ? "missing" : "'" + state + "'")));
            }
            value = v;
        } else {
            return done(CommandResult.failed("unsupported command " + command.name() + " (supported: "
                    + String.join(", ", settings.capabilities()) + ")"));
        }
        ScheduledExecutorService ex = executor;
        if (ex == null) {
            return done(CommandResult.failed("device " + settings.deviceId() + " is not attached"));
        }
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        try {
            ex.execute(() -> result.complete(write(name, write, value)));
        } catch (RejectedExecutionException e) {
            result.complete(CommandResult.failed("device " + settings.deviceId() + " is detached"));
        }
        return result;
    }

    private CommandResult write(String name, Write write, int value) {
        if (master == null) {
            return CommandResult.failed("device " + settings.deviceId() + " is OFFLINE (" + where + ")");
        }
        try {
            if (write.table() == Table.COIL) {
                master.writeCoil(settings.unitId(), write.address(), value != 0);
            } else {
                master.writeSingleRegister(settings.unitId(), write.address(), new SimpleRegister(value));
            }
            LOG.info("Modbus device {} ({}): {} written ({} = {})", settings.deviceId(), where, name, write.spec(),
                    value);
            return new CommandResult(true, null, Map.of("address", write.table().key + ":" + write.address(),
                    "value", Integer.toString(value)));
        } catch (ModbusSlaveException e) {
            LOG.warn("Modbus device {} ({}): {} refused ({}): exception {} ({})", settings.deviceId(), where, name,
                    write.spec(), e.getType(), codeName(e.getType()));
            return CommandResult.failed("device refused " + name + " (" + write.spec() + "): exception "
                    + e.getType() + " (" + codeName(e.getType()) + ")");
        } catch (ModbusException e) {
            disconnect(); // the next poll reconnects, or reports OFFLINE
            return CommandResult.failed("device does not answer " + name + ": " + message(e));
        }
    }

    private static Integer onOff(String state) {
        if (state == null) {
            return null;
        }
        return switch (state.trim().toLowerCase(Locale.ROOT)) {
            case "on", "1", "true", "close", "closed" -> 1;
            case "off", "0", "false", "open" -> 0;
            default -> null;
        };
    }

    private static CompletionStage<CommandResult> done(CommandResult r) {
        return CompletableFuture.completedFuture(r);
    }

    // ---------------------------------------------------------------- state file

    private static String key(Point p) {
        return p.name() + "|" + p.spec();
    }

    private void load() {
        if (stateFile == null || !Files.exists(stateFile)) {
            return;
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(stateFile)) {
            props.load(in);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Modbus device {}: the state file {} cannot be read ({}); the first poll sets the baseline",
                    settings.deviceId(), stateFile, e.getMessage());
            return;
        }
        for (String k : props.stringPropertyNames()) {
            states.put(k, "1".equals(props.getProperty(k)));
        }
    }

    private void save() {
        if (stateFile == null) {
            return;
        }
        Properties props = new Properties();
        states.forEach((k, v) -> props.setProperty(k, v ? "1" : "0"));
        try {
            Files.createDirectories(stateFile.toAbsolutePath().getParent());
            Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                props.store(out, "last known point states of Modbus device " + settings.deviceId());
            }
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Modbus device {}: the state file {} cannot be written: {}", settings.deviceId(), stateFile,
                    e.getMessage());
        }
    }

    // ---------------------------------------------------------------- helpers

    /** @return the name of a Modbus exception code (Modbus Application Protocol V1.1b3, 7) */
    static String codeName(int code) {
        return switch (code) {
            case 1 -> "illegal function";
            case 2 -> "illegal data address";
            case 3 -> "illegal data value";
            case 4 -> "server device failure";
            case 5 -> "acknowledge";
            case 6 -> "server device busy";
            case 8 -> "memory parity error";
            case 10 -> "gateway path unavailable";
            case 11 -> "gateway target device failed to respond";
            default -> "unknown code";
        };
    }

    /** @return what went wrong, for operators: the root cause, without j2mod's frame dump */
    static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m = m.replaceFirst("^Executing transaction [0-9A-Fa-f ]* failed \\(tried \\d+ times\\) ", "")
                .replaceFirst(" - null$", "");
        return m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** The device did not answer (refused, timed out, closed): the poll stops and the device is OFFLINE. */
    private static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message, null, false, false);
        }
    }
}
