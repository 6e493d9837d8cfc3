package org.gatehouse.core.internal.access;

import org.gatehouse.core.internal.spine.StoredEvents;
import org.osgi.annotation.bundle.Capability;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.audit.AuditTrail;
import org.gatehouse.core.internal.store.Db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.api.Device;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.access.Attendance;
import org.gatehouse.api.access.AttendanceService;
import org.gatehouse.api.access.GateDecision;
import org.gatehouse.api.access.LeavePass;
import org.gatehouse.api.access.LeavePassService;
import org.gatehouse.api.access.TerminalEvent;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.service.DeviceControl;
import org.gatehouse.core.internal.access.roster.RosterServiceImpl;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.access.PassageQuery;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.face.Candidate;
import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.face.Identification;
import org.gatehouse.api.face.Probe;
import org.gatehouse.api.stranger.StrangerService;
import org.gatehouse.api.watchlist.WatchlistMatch;
import org.gatehouse.api.watchlist.WatchlistService;
import org.gatehouse.api.recognition.FaceReasons;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.SiteService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Face gate passages in the store, snapshots on disk under {@code <dir>/yyyy/MM/dd/<id>.jpg}, one spine event per
 * passage, attendance derived per day.
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.access.PassageService")
public final class PassageServiceImpl implements PassageService {
    private static final Logger LOG = LoggerFactory.getLogger(PassageServiceImpl.class);
    private static final DateTimeFormatter DAY_DIR = DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT);
    static final String FACEGATE = "facegate";
    /** Device property of a face gate: the id of the device that opens it. */
    static final String CONTROLLER = "controller";
    static final String OPEN = "open";

    private final Db db;
    private final AuditTrail audit;
    private final SiteService sites;
    private final FaceService faces;
    private final StoredEvents events;
    private final PersonService persons;
    private volatile GateSettings settings = GateSettings.defaults();
    private final GateRules rules;
    private volatile LeavePassService leave;
    private volatile DeviceControl control;
    private volatile Function<String, Set<String>> capabilities = id -> Set.of();
    private volatile long commandWaitMs = 2_000;
    private volatile WatchlistService watchlist;
    private volatile StrangerService strangers;
    private volatile Executor background = Runnable::run;

    public PassageServiceImpl(Db db, AuditTrail audit, SiteService sites, FaceService faces,
                              StoredEvents events, PersonService persons, RosterServiceImpl roster) {
        this.rules = new GateRules(roster);
        this.db = db;
        this.audit = audit;
        this.sites = sites;
        this.faces = faces;
        this.events = events;
        this.persons = persons;
    }

    public void configure(GateSettings s) {
        this.settings = s;
    }

    public GateSettings settings() {
        return settings;
    }

    /** Wires the early-leave rule's calendar (null: the rule is off). */
    public void attendance(AttendanceService a) {
        rules.attendance(a);
    }

    /** Wires the early-leave passes (null: every student going out during school hours is denied). */
    public void leavePasses(LeavePassService l) {
        this.leave = l;
        rules.leavePasses(l);
    }

    /**
     * Wires the door controllers: commands go through {@code control}, {@code capabilities} tells which commands the
     * driver attached to a device accepts.
     */
    public void controllers(DeviceControl control, Function<String, Set<String>> capabilities) {
        this.control = control;
        this.capabilities = capabilities;
    }

    /** Wires the watchlist search of every capture (null: off). */
    public void watchlist(WatchlistService w) {
        this.watchlist = w;
    }

    /** Wires the stranger alerts of every capture nobody matched (null: off). */
    public void strangers(StrangerService st) {
        this.strangers = st;
    }

    /**
     * Where the pictures of terminal events are screened (watchlist, stranger alerts) after the event is recorded,
     * so that the terminal's answer does not wait for the engine; the caller's thread by default.
     */
    public void background(Executor e) {
        this.background = e == null ? Runnable::run : e;
    }

    /** How long a decision waits for the controller's answer (default 2 s). */
    void commandWait(long ms) {
        this.commandWaitMs = ms;
    }

    @Override
    public GateDecision decide(String deviceId, Frame snapshot, Float temperature, Instant at) {
        GateSettings s = settings;
        Capture probe = identify(deviceId, snapshot, temperature, at);
        Device device = probe.device();
        String direction = probe.direction();
        Instant time = probe.time();
        Float score = probe.score();
        Person person = probe.personId() == null ? null : persons.person(probe.personId(), null).orElse(null);
        WatchlistMatch watch = probe.watch();
        if (person != null && watch == null) {
            Optional<Passage> earlier = recentOpen(device.id(), person.id(), time, s);
            if (earlier.isPresent()) {
                Set<String> flags = new LinkedHashSet<>();
                awaitCommand(command(device), flags);
                return new GateDecision(true, GateDecision.REASON_REPEAT, person.id(), earlier.get(), flags);
            }
        }
        GateRules.Verdict v = watch != null ? GateRules.watchlist(temperature, s)
                : rules.judge(device, direction, person, temperature, time, s);
        Set<String> flags = new LinkedHashSet<>(v.flags());
        Row row = db.txRetried(c -> store(c, device, direction, person == null ? null : person.id(), score, temperature,
                time, snapshot.data(), extension(snapshot.format()), null, v.open(), v.reason(), flags, null, s));
        CompletableFuture<CommandResult> cmd = v.open() ? command(device) : null;
        usePass(v.pass(), row.passage());
        publish(row, s);
        if (watch != null) {
            hit(watch, row.passage());
        } else if (person == null) {
            observeStranger(probe.face(), row.passage());
        }
        awaitCommand(cmd, flags);
        return new GateDecision(v.open(), v.reason(), row.passage().personId(), row.passage(), flags);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The terminal's verdict stands: a passage it let through is recorded open with reason {@code allowed} (or
     * {@code repeat}), and a rule that would have denied it adds its reason as a flag ({@code not-allowed},
     * {@code expired}, {@code outside-hours}, {@code no-leave-pass}, {@code fever}). A person id the store does not
     * know is recorded as a stranger with the event attribute {@code terminalPerson}. A temperature outside 30..45
     * Celsius is not refused (the terminal's event is real): the passage is recorded without temperature and flagged
     * {@code temperature-invalid}.
     */
    @Override
    public GateDecision record(TerminalEvent event) {
        if (event == null) {
            throw GatehouseException.invalid("missing-event", "a terminal event is required");
        }
        GateSettings s = settings;
        Device device = facegate(event.deviceId());
        String direction = direction(device);
        String key = event.eventKey();
        if (key == null || key.isBlank()) {
            throw GatehouseException.invalid("missing-event-key", "the terminal event of " + device.id()
                    + " has no event key");
        }
        if (key.length() > 200) {
            throw GatehouseException.invalid("bad-event-key", "the event key of " + device.id()
                    + " is longer than 200 characters");
        }
        Optional<Row> known = bySourceKey(device.id(), key);
        if (known.isPresent()) {
            return known.get().decision();
        }
        Set<String> flags = new LinkedHashSet<>();
        Float temperature = event.temperature();
        if (!GateRules.plausible(temperature)) {
            flags.add(GateRules.FLAG_TEMPERATURE_INVALID);
            temperature = null;
        }
        Instant time = (event.time() == null ? Instant.now() : event.time()).truncatedTo(ChronoUnit.MILLIS);
        String claimed = event.personId() == null || event.personId().isBlank() ? null : event.personId().trim();
        Person person = claimed == null || claimed.length() > 64 ? null : persons.person(claimed, null).orElse(null);
        String terminalPerson = person == null && claimed != null ? clip(claimed, 64) : null;
        boolean open = event.matched();
        String reason;
        LeavePass pass = null;
        if (GateRules.fever(temperature, s) || Boolean.TRUE.equals(event.feverFlag())) {
            flags.add(GateRules.FLAG_FEVER);
        }
        if (person == null) {
            reason = GateDecision.REASON_STRANGER;
        } else if (!event.matched()) {
            reason = GateDecision.REASON_TERMINAL_DENIED;
        } else {
            Optional<Passage> earlier = recentOpen(device.id(), person.id(), time, s);
            if (earlier.isPresent()) {
                return new GateDecision(true, GateDecision.REASON_REPEAT, person.id(), earlier.get(), flags);
            }
            GateRules.Verdict v = rules.judge(device, direction, person, temperature, time, s);
            flags.addAll(v.flags());
            if (!v.open()) {
                flags.add(v.reason());
            }
            reason = GateDecision.REASON_ALLOWED;
            pass = v.pass();
        }
        byte[] picture = event.picture() == null || event.picture().length == 0 ? null : event.picture();
        String ext = picture == null ? null : imageType(picture);
        if (picture != null && ext == null) {
            LOG.warn("Face terminal {} sent a picture that is neither JPEG nor PNG ({} bytes) with event {}: the"
                    + " passage is kept without snapshot", device.id(), picture.length, key);
            picture = null;
        }
        Float temp = temperature;
        byte[] image = picture;
        Row row;
        try {
            row = db.txRetrying(c -> store(c, device, direction, person == null ? null : person.id(), null, temp,
                    time, image, ext, key, open, reason, flags, terminalPerson, s));
        } catch (SQLException e) {
            if (Db.isDuplicate(e)) { // the same event reported twice at once: the other one recorded it
                return bySourceKey(device.id(), key).orElseThrow().decision();
            }
            throw GatehouseException.unavailable("store-error", "database error: " + e.getMessage(), e);
        }
        usePass(pass, row.passage());
        publish(row, s);
        if (image != null) {
            screenLater(image, ext, row.passage());
        }
        return row.decision();
    }

    @Override
    public Passage capture(String deviceId, Frame snapshot, Float temperature, Instant at) {
        GateSettings s = settings;
        Capture pr = identify(deviceId, snapshot, temperature, at);
        Set<String> flags = GateRules.fever(temperature, s) ? Set.of(GateRules.FLAG_FEVER) : Set.of();
        Row row = db.txRetried(c -> store(c, pr.device(), pr.direction(), pr.personId(), pr.score(), temperature,
                pr.time(), snapshot.data(), extension(snapshot.format()), null, null, null, flags, null, s));
        publish(row, s);
        return row.passage();
    }

    /**
     * A validated capture of a face gate, identified with use {@code gate} and searched in the watchlist.
     *
     * @param face  the analysed face
     * @param watch the watchlist entry it matched, or null
     */
    private record Capture(Device device, String direction, Instant time, String personId, Float score, Probe face,
                           WatchlistMatch watch) {
    }

    /** Validates a capture and identifies it: a bad image or no face throws here and nothing is recorded. */
    private Capture identify(String deviceId, Frame snapshot, Float temperature, Instant at) {
        Device device = facegate(deviceId);
        String direction = direction(device);
        if (!GateRules.plausible(temperature)) {
            throw GatehouseException.invalid("bad-temperature", "temperature " + temperature
                    + " is not a body temperature in Celsius (30..45)");
        }
        if (snapshot == null || snapshot.data() == null || snapshot.data().length == 0) {
            throw GatehouseException.invalid(FaceReasons.IMAGE_EMPTY, "the capture holds no image");
        }
        Instant time = (at == null ? Instant.now() : at).truncatedTo(ChronoUnit.MILLIS);
        Probe face = faces.probe(snapshot);
        Identification id = faces.identify(face, FaceService.USE_GATE, 1);
        Candidate best = id.best();
        Float score = id.candidates().isEmpty() ? null : id.candidates().get(0).score();
        return new Capture(device, direction, time, best == null ? null : best.personId(), score, face,
                match(face, time));
    }

    /** The watchlist entry a face matches, or null (also when the watchlist is not wired or fails). */
    private WatchlistMatch match(Probe face, Instant at) {
        WatchlistService w = watchlist;
        if (w == null) {
            return null;
        }
        try {
            return w.match(face, at).orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("The watchlist search failed, the capture goes on without it: {}", e.toString());
            return null;
        }
    }

    /** Whether the watchlist has an entry that matches now (a failure counts as yes: search rather than miss). */
    private boolean watchlistActive() {
        WatchlistService w = watchlist;
        if (w == null) {
            return false;
        }
        try {
            return w.entries(null, Boolean.TRUE, 0, 1).total() > 0;
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** Records a watchlist hit of a stored passage; a failure there does not undo the passage. */
    private void hit(WatchlistMatch m, Passage p) {
        WatchlistService w = watchlist;
        if (w == null) {
            return;
        }
        try {
            w.hit(m, p);
        } catch (RuntimeException e) {
            LOG.error("Passage {} matched watchlist entry {} (score {}), but the hit could not be recorded: {}",
                    p.id(), m.entryId(), m.score(), e.toString());
        }
    }

    /** Hands a stranger's passage to the stranger alerts; a failure there does not undo the passage. */
    private void observeStranger(Probe face, Passage p) {
        StrangerService st = strangers;
        if (st == null || face == null) {
            return;
        }
        try {
            st.observe(face, p);
        } catch (RuntimeException e) {
            LOG.warn("Stranger passage {} could not be checked against the stranger rules: {}", p.id(), e.toString());
        }
    }

    /**
     * Screens the picture of a recorded terminal event in the background: the watchlist for everybody, the stranger
     * rules for a stranger. A picture without a usable face is skipped quietly.
     */
    private void screenLater(byte[] image, String ext, Passage p) {
        if (watchlist == null && (strangers == null || !p.stranger())) {
            return;
        }
        try {
            background.execute(() -> {
                if (!p.stranger() && !watchlistActive()) {
                    return; // nothing to search for: no need to run the engine on a known person's picture
                }
                Probe face;
                try {
                    face = faces.probe(new Frame(image, ext));
                } catch (GatehouseException e) {
                    LOG.debug("Passage {}: the terminal's picture has no face to screen ({})", p.id(), e.code());
                    return;
                }
                WatchlistMatch m = match(face, p.time());
                if (m != null) {
                    hit(m, p);
                } else if (p.stranger()) {
                    observeStranger(face, p);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("Passage {}: the terminal's picture was not screened, the screening queue is full", p.id());
        }
    }

    private Device facegate(String deviceId) {
        Limits.id("deviceId", deviceId);
        Device device = sites.device(deviceId)
                .orElseThrow(() -> GatehouseException.notFound("unknown-device", "no device " + deviceId));
        if (!FACEGATE.equals(device.type())) {
            throw GatehouseException.invalid("not-a-facegate", "device " + deviceId + " is a " + device.type()
                    + ", not a facegate");
        }
        return device;
    }

    private static String direction(Device device) {
        String direction = device.properties().get("direction");
        if (!Passage.IN.equals(direction) && !Passage.OUT.equals(direction)) {
            throw GatehouseException.invalid("no-direction", "face gate " + device.id()
                    + " has no property direction=in|out");
        }
        return direction;
    }

    /** @return {@code jpg} or {@code png} by the magic bytes, null when the bytes are neither */
    static String imageType(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "jpg";
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D
                && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
            return "png";
        }
        return null;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** The latest open passage of a person at a gate within the repeat window before {@code time}. */
    private Optional<Passage> recentOpen(String deviceId, String personId, Instant time, GateSettings s) {
        if (s.repeatSeconds() == 0) {
            return Optional.empty();
        }
        long t = time.toEpochMilli();
        return db.tx(c -> Db.one(c, "SELECT * FROM PASSAGES WHERE DEVICE_ID = ? AND PERSON_ID = ? AND TIME_MS >= ?"
                + " AND TIME_MS <= ? AND (OPENED IS NULL OR OPENED = 1) ORDER BY TIME_MS DESC, ID DESC"
                + " FETCH FIRST 1 ROWS ONLY", PassageServiceImpl::map, deviceId, personId,
                t - s.repeatSeconds() * 1000L, t));
    }

    private Optional<Row> bySourceKey(String deviceId, String key) {
        return db.tx(c -> Db.one(c, "SELECT * FROM PASSAGES WHERE DEVICE_ID = ? AND SOURCE_KEY = ?",
                PassageServiceImpl::row, deviceId, key));
    }

    /** Marks the leave pass a student went out with as used; a failure there does not undo the passage. */
    private void usePass(LeavePass pass, Passage p) {
        LeavePassService l = leave;
        if (pass == null || l == null) {
            return;
        }
        try {
            l.used(pass.id());
        } catch (RuntimeException e) {
            LOG.warn("Passage {} went out with leave pass {}, which could not be marked used: {}", p.id(), pass.id(),
                    e.getMessage());
        }
    }

    /**
     * Sends {@code open} to the gate's controller (device property {@code controller}, else the gate itself when its
     * driver accepts {@code open}); null when it has none.
     */
    private CompletableFuture<CommandResult> command(Device gate) {
        DeviceControl dc = control;
        if (dc == null) {
            return null;
        }
        String named = gate.properties().get(CONTROLLER);
        String target = named != null && !named.isBlank() ? named.trim()
                : capabilities.apply(gate.id()).contains(OPEN) ? gate.id() : null;
        if (target == null) {
            return null;
        }
        try {
            return dc.execute(target, new DeviceCommand(OPEN, Map.of("gate", gate.id())), "gate:" + gate.id())
                    .toCompletableFuture();
        } catch (GatehouseException e) {
            LOG.warn("Face gate {} cannot open through controller {}: {}", gate.id(), target, e.getMessage());
            return CompletableFuture.completedFuture(CommandResult.failed(e.getMessage()));
        }
    }

    /** Waits for the controller's answer at most {@link #commandWait}: flags {@code commanded} or {@code command-failed}. */
    private void awaitCommand(CompletableFuture<CommandResult> cmd, Set<String> flags) {
        if (cmd == null) {
            return;
        }
        boolean ok;
        try {
            ok = cmd.get(commandWaitMs, TimeUnit.MILLISECONDS).ok();
        } catch (TimeoutException e) {
            ok = false;
        } catch (ExecutionException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        flags.add(ok ? GateRules.FLAG_COMMANDED : GateRules.FLAG_COMMAND_FAILED);
    }

    /** One stored passage with the decision that was made about it. */
    private record Row(Passage passage, Boolean open, String reason, Set<String> flags, String terminalPerson) {
        GateDecision decision() {
            return new GateDecision(open == null || open, reason == null ? (passage.stranger()
                    ? GateDecision.REASON_STRANGER : GateDecision.REASON_ALLOWED) : reason, passage.personId(),
                    passage, flags);
        }
    }

    /** Inserts a passage with its decision, writes its snapshot (if any) inside the transaction. */
    private Row store(Connection c, Device device, String direction, String personId, Float score, Float temperature,
                      Instant time, byte[] image, String ext, String sourceKey, Boolean open, String reason,
                      Set<String> flags, String terminalPerson, GateSettings s) throws SQLException {
        long pid = insert(c, device, direction, personId, score, temperature, time, sourceKey, open, reason, flags,
                terminalPerson);
        String name = image == null ? null : DAY_DIR.format(time.atZone(s.zone())) + "/" + pid + "." + ext;
        String eventId = "passage-" + pid;
        if (image != null) {
            write(s.snapshotDir().resolve(name), image);
        }
        Db.update(c, "UPDATE PASSAGES SET SNAPSHOT = ?, EVENT_ID = ? WHERE ID = ?", name, eventId, pid);
        return new Row(new Passage(pid, device.id(), device.zoneId(), direction, personId, score, temperature, name,
                time, eventId), open, reason, flags, terminalPerson);
    }

    /**
     * Publishes the events of the last day's passages that were recorded but never reached the spine (the process
     * stopped between the passage's commit and its event): called at start, so no guardian message is lost. The
     * spine is idempotent by event id, and only passages without a stored event are republished.
     *
     * @return how many were republished
     */
    public int republishMissingEvents() {
        long since = System.currentTimeMillis() - 24 * 3_600_000L;
        List<Row> recent = db.tx(c -> Db.list(c, "SELECT * FROM PASSAGES WHERE TIME_MS > ? AND EVENT_ID IS"
                + " NOT NULL ORDER BY ID", PassageServiceImpl::row, since));
        Set<String> stored = events.stored(recent.stream().map(r -> r.passage().eventId()).toList());
        List<Row> missing = recent.stream().filter(r -> !stored.contains(r.passage().eventId())).toList();
        GateSettings s = settings;
        for (Row r : missing) {
            publish(r, s);
        }
        if (!missing.isEmpty()) {
            LOG.info("Republished the events of {} passages recorded before a stop", missing.size());
        }
        return missing.size();
    }

    /**
     * Publishes the event of a passage: {@code gate.stranger} (nobody matched), {@code gate.denied} (a known person
     * the gate refused), else {@code gate.passage}; and {@code gate.early-leave} for a student who went out with a
     * leave pass.
     */
    private void publish(Row r, GateSettings s) {
        Passage p = r.passage();
        Map<String, String> attrs = new HashMap<>();
        attrs.put("passageId", Long.toString(p.id()));
        attrs.put("direction", p.direction());
        if (p.personId() != null) {
            attrs.put("personId", p.personId());
        }
        if (p.score() != null) {
            attrs.put("score", String.format(Locale.ROOT, "%.4f", p.score()));
        }
        boolean fever = GateRules.fever(p.temperature(), s) || r.flags().contains(GateRules.FLAG_FEVER);
        if (p.temperature() != null) {
            attrs.put("temperature", String.format(Locale.ROOT, "%.1f", p.temperature()));
        }
        if (fever) {
            attrs.put("fever", "true");
        }
        if (r.open() != null) {
            attrs.put("open", Boolean.toString(r.open()));
        }
        if (r.reason() != null) {
            attrs.put("reason", r.reason());
        }
        if (r.flags().contains(GateRules.FLAG_TEMPERATURE_INVALID)) {
            attrs.put(GateRules.FLAG_TEMPERATURE_INVALID, "true");
        }
        if (!r.flags().isEmpty()) {
            attrs.put("flags", String.join(",", r.flags()));
        }
        if (r.terminalPerson() != null) {
            attrs.put("terminalPerson", r.terminalPerson());
        }
        String type = p.stranger() ? EVENT_STRANGER : Boolean.FALSE.equals(r.open()) ? EVENT_DENIED : EVENT_PASSAGE;
        String snapshot = p.snapshot() == null ? null : "passages/" + p.id() + "/snapshot";
        ingest(new SecurityEvent(p.eventId(), p.time(), null, p.deviceId(), p.zoneId(), type,
                fever || r.flags().contains(GateRules.FLAG_TEMPERATURE_INVALID) ? Severity.WARNING : Severity.INFO,
                attrs, snapshot, p.personId()), p);
        if (r.flags().contains(GateRules.FLAG_EARLY_LEAVE) && Boolean.TRUE.equals(r.open())) {
            ingest(new SecurityEvent(p.eventId() + "-leave", p.time(), null, p.deviceId(), p.zoneId(),
                    EVENT_EARLY_LEAVE, Severity.INFO, Map.of("passageId", Long.toString(p.id()), "direction",
                    p.direction(), "personId", p.personId()), snapshot, p.personId()), p);
        }
    }

    private void ingest(SecurityEvent e, Passage p) {
        try {
            events.ingest(e);
        } catch (GatehouseException ex) {
            // the passage stays recorded; the event is lost only if the spine refuses it (a bug, not bad input)
            LOG.warn("Passage {} recorded but its event {} was refused: {} {}", p.id(), e.type(), ex.code(),
                    ex.getMessage());
        }
    }

    private static long insert(Connection c, Device d, String direction, String personId, Float score,
                               Float temperature, Instant time, String sourceKey, Boolean open, String reason,
                               Set<String> flags, String terminalPerson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO PASSAGES (DEVICE_ID, ZONE_ID, DIRECTION,"
                + " PERSON_ID, SCORE, TEMPERATURE, TIME_MS, SOURCE_KEY, OPENED, REASON, FLAGS, TERMINAL_PERSON)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, d.id());
            ps.setString(2, d.zoneId());
            ps.setString(3, direction);
            ps.setString(4, personId);
            setFloat(ps, 5, score);
            setFloat(ps, 6, temperature);
            ps.setLong(7, time.toEpochMilli());
            ps.setString(8, sourceKey);
            if (open == null) {
                ps.setNull(9, Types.SMALLINT);
            } else {
                ps.setShort(9, (short) (open ? 1 : 0));
            }
            ps.setString(10, reason);
            ps.setString(11, flags == null || flags.isEmpty() ? null : String.join(",", flags));
            ps.setString(12, terminalPerson);
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    private static void setFloat(PreparedStatement ps, int i, Float v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.REAL);
        } else {
            ps.setFloat(i, v);
        }
    }

    private static String extension(String format) {
        String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
        return switch (f) {
            case "png" -> "png";
            case "bmp" -> "bmp";
            default -> "jpg";
        };
    }

    private static void write(Path file, byte[] data) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, data);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshot " + file, e);
        }
    }

    @Override
    public Page<Passage> passages(PassageQuery q) {
        int lim = Limits.pageSize(q.limit());
        int off = Limits.offset(q.offset());
        Db.Where w = new Db.Where().and("PERSON_ID = ?", blank(q.personId())).and("DEVICE_ID = ?", blank(q.deviceId()))
                .and("TIME_MS >= ?", q.from() == null ? null : q.from().toEpochMilli())
                .and("TIME_MS < ?", q.to() == null ? null : q.to().toEpochMilli());
        String group = blank(q.group());
        if (group != null) {
            List<String> members = members(group);
            if (members.isEmpty()) {
                return new Page<>(List.of(), 0, off, lim);
            }
            w.andRaw("PERSON_ID IN (" + String.join(",", java.util.Collections.nCopies(members.size(), "?")) + ")",
                    members);
        }
        return db.tx(c -> new Page<>(Db.list(c, "SELECT * FROM PASSAGES" + w.sql()
                        + " ORDER BY TIME_MS DESC, ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                PassageServiceImpl::map, w.params(off, lim)),
                Db.count(c, "SELECT COUNT(*) FROM PASSAGES" + w.sql(), w.params()), off, lim));
    }

    /** The ids of every person of a group, any role. */
    private List<String> members(String group) {
        List<String> out = new ArrayList<>();
        for (int off = 0; ; off += Limits.MAX_PAGE) {
            Page<Person> page = persons.persons(null, group, off, Limits.MAX_PAGE);
            page.items().forEach(p -> out.add(p.id()));
            if (page.items().size() < Limits.MAX_PAGE) {
                return out;
            }
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public Optional<Passage> passage(long id) {
        return db.tx(c -> Db.one(c, "SELECT * FROM PASSAGES WHERE ID = ?", PassageServiceImpl::map, id));
    }

    @Override
    public byte[] snapshot(long passageId, String reader) {
        Passage p = passage(passageId).orElseThrow(
                () -> GatehouseException.notFound("unknown-passage", "no passage " + passageId));
        if (p.snapshot() == null) {
            throw GatehouseException.notFound("no-snapshot", "the snapshot of passage " + passageId
                    + " was purged");
        }
        Path file = settings.snapshotDir().resolve(p.snapshot());
        if (!Files.isRegularFile(file)) {
            throw GatehouseException.notFound("no-snapshot", "the snapshot of passage " + passageId + " is gone");
        }
        try {
            byte[] data = Files.readAllBytes(file);
            audit.record(reader, "snapshot-read", "passage", Long.toString(passageId), p.personId());
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snapshot " + file, e);
        }
    }

    @Override
    public List<Attendance> attendance(LocalDate date, String group) {
        GateSettings s = settings;
        LocalDate day = date == null ? LocalDate.now(s.zone()) : date;
        long from = day.atStartOfDay(s.zone()).toInstant().toEpochMilli();
        long to = day.plusDays(1).atStartOfDay(s.zone()).toInstant().toEpochMilli();
        Map<String, Instant[]> seen = new HashMap<>();
        db.tx(c -> Db.list(c, "SELECT PERSON_ID, DIRECTION, MIN(TIME_MS) AS FIRST_MS, MAX(TIME_MS) AS LAST_MS"
                + " FROM PASSAGES WHERE TIME_MS >= ? AND TIME_MS < ? AND PERSON_ID IS NOT NULL"
                + " AND (OPENED IS NULL OR OPENED = 1)"
                + " GROUP BY PERSON_ID, DIRECTION", rs -> {
                    Instant[] io = seen.computeIfAbsent(rs.getString("PERSON_ID"), k -> new Instant[2]);
                    if (Passage.IN.equals(rs.getString("DIRECTION"))) {
                        io[0] = Instant.ofEpochMilli(rs.getLong("FIRST_MS"));
                    } else {
                        io[1] = Instant.ofEpochMilli(rs.getLong("LAST_MS"));
                    }
                    return null;
                }, from, to));
        Map<String, Attendance> out = new LinkedHashMap<>();
        String g = blank(group);
        for (int off = 0; ; off += Limits.MAX_PAGE) {
            Page<Person> page = persons.persons(PersonRole.STUDENT, g, off, Limits.MAX_PAGE);
            for (Person p : page.items()) {
                Instant[] io = seen.getOrDefault(p.id(), new Instant[2]);
                out.put(p.id(), new Attendance(p.id(), p.name(), p.group(), io[0], io[1]));
            }
            if (page.items().size() < Limits.MAX_PAGE) {
                break;
            }
        }
        List<Attendance> list = new ArrayList<>(out.values());
        list.sort(java.util.Comparator.comparing((Attendance a) -> a.group() == null ? "" : a.group())
                .thenComparing(Attendance::name).thenComparing(Attendance::personId));
        return list;
    }

    /**
     * Deletes the snapshots of passages older than the retention (the passages stay, without snapshot) and the day
     * folders left empty.
     *
     * @return how many snapshot files were deleted
     */
    public int purgeSnapshots(Instant now) {
        GateSettings s = settings;
        long cutoff = now.minus(s.retentionDays(), ChronoUnit.DAYS).toEpochMilli();
        List<Object[]> old = db.tx(c -> Db.list(c, "SELECT ID, SNAPSHOT FROM PASSAGES WHERE TIME_MS < ?"
                + " AND SNAPSHOT IS NOT NULL", rs -> new Object[] {rs.getLong(1), rs.getString(2)}, cutoff));
        int deleted = 0;
        for (Object[] row : old) {
            Path f = s.snapshotDir().resolve((String) row[1]);
            try {
                if (Files.deleteIfExists(f)) {
                    deleted++;
                }
                deleteEmptyParents(s.snapshotDir(), f.getParent());
            } catch (IOException e) {
                LOG.warn("Cannot delete snapshot {}: {}", f, e.toString());
                continue;
            }
            db.tx(c -> Db.update(c, "UPDATE PASSAGES SET SNAPSHOT = NULL WHERE ID = ?", row[0]));
        }
        if (deleted > 0) {
            LOG.info("Purged {} passage snapshots older than {} days", deleted, s.retentionDays());
        }
        return deleted;
    }

    private static void deleteEmptyParents(Path root, Path dir) throws IOException {
        Path r = root.toAbsolutePath().normalize();
        for (Path d = dir.toAbsolutePath().normalize(); d != null && d.startsWith(r) && !d.equals(r);
             d = d.getParent()) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
                if (ds.iterator().hasNext()) {
                    return;
                }
            }
            Files.delete(d);
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        short o = rs.getShort("OPENED");
        Boolean open = rs.wasNull() ? null : o != 0;
        String f = rs.getString("FLAGS");
        Set<String> flags = f == null || f.isBlank() ? Set.of() : new LinkedHashSet<>(List.of(f.split(",")));
        return new Row(map(rs), open, rs.getString("REASON"), flags, rs.getString("TERMINAL_PERSON"));
    }

    private static Passage map(ResultSet rs) throws SQLException {
        float sc = rs.getFloat("SCORE");
        Float score = rs.wasNull() ? null : sc;
        float t = rs.getFloat("TEMPERATURE");
        Float temp = rs.wasNull() ? null : t;
        return new Passage(rs.getLong("ID"), rs.getString("DEVICE_ID"), rs.getString("ZONE_ID"),
                rs.getString("DIRECTION"), rs.getString("PERSON_ID"), score, temp, rs.getString("SNAPSHOT"),
                Instant.ofEpochMilli(rs.getLong("TIME_MS")), rs.getString("EVENT_ID"));
    }
}
