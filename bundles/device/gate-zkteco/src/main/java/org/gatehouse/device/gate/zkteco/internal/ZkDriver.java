package org.gatehouse.device.gate.zkteco.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.access.RosterEntry;
import org.gatehouse.api.access.RosterService;
import org.gatehouse.api.access.TerminalEvent;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.DeviceInfo;
import org.gatehouse.api.device.DeviceSink;
import org.gatehouse.support.gate.RosterSync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ZKTeco face terminal. The terminal calls in ({@link ZkServlet} hands each request of its SN to this): punches
 * become passages through {@link PassageService#record}, each poll is a heartbeat, and the commands this driver
 * queues (users, faces, door) go out with the next poll and complete when the terminal posts their results. After
 * {@link #attach} a scheduler thread watches the heartbeat (OFFLINE and {@code device.offline} after the silence) and
 * starts roster sync passes on a thread of their own when the roster changed, after a failed pass, and when the
 * terminal comes back.
 */
final class ZkDriver implements DeviceDriver, RosterSync.Terminal {

    static final String VENDOR = "zkteco";
    static final String TYPE = "facegate";
    static final String OPEN = "open";
    /** Event type raised when the terminal falls silent (and restored when it calls again). */
    static final String EVENT_OFFLINE = "device.offline";
    /** How long a picture waits for its punch. */
    static final long PHOTO_KEEP_MILLIS = 60_000;
    /** At most this many pictures wait for their punches (the oldest go first). */
    static final int PHOTO_KEEP_MAX = 256;
    /** Back-off after a failed sync pass, doubling up to {@link #MAX_BACKOFF_MILLIS}. */
    static final long MIN_BACKOFF_MILLIS = 5_000;
    static final long MAX_BACKOFF_MILLIS = 300_000;

    private static final Logger LOG = LoggerFactory.getLogger(ZkDriver.class);

    private final ZkSettings settings;
    private final PassageService passages;
    private final RosterService roster;
    private final ZkCommands commands;
    private final Object lock = new Object();

    // lifecycle, guarded by lock
    private DeviceSink sink;
    private ScheduledExecutorService scheduler;
    private ExecutorService syncer;
    private long attachedAt;

    // heartbeat, guarded by lock
    private long lastSeen;
    private boolean online;
    private boolean offlineRaised;

    // sync, guarded by lock
    private boolean syncing;
    private boolean wake;
    private long syncedVersion = Long.MIN_VALUE;
    private String syncError;
    private long retryAt;
    private long backoff = MIN_BACKOFF_MILLIS;
    private long nextSlot; // System.nanoTime of the next push or removal allowed

    // pictures waiting for their punch: key pin|time, guarded by photos
    private final Map<String, Held> photos = new LinkedHashMap<>();
    private final Map<String, Long> recordedWithout = new LinkedHashMap<>(); // guarded by photos
    private volatile boolean sendsPhotos;
    private volatile boolean photosAfterPunch;

    private final ZkStamps stamps;
    private volatile String firmware;
    /** The last failure to record punches that was logged, so that a retrying terminal is logged once. */
    private volatile String lastRecordFailure;

    private record Held(byte[] image, long at) {
    }

    /** @param stampFile where the upload stamps are kept, null for memory only */
    ZkDriver(ZkSettings settings, PassageService passages, RosterService roster, Path stampFile) {
        this.settings = settings;
        this.stamps = new ZkStamps(stampFile);
        this.commands = new ZkCommands(settings.commandsPerRequest(), settings.commandBytes());
        this.passages = passages;
        this.roster = roster;
    }

    ZkSettings settings() {
        return settings;
    }

    @Override
    public DeviceInfo info() {
        String fw = firmware;
        return new DeviceInfo(settings.deviceId(), TYPE, VENDOR, "ZKTeco PUSH terminal " + settings.serial(),
                fw == null ? settings.version() : fw, Set.of(OPEN));
    }

    @Override
    public void attach(DeviceSink newSink) {
        synchronized (lock) {
            stopLocked();
            sink = newSink;
            attachedAt = System.currentTimeMillis();
            lastSeen = 0; // the new sink hears ONLINE at the next request
            online = false;
            offlineRaised = false;
            ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1,
                    daemon("gatehouse-zkteco-" + settings.deviceId()));
            ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            scheduler = ex;
            syncer = Executors.newSingleThreadExecutor(daemon("gatehouse-zkteco-sync-" + settings.deviceId()));
            long tick = Math.max(50, Math.min(1000, settings.heartbeatMillis() / 4));
            ex.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        }
        LOG.info("ZKTeco terminal {} attached as device '{}' (waits for it at /iclock/*)", settings.serial(),
                settings.deviceId());
    }

    @Override
    public void detach() {
        synchronized (lock) {
            if (scheduler != null) {
                stopLocked();
                LOG.info("ZKTeco terminal {} (device '{}') detached", settings.serial(), settings.deviceId());
            }
        }
    }

    /** Stops the threads; commands still waiting fail. Also called when the instance goes away. */
    void close() {
        detach();
        commands.clear(new IllegalStateException("driver stopped"));
    }

    private void stopLocked() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        if (syncer != null) {
            syncer.shutdownNow();
            syncer = null;
        }
        sink = null;
        syncing = false;
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    // ---------------------------------------------------------------- requests of the terminal

    /** {@code GET /iclock/cdata?options=all}: the options block. */
    ZkReply handshake() {
        heartbeat();
        int hours = settings.zone().getRules().getOffset(Instant.now()).getTotalSeconds() / 3600;
        return ZkReply.ok(ZkProtocol.options(settings.serial(), stamps.get("ATTLOG"), stamps.get("OPERLOG"),
                stamps.get("ATTPHOTO"), hours, settings.pollSeconds()));
    }

    /** {@code POST /iclock/cdata?table=ATTLOG}: records every punch, then answers {@code OK: <n>}. */
    ZkReply attlog(String body, String stamp) {
        heartbeat();
        ZkProtocol.Punches parsed = ZkProtocol.punches(body);
        if (parsed.malformed() > 0) {
            LOG.warn("ZKTeco terminal {} sent {} malformed ATTLOG line(s), skipped them (first: '{}')",
                    settings.serial(), parsed.malformed(), parsed.example());
        }
        long deadline = System.currentTimeMillis()
                + (sendsPhotos && !photosAfterPunch ? settings.photoWaitMillis() : 0);
        int recorded = 0;
        for (ZkProtocol.Punch punch : parsed.punches()) {
            byte[] picture = awaitPhoto(key(punch.pin(), punch.time()), deadline);
            TerminalEvent event = new TerminalEvent(settings.deviceId(), eventKey(punch.pin(), punch.time()),
                    punch.pin(), true, null, null, picture, picture == null ? null : format(picture),
                    punch.time().atZone(settings.zone()).toInstant());
            String failure;
            String code;
            try {
                passages.record(event);
                failure = null;
                code = null;
            } catch (GatehouseException e) {
                failure = e.code() + " (" + e.getMessage() + ")";
                code = e.code();
            } catch (RuntimeException e) {
                failure = e.toString();
                code = "unavailable";
            }
            if (failure != null) {
                // the punches before this one are recorded; the terminal sends them all again and gets them once
                if (picture != null) {
                    keep(key(punch.pin(), punch.time()), picture);
                }
                return refuse("cannot record punches: " + failure, code);
            }
            if (picture == null) {
                remember(punch.pin(), punch.time());
            }
            recorded++;
        }
        if (lastRecordFailure != null) {
            LOG.info("ZKTeco terminal {}: punches are recorded again", settings.serial());
            lastRecordFailure = null;
        }
        stamps.set("ATTLOG", stamp);
        return ZkReply.ok("OK: " + recorded);
    }

    private ZkReply refuse(String failure, String code) {
        if (!failure.equals(lastRecordFailure)) {
            LOG.warn("ZKTeco terminal {} (device '{}'): {}; the terminal keeps them and sends them again",
                    settings.serial(), settings.deviceId(), failure);
            lastRecordFailure = failure;
        }
        return ZkReply.error(503, code);
    }

    /** {@code POST /iclock/cdata?table=ATTPHOTO}: keeps the picture for its punch. */
    ZkReply attphoto(byte[] body, String stamp) {
        heartbeat();
        ZkProtocol.Photo photo;
        try {
            photo = ZkProtocol.photo(body);
        } catch (IllegalArgumentException e) {
            LOG.warn("ZKTeco terminal {} sent an ATTPHOTO upload that is not one: {}", settings.serial(),
                    e.getMessage());
            return ZkReply.error(400, "bad ATTPHOTO: " + e.getMessage());
        }
        sendsPhotos = true;
        String key = key(photo.pin(), photo.time());
        long now = System.currentTimeMillis();
        synchronized (photos) {
            expire(now);
            if (recordedWithout.remove(key) != null) {
                if (!photosAfterPunch) {
                    LOG.info("ZKTeco terminal {} sends pictures after their punches: punches are recorded at once"
                            + " and their pictures are not attached", settings.serial());
                    photosAfterPunch = true;
                }
            } else {
                keep(key, photo.image());
            }
        }
        stamps.set("ATTPHOTO", stamp);
        return ZkReply.OK;
    }

    /** {@code POST /iclock/cdata?table=OPERLOG} and tables this driver does not use: acknowledged. */
    ZkReply other(String table, String stamp) {
        heartbeat();
        if ("OPERLOG".equals(table)) {
            stamps.set("OPERLOG", stamp);
        }
        return ZkReply.OK;
    }

    /** {@code GET /iclock/ping} and {@code GET /iclock/cdata} without options: a heartbeat, answered {@code OK}. */
    ZkReply ping() {
        heartbeat();
        return ZkReply.OK;
    }

    /** {@code GET /iclock/getrequest}: a heartbeat; answers the queued commands or {@code OK}. */
    ZkReply poll(Map<String, String> query) {
        heartbeat();
        String info = query.get("INFO");
        if (info != null && !info.isBlank()) {
            String first = info.split(",", 2)[0].trim();
            if (!first.isEmpty() && first.length() <= 64) {
                firmware = ZkProtocol.shown(first);
            }
        }
        List<String> lines = commands.take();
        return lines.isEmpty() ? ZkReply.OK : ZkReply.ok(String.join("\n", lines) + "\n");
    }

    /** {@code POST /iclock/devicecmd}: the results of commands. */
    ZkReply results(String body) {
        heartbeat();
        List<ZkProtocol.Result> results = ZkProtocol.results(body);
        for (ZkProtocol.Result r : results) {
            if (!commands.complete(r.id(), r.code())) {
                LOG.debug("ZKTeco terminal {} answered command {} that no one waits for", settings.serial(),
                        r.id());
            }
        }
        if (results.isEmpty() && !body.isBlank()) {
            LOG.warn("ZKTeco terminal {} posted command results without ID and Return", settings.serial());
            return ZkReply.error(400, "no ID=<id>&Return=<code> line");
        }
        return ZkReply.OK;
    }

    // ---------------------------------------------------------------- pictures

    private static String key(String pin, LocalDateTime time) {
        return pin + "|" + time;
    }

    private String eventKey(String pin, LocalDateTime time) {
        return settings.serial() + "-" + pin + "-" + ZkProtocol.PHOTO_TIME.format(time);
    }

    private static String format(byte[] image) {
        return image.length > 1 && (image[0] & 0xff) == 0x89 && image[1] == 'P' ? "png" : "jpg";
    }

    /** @return the picture of the punch, waiting until the deadline for it to arrive; null if none */
    private byte[] awaitPhoto(String key, long deadline) {
        synchronized (photos) {
            while (true) {
                Held held = photos.remove(key);
                if (held != null) {
                    return held.image();
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return null;
                }
                try {
                    photos.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    /** Keeps a picture for its punch and wakes the punches waiting. */
    private void keep(String key, byte[] image) {
        synchronized (photos) {
            photos.put(key, new Held(image, System.currentTimeMillis()));
            trim(photos);
            photos.notifyAll();
        }
    }

    /** Remembers a punch recorded without picture, to notice a terminal that sends pictures after punches. */
    private void remember(String pin, LocalDateTime time) {
        if (!sendsPhotos || photosAfterPunch) {
            return;
        }
        long now = System.currentTimeMillis();
        synchronized (photos) {
            expire(now);
            recordedWithout.put(key(pin, time), now);
            trim(recordedWithout);
        }
    }

    private static void trim(Map<String, ?> map) {
        Iterator<String> oldest = map.keySet().iterator();
        while (map.size() > PHOTO_KEEP_MAX && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    private void expire(long now) {
        for (Iterator<Held> it = photos.values().iterator(); it.hasNext(); ) {
            if (now - it.next().at() > PHOTO_KEEP_MILLIS) {
                it.remove();
            }
        }
        recordedWithout.values().removeIf(at -> now - at > PHOTO_KEEP_MILLIS);
    }

    // ---------------------------------------------------------------- heartbeat and sync

    private void heartbeat() {
        DeviceSink current;
        boolean back;
        boolean restore;
        synchronized (lock) {
            lastSeen = System.currentTimeMillis();
            back = !online;
            restore = back && offlineRaised;
            online = true;
            offlineRaised = false;
            if (back) {
                wake = true;
            }
            current = sink;
        }
        if (back) {
            LOG.info("ZKTeco terminal {} (device '{}') is online", settings.serial(), settings.deviceId());
            if (current != null) {
                current.status(DeviceStatus.ONLINE, "terminal " + settings.serial() + " calls in");
                if (restore) {
                    report(current, offlineEvent(true, 0));
                }
            }
        }
    }

    /** One tick of the scheduler: the heartbeat watch, then maybe a sync pass. */
    private void tick() {
        long now = System.currentTimeMillis();
        DeviceSink current;
        long silence;
        boolean fell = false;
        synchronized (lock) {
            current = sink;
            long since = lastSeen == 0 ? attachedAt : lastSeen;
            silence = now - since;
            if (!offlineRaised && silence > settings.heartbeatMillis() && (online || lastSeen == 0)) {
                online = false;
                offlineRaised = true;
                fell = true;
            }
        }
        if (fell && current != null) {
            String reason = "no request from terminal " + settings.serial() + " for " + seconds(silence) + " s";
            LOG.warn("ZKTeco terminal {} (device '{}') is offline: {}", settings.serial(), settings.deviceId(),
                    reason);
            current.status(DeviceStatus.OFFLINE, reason);
            report(current, offlineEvent(false, seconds(silence)));
        }
        maybeSync(now);
    }

    /** @return the milliseconds as whole seconds, rounded up */
    private static long seconds(long millis) {
        return (millis + 999) / 1000;
    }

    private SecurityEvent offlineEvent(boolean restore, long silenceSeconds) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("serial", settings.serial());
        attributes.put("vendor", VENDOR);
        if (restore) {
            attributes.put(SecurityEvent.ATTR_STATE, SecurityEvent.STATE_RESTORE);
        } else {
            attributes.put("silenceSeconds", Long.toString(silenceSeconds));
        }
        return new SecurityEvent(settings.deviceId() + "-" + (restore ? "online-" : "offline-")
                + System.currentTimeMillis(), Instant.now(), null, settings.deviceId(), null, EVENT_OFFLINE,
                Severity.MAJOR, attributes, null, null);
    }

    private void report(DeviceSink current, SecurityEvent event) {
        try {
            current.event(event);
        } catch (GatehouseException e) {
            LOG.warn("ZKTeco terminal {}: the core refused event {}: {} ({})", settings.serial(), event.type(),
                    e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("ZKTeco terminal {}: could not report event {}: {}", settings.serial(), event.type(),
                    e.toString());
        }
    }

    private void maybeSync(long now) {
        long version;
        try {
            version = roster.version();
        } catch (RuntimeException e) {
            return; // the core is not ready: next tick
        }
        ExecutorService ex;
        synchronized (lock) {
            if (syncing || !online || syncer == null) {
                return;
            }
            boolean due = wake || (syncError == null ? version != syncedVersion : now >= retryAt);
            if (!due) {
                return;
            }
            wake = false;
            syncing = true;
            ex = syncer;
        }
        try {
            ex.execute(() -> syncPass(ex, version));
        } catch (RuntimeException e) { // detached meanwhile
            synchronized (lock) {
                syncing = false;
            }
        }
    }

    private void syncPass(ExecutorService ex, long version) {
        RosterSync.Result result;
        try {
            result = new RosterSync(settings.deviceId(), roster, this, settings.syncInFlight()).run();
        } catch (RuntimeException e) {
            result = new RosterSync.Result(0, 0, 0, 0, e.toString());
        }
        String previous;
        synchronized (lock) {
            if (syncer != ex) {
                return;
            }
            syncing = false;
            previous = syncError;
            syncError = result.error();
            if (result.error() == null) {
                syncedVersion = version;
                backoff = MIN_BACKOFF_MILLIS;
            } else {
                retryAt = System.currentTimeMillis() + backoff;
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
        if (result.error() == null) {
            if (previous != null) {
                LOG.info("Roster sync of ZKTeco terminal {} reaches the terminal again", settings.serial());
            }
            if (result.pushed() + result.removed() + result.failed() > 0) {
                LOG.info("Roster sync of ZKTeco terminal {} (device '{}'): {} pushed, {} removed, {} refused",
                        settings.serial(), settings.deviceId(), result.pushed(), result.removed(), result.failed());
            }
        } else if (!result.error().equals(previous)) {
            LOG.warn("Roster sync of ZKTeco terminal {} (device '{}') stopped: {} ({} pushed, {} removed, "
                            + "{} refused, {} left; resumes when the terminal answers)", settings.serial(),
                    settings.deviceId(), result.error(), result.pushed(), result.removed(), result.failed(),
                    result.remaining());
        }
    }

    // ---------------------------------------------------------------- RosterSync.Terminal

    @Override
    public void put(RosterEntry entry, byte[] photo) throws IOException, RosterSync.Refused {
        if (!ZkProtocol.isPin(entry.personId())) {
            throw new RosterSync.Refused("zk:bad-pin");
        }
        pace();
        ZkCommands.Command user = commands.submit(ZkProtocol.userInfo(entry));
        ZkCommands.Command face = photo == null ? null
                : commands.submit(ZkProtocol.facePhoto(entry.personId(), photo, settings.userPic()));
        int code;
        try {
            code = await(user);
        } catch (IOException e) {
            if (face != null) {
                commands.withdraw(face);
            }
            throw e;
        }
        if (code < 0) {
            if (face != null) {
                commands.withdraw(face);
            }
            throw new RosterSync.Refused("zk:" + code);
        }
        if (face != null) {
            code = await(face);
            if (code < 0) {
                throw new RosterSync.Refused("zk:" + code);
            }
        }
    }

    @Override
    public void remove(String personId) throws IOException, RosterSync.Refused {
        if (!ZkProtocol.isPin(personId)) {
            throw new RosterSync.Refused("zk:bad-pin");
        }
        pace();
        int code = await(commands.submit(ZkProtocol.deleteUser(personId)));
        if (code < 0) {
            throw new RosterSync.Refused("zk:" + code);
        }
    }

    /**
     * Waits for the terminal's return code of a command: up to {@code command.timeout.seconds} to be fetched and as
     * long again, from its fetch, for the answer. A command still queued behind others waits on while the terminal
     * keeps fetching commands (it works through a sync's backlog), not while it is silent.
     */
    private int await(ZkCommands.Command command) throws IOException {
        long window = TimeUnit.MILLISECONDS.toNanos(settings.commandMillis());
        long deadline = System.nanoTime() + window;
        try {
            while (true) {
                try {
                    return command.result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    long now = System.nanoTime();
                    if (command.sent && command.sentAt + window - now > 0) {
                        deadline = command.sentAt + window; // fetched late in the window: its answer has a full one
                    } else if (!command.sent && commands.fetchedWithin(settings.commandMillis())) {
                        deadline = now + window;
                    } else {
                        throw e;
                    }
                }
            }
        } catch (TimeoutException e) {
            commands.withdraw(command);
            throw new IOException(command.sent
                    ? "terminal " + settings.serial() + " posted no result for a command within "
                    + seconds(settings.commandMillis()) + " s"
                    : "terminal " + settings.serial() + " did not fetch a command within "
                    + seconds(settings.commandMillis()) + " s");
        } catch (ExecutionException e) {
            throw new IOException("driver of terminal " + settings.serial() + " stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            commands.withdraw(command);
            throw new IOException("sync of terminal " + settings.serial() + " stopped");
        }
    }

    /** Keeps pushes and removals to {@code sync.max.per.second}. */
    private void pace() throws IOException {
        long gap = 1_000_000_000L / settings.syncPerSecond();
        long wait;
        synchronized (lock) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot);
            nextSlot = slot + gap;
            wait = slot - now;
        }
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("sync of terminal " + settings.serial() + " stopped");
            }
        }
    }

    // ---------------------------------------------------------------- commands

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        String name = command == null ? null : command.name();
        if (!OPEN.equals(name)) {
            return CompletableFuture.completedFuture(CommandResult.failed("unsupported command: " + name));
        }
        ZkCommands.Command queued = commands.submitFirst(settings.openCommand());
        LOG.info("ZKTeco terminal {} (device '{}'): door open queued as command {}", settings.serial(),
                settings.deviceId(), queued.id);
        return queued.result.orTimeout(settings.commandMillis(), TimeUnit.MILLISECONDS).handle((code, error) -> {
            if (error != null) {
                commands.withdraw(queued);
                return CommandResult.failed("terminal " + settings.serial() + " did not answer within "
                        + seconds(settings.commandMillis()) + " s");
            }
            return code >= 0 ? CommandResult.success()
                    : new CommandResult(false, "terminal refused: zk:" + code, Map.of("code", code.toString()));
        });
    }

    /** @return how many commands wait for the terminal's next poll */
    int queued() {
        return commands.queued();
    }

    /** @return whether a sync pass is running now */
    boolean syncing() {
        synchronized (lock) {
            return syncing;
        }
    }
}
