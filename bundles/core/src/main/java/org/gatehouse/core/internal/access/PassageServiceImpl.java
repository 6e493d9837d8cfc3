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
import java.util.Set;
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
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.access.PassageQuery;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.face.Candidate;
import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.face.Identification;
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

    private final Db db;
    private final AuditTrail audit;
    private final SiteService sites;
    private final FaceService faces;
    private final StoredEvents events;
    private final PersonService persons;
    private volatile GateSettings settings = GateSettings.defaults();

    public PassageServiceImpl(Db db, AuditTrail audit, SiteService sites, FaceService faces,
                              StoredEvents events, PersonService persons) {
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

    @Override
    public org.gatehouse.api.access.GateDecision decide(String deviceId, Frame snapshot, Float temperature,
                                                        Instant at) {
        throw GatehouseException.unavailable("not-built", "the gate decision is being built (issue 10)", null); // TODO issue 10
    }

    @Override
    public org.gatehouse.api.access.GateDecision record(org.gatehouse.api.access.TerminalEvent event) {
        throw GatehouseException.unavailable("not-built", "terminal passages are being built (issue 10)", null); // TODO issue 10
    }

    @Override
    public Passage capture(String deviceId, Frame snapshot, Float temperature, Instant at) {
        GateSettings s = settings;
        Limits.id("deviceId", deviceId);
        Device device = sites.device(deviceId)
                .orElseThrow(() -> GatehouseException.notFound("unknown-device", "no device " + deviceId));
        if (!FACEGATE.equals(device.type())) {
            throw GatehouseException.invalid("not-a-facegate", "device " + deviceId + " is a " + device.type()
                    + ", not a facegate");
        }
        String direction = device.properties().get("direction");
        if (!Passage.IN.equals(direction) && !Passage.OUT.equals(direction)) {
            throw GatehouseException.invalid("no-direction", "face gate " + deviceId
                    + " has no property direction=in|out");
        }
        if (temperature != null && !(temperature >= 30f && temperature <= 45f)) {
            throw GatehouseException.invalid("bad-temperature", "temperature " + temperature
                    + " is not a body temperature in Celsius (30..45)");
        }
        if (snapshot == null || snapshot.data() == null || snapshot.data().length == 0) {
            throw GatehouseException.invalid(FaceReasons.IMAGE_EMPTY, "the capture holds no image");
        }
        Instant time = (at == null ? Instant.now() : at).truncatedTo(ChronoUnit.MILLIS);
        // identifies first: a bad image or no face throws here and nothing is recorded
        Identification id = faces.identify(snapshot, FaceService.USE_GATE, 1);
        Candidate best = id.best();
        Float score = id.candidates().isEmpty() ? null : id.candidates().get(0).score();
        String personId = best == null ? null : best.personId();
        String ext = extension(snapshot.format());
        Passage p = db.tx(c -> {
            long pid = insert(c, device, direction, personId, score, temperature, time);
            String name = DAY_DIR.format(time.atZone(s.zone())) + "/" + pid + "." + ext;
            String eventId = "passage-" + pid;
            write(s.snapshotDir().resolve(name), snapshot.data());
            Db.update(c, "UPDATE PASSAGES SET SNAPSHOT = ?, EVENT_ID = ? WHERE ID = ?", name, eventId, pid);
            return new Passage(pid, device.id(), device.zoneId(), direction, personId, score, temperature, name,
                    time, eventId);
        });
        publish(p, s);
        return p;
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
        List<Passage> recent = db.tx(c -> Db.list(c, "SELECT * FROM PASSAGES WHERE TIME_MS > ? AND EVENT_ID IS"
                + " NOT NULL ORDER BY ID", PassageServiceImpl::map, since));
        Set<String> stored = events.stored(recent.stream().map(Passage::eventId).toList());
        List<Passage> missing = recent.stream().filter(p -> !stored.contains(p.eventId())).toList();
        GateSettings s = settings;
        for (Passage p : missing) {
            publish(p, s);
        }
        if (!missing.isEmpty()) {
            LOG.info("Republished the events of {} passages recorded before a stop", missing.size());
        }
        return missing.size();
    }

    private void publish(Passage p, GateSettings s) {
        Map<String, String> attrs = new HashMap<>();
        attrs.put("passageId", Long.toString(p.id()));
        attrs.put("direction", p.direction());
        if (p.personId() != null) {
            attrs.put("personId", p.personId());
        }
        if (p.score() != null) {
            attrs.put("score", String.format(Locale.ROOT, "%.4f", p.score()));
        }
        boolean fever = p.temperature() != null && p.temperature() > s.feverCelsius();
        if (p.temperature() != null) {
            attrs.put("temperature", String.format(Locale.ROOT, "%.1f", p.temperature()));
        }
        if (fever) {
            attrs.put("fever", "true");
        }
        SecurityEvent e = new SecurityEvent(p.eventId(), p.time(), null, p.deviceId(), p.zoneId(),
                p.stranger() ? EVENT_STRANGER : EVENT_PASSAGE, fever ? Severity.WARNING : Severity.INFO, attrs,
                "passages/" + p.id() + "/snapshot", p.personId());
        try {
            events.ingest(e);
        } catch (GatehouseException ex) {
            // the passage stays recorded; the event is lost only if the spine refuses it (a bug, not bad input)
            LOG.warn("Passage {} recorded but its event was refused: {} {}", p.id(), ex.code(), ex.getMessage());
        }
    }

    private static long insert(Connection c, Device d, String direction, String personId, Float score,
                               Float temperature, Instant time) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO PASSAGES (DEVICE_ID, ZONE_ID, DIRECTION,"
                + " PERSON_ID, SCORE, TEMPERATURE, TIME_MS) VALUES (?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, d.id());
            ps.setString(2, d.zoneId());
            ps.setString(3, direction);
            ps.setString(4, personId);
            setFloat(ps, 5, score);
            setFloat(ps, 6, temperature);
            ps.setLong(7, time.toEpochMilli());
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
