package org.gatehouse.core.internal.watchlist;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.face.Candidate;
import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.face.FaceTemplate;
import org.gatehouse.api.face.Identification;
import org.gatehouse.api.face.Probe;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.watchlist.WatchlistEntry;
import org.gatehouse.api.watchlist.WatchlistHit;
import org.gatehouse.api.watchlist.WatchlistImport;
import org.gatehouse.api.watchlist.WatchlistMatch;
import org.gatehouse.api.watchlist.WatchlistRequest;
import org.gatehouse.api.watchlist.WatchlistService;
import org.gatehouse.api.watchlist.WatchlistStats;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.audit.AuditTrail;
import org.gatehouse.core.internal.face.FacePhotos;
import org.gatehouse.core.internal.store.Db;
import org.osgi.annotation.bundle.Capability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watchlist: entries in table WATCHLIST_ENTRIES, each a person of role WATCHLIST with the same id whose photos
 * the face gallery keeps in its watchlist partition; hits and verdicts in WATCHLIST_HITS. {@link #match} runs for
 * every capture, so it reads only memory: the face index and a map of the entries with their expiry, rebuilt after
 * every change.
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=org.gatehouse.api.watchlist.WatchlistService")
public final class WatchlistServiceImpl implements WatchlistService {
    private static final Logger LOG = LoggerFactory.getLogger(WatchlistServiceImpl.class);
    static final String ID_PREFIX = "wl-";
    /** Width of a score bin of {@link #stats}. */
    static final float BIN = 0.02f;
    /**
     * Candidates a match looks at when the best one is an expired entry, so that an expired entry's photo does not
     * hide an active one behind it (usually one is enough: each candidate costs a name look-up in the store).
     */
    static final int MATCH_CANDIDATES = 10;
    private static final Set<String> RISKS = Set.of(WatchlistEntry.RISK_LOW, WatchlistEntry.RISK_MEDIUM,
            WatchlistEntry.RISK_HIGH);

    private final Db db;
    private final AuditTrail audit;
    private final PersonService persons;
    private final FaceService faces;
    private final FacePhotos photos;
    private final EventService events;
    private final AlarmService alarms;
    private final WatchlistImports imports;
    /** The entries as {@link #match} needs them, by id; replaced as a whole after every change. */
    private volatile Map<String, Active> active = Map.of();

    /** An entry as the search needs it: {@code expiresMs} is {@link Long#MAX_VALUE} for never. */
    private record Active(String name, String risk, long expiresMs) {
    }

    public WatchlistServiceImpl(Db db, AuditTrail audit, PersonService persons, FaceService faces, FacePhotos photos,
                                EventService events, AlarmService alarms) {
        this.photos = photos;
        this.db = db;
        this.audit = audit;
        this.persons = persons;
        this.faces = faces;
        this.events = events;
        this.alarms = alarms;
        this.imports = new WatchlistImports(this);
        refresh();
        alarms.subscribe((transition, alarm) -> {
            if (transition == AlarmService.Transition.RAISED || transition == AlarmService.Transition.REPEATED) {
                linkAlarm(alarm);
            }
        });
    }

    /** Reloads the in-memory entries the search skips expired ones with. */
    void refresh() {
        Map<String, Active> fresh = new HashMap<>();
        db.tx(c -> Db.list(c, "SELECT ID, NAME, RISK, EXPIRES_MS FROM WATCHLIST_ENTRIES", rs -> {
            Long exp = Db.nullableLong(rs, "EXPIRES_MS");
            fresh.put(rs.getString(1), new Active(rs.getString(2), rs.getString(3), exp == null ? Long.MAX_VALUE
                    : exp));
            return null;
        }));
        active = Map.copyOf(fresh);
    }

    // ---------------------------------------------------------------- entries

    @Override
    public WatchlistEntry create(WatchlistRequest request, String actor) {
        WatchlistRequest r = check(request, Instant.now());
        String who = who(actor);
        long now = System.currentTimeMillis();
        String id = ID_PREFIX + db.tx(c -> Db.one(c, "VALUES NEXT VALUE FOR WATCHLIST_SEQ", rs -> rs.getLong(1))
                .orElseThrow());
        persons.savePerson(new Person(id, r.name(), PersonRole.WATCHLIST, null, null, null, null), who);
        try {
            db.tx(c -> {
                Db.update(c, "INSERT INTO WATCHLIST_ENTRIES (ID, NAME, REASON, RISK, SOURCE, EXPIRES_MS, CREATED_BY,"
                        + " CREATED_MS) VALUES (?,?,?,?,?,?,?,?)", id, r.name(), r.reason(), r.risk(), r.source(),
                        r.expires() == null ? null : r.expires().toEpochMilli(), who, now);
                audit.record(c, who, "watchlist-add", "watchlist", id, r.name() + " (" + r.risk() + ")");
                return null;
            });
        } catch (RuntimeException e) {
            persons.deletePerson(id, who);
            throw e;
        }
        refresh();
        LOG.info("Watchlist entry {} added by {}: {} ({})", id, who, r.name(), r.risk());
        return entry(id).orElseThrow();
    }

    @Override
    public WatchlistEntry update(String entryId, WatchlistRequest request, String actor) {
        WatchlistEntry old = require(entryId);
        WatchlistRequest r = check(request, Instant.now());
        String who = who(actor);
        db.tx(c -> {
            Db.update(c, "UPDATE WATCHLIST_ENTRIES SET NAME = ?, REASON = ?, RISK = ?, SOURCE = ?, EXPIRES_MS = ?"
                    + " WHERE ID = ?", r.name(), r.reason(), r.risk(), r.source(),
                    r.expires() == null ? null : r.expires().toEpochMilli(), entryId);
            audit.record(c, who, "watchlist-update", "watchlist", entryId, r.name() + " (" + r.risk() + ")");
            return null;
        });
        if (!old.name().equals(r.name())) {
            persons.savePerson(new Person(entryId, r.name(), PersonRole.WATCHLIST, null, null, null, null), who);
        }
        refresh();
        return entry(entryId).orElseThrow();
    }

    @Override
    public void delete(String entryId, String actor) {
        require(entryId);
        String who = who(actor);
        db.tx(c -> {
            Db.update(c, "DELETE FROM WATCHLIST_ENTRIES WHERE ID = ?", entryId);
            audit.record(c, who, "watchlist-remove", "watchlist", entryId, null);
            return null;
        });
        refresh();
        // the person goes with its photos and templates (cascade), and out of the face index
        persons.deletePerson(entryId, who);
        LOG.info("Watchlist entry {} deleted by {}", entryId, who);
    }

    @Override
    public Optional<WatchlistEntry> entry(String entryId) {
        if (entryId == null || entryId.isBlank()) {
            return Optional.empty();
        }
        return db.tx(c -> Db.one(c, SELECT_ENTRY + " WHERE E.ID = ?", this::mapEntry, entryId));
    }

    private static final String SELECT_ENTRY = "SELECT E.*, (SELECT COUNT(*) FROM WATCHLIST_HITS H WHERE H.ENTRY_ID"
            + " = E.ID) AS HITS, (SELECT COUNT(*) FROM WATCHLIST_HITS H WHERE H.ENTRY_ID = E.ID AND H.VERDICT = '"
            + WatchlistHit.FALSE + "') AS FALSE_HITS FROM WATCHLIST_ENTRIES E";

    @Override
    public Page<WatchlistEntry> entries(String query, Boolean activeNow, int offset, int limit) {
        int lim = Limits.pageSize(limit);
        int off = Limits.offset(offset);
        String q = query == null || query.isBlank() ? null : "%" + query.trim().toLowerCase(Locale.ROOT)
                .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        long now = System.currentTimeMillis();
        Db.Where w = new Db.Where();
        if (q != null) {
            w.andRaw("(LOWER(E.NAME) LIKE ? ESCAPE '!' OR LOWER(E.REASON) LIKE ? ESCAPE '!' OR LOWER(E.SOURCE)"
                    + " LIKE ? ESCAPE '!')", List.of(q, q, q));
        }
        if (activeNow != null) {
            w.andRaw(activeNow ? "(E.EXPIRES_MS IS NULL OR E.EXPIRES_MS > ?)" : "E.EXPIRES_MS <= ?", List.of(now));
        }
        return db.tx(c -> new Page<>(Db.list(c, SELECT_ENTRY + w.sql() + " ORDER BY E.CREATED_MS DESC, E.ID"
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", this::mapEntry, w.params(off, lim)),
                Db.count(c, "SELECT COUNT(*) FROM WATCHLIST_ENTRIES E" + w.sql(), w.params()), off, lim));
    }

    private WatchlistEntry mapEntry(ResultSet rs) throws SQLException {
        Long exp = Db.nullableLong(rs, "EXPIRES_MS");
        String id = rs.getString("ID");
        return new WatchlistEntry(id, rs.getString("NAME"), rs.getString("REASON"), rs.getString("RISK"),
                rs.getString("SOURCE"), exp == null ? null : Instant.ofEpochMilli(exp), photoCount(id),
                rs.getString("CREATED_BY"), Instant.ofEpochMilli(rs.getLong("CREATED_MS")), rs.getInt("HITS"),
                rs.getInt("FALSE_HITS"));
    }

    /** Photos of an entry (a photo has one template per model). */
    private int photoCount(String entryId) {
        return (int) faces.templates(entryId).stream().mapToLong(FaceTemplate::photoId).distinct().count();
    }

    private WatchlistEntry require(String entryId) {
        return entry(entryId).orElseThrow(() -> GatehouseException.notFound("unknown-entry", "watchlist entry '"
                + entryId + "' does not exist"));
    }

    /** Validates a request; null risk becomes high. */
    static WatchlistRequest check(WatchlistRequest r, Instant now) {
        Limits.body(r, "a watchlist entry");
        String name = Limits.text("name", r.name(), 100, true).strip();
        String reason = Limits.text("reason", r.reason(), 500, true).strip();
        String risk = r.risk() == null || r.risk().isBlank() ? WatchlistEntry.RISK_HIGH
                : r.risk().trim().toLowerCase(Locale.ROOT);
        if (!RISKS.contains(risk)) {
            throw GatehouseException.invalid("bad-risk", "risk '" + r.risk() + "' is not one of low, medium, high");
        }
        String source = Limits.text("source", r.source(), 100, false);
        if (r.expires() != null && !r.expires().isAfter(now)) {
            throw GatehouseException.invalid("bad-expiry", "expires " + r.expires() + " is not in the future");
        }
        return new WatchlistRequest(name, reason, risk, source == null ? null : source.strip(), r.expires());
    }

    private static String who(String actor) {
        return actor == null || actor.isBlank() ? "system" : actor;
    }

    // ---------------------------------------------------------------- photos

    @Override
    public FaceTemplate addFace(String entryId, Frame photo, String actor) {
        WatchlistEntry e = require(entryId);
        // a member of the school (a student, a staff member) never goes on the watchlist by mistake; a visitor or a
        // guardian may (a parent barred by a court order, a visitor on a police notice)
        Identification id = faces.identify(photo, FaceService.USE_GATE, 5);
        for (Candidate c : id.candidates()) {
            if (!c.matched()) {
                break;
            }
            Person p = persons.person(c.personId(), null).orElse(null);
            if (p != null && (p.role() == PersonRole.STUDENT || p.role() == PersonRole.STAFF)) {
                throw GatehouseException.conflict("enrolled-person", "the photo matches the enrolled person "
                        + p.name() + " (" + p.role() + " " + p.id() + ")"
                        + String.format(Locale.ROOT, " (score %.2f): it is not added to watchlist entry ", c.score())
                        + e.id());
            }
        }
        FaceTemplate t = faces.enroll(entryId, photo, who(actor));
        LOG.info("Watchlist entry {}: photo added by {} (template {})", entryId, who(actor), t.id());
        return t;
    }

    @Override
    public List<FaceTemplate> faces(String entryId) {
        require(entryId);
        return faces.templates(entryId);
    }

    @Override
    public byte[] facePhoto(String entryId, long templateId, String reader) {
        FaceTemplate t = template(entryId, templateId);
        byte[] data = photos.photo(t.photoId()).orElseThrow(() -> GatehouseException.notFound("unknown-template",
                "the photo of template " + templateId + " is gone"));
        audit.record(who(reader), "watchlist-photo-read", "watchlist", entryId, "template " + templateId);
        return data;
    }

    @Override
    public void deleteFace(String entryId, long templateId, String actor) {
        template(entryId, templateId);
        faces.delete(templateId, who(actor));
    }

    private FaceTemplate template(String entryId, long templateId) {
        require(entryId);
        return faces.templates(entryId).stream().filter(t -> t.id() == templateId).findFirst()
                .orElseThrow(() -> GatehouseException.notFound("unknown-template", "watchlist entry " + entryId
                        + " has no face template " + templateId));
    }

    // ---------------------------------------------------------------- imports

    @Override
    public WatchlistImport importFolder(Path folder, String actor) {
        return imports.startFolder(folder, who(actor));
    }

    @Override
    public WatchlistImport importZip(byte[] zip, String actor) {
        return imports.startZip(zip, who(actor));
    }

    @Override
    public Optional<WatchlistImport> importJob(String jobId) {
        return imports.job(jobId);
    }

    /** Stops the import worker. */
    public void stop() {
        imports.stop();
    }

    // ---------------------------------------------------------------- search and hits

    @Override
    public Optional<WatchlistMatch> match(Probe face, Instant at) {
        Map<String, Active> entries = active;
        if (entries.isEmpty() || face == null || face.face() == null) {
            return Optional.empty();
        }
        long now = (at == null ? Instant.now() : at).toEpochMilli();
        Identification id = faces.identify(face, FaceService.USE_WATCHLIST, 1);
        Candidate best = id.best();
        if (best == null) {
            return Optional.empty();
        }
        Active first = entries.get(best.personId());
        if (first == null || now >= first.expiresMs()) {
            id = faces.identify(face, FaceService.USE_WATCHLIST, MATCH_CANDIDATES);
        }
        for (Candidate c : id.candidates()) {
            if (!c.matched()) {
                break; // best first: the rest are below the threshold too
            }
            Active e = entries.get(c.personId());
            if (e != null && now < e.expiresMs()) {
                return Optional.of(new WatchlistMatch(c.personId(), e.name(), e.risk(), c.templateId(), c.score(),
                        id.threshold()));
            }
        }
        return Optional.empty();
    }

    @Override
    public WatchlistHit hit(WatchlistMatch match, Passage passage) {
        Limits.body(match, "a watchlist match");
        Limits.body(passage, "a passage");
        long hitId = db.tx(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO WATCHLIST_HITS (ENTRY_ID, NAME, TEMPLATE_ID,"
                    + " SCORE, DEVICE_ID, ZONE_ID, PASSAGE_ID, TIME_MS) VALUES (?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                Db.bind(ps, match.entryId(), match.name(), match.templateId(), null, passage.deviceId(),
                        passage.zoneId(), passage.id(), passage.time().toEpochMilli());
                ps.setFloat(4, match.score());
                ps.executeUpdate();
                try (ResultSet k = ps.getGeneratedKeys()) {
                    k.next();
                    id = k.getLong(1);
                }
            }
            audit.record(c, "system", "watchlist-hit", "watchlist", match.entryId(), String.format(Locale.ROOT,
                    "hit %d at %s, passage %d, score %.3f", id, passage.deviceId(), passage.id(), match.score()));
            return id;
        });
        LOG.warn("Watchlist hit {}: entry {} ({}, risk {}) seen at {} with score {} (passage {})", hitId,
                match.entryId(), match.name(), match.risk(), passage.deviceId(),
                String.format(Locale.ROOT, "%.3f", match.score()), passage.id());
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("hitId", Long.toString(hitId));
        attrs.put("entryId", match.entryId());
        attrs.put("name", match.name());
        attrs.put("risk", match.risk());
        attrs.put("score", String.format(Locale.ROOT, "%.3f", match.score()));
        attrs.put("templateId", Long.toString(match.templateId()));
        attrs.put("passageId", Long.toString(passage.id()));
        attrs.put(AlarmService.SOURCE_ATTRIBUTE, match.entryId()); // two people never fold into one alarm
        String snapshot = passage.snapshot() == null ? null : "passages/" + passage.id() + "/snapshot";
        try {
            events.ingest(new SecurityEvent("watchlist-hit-" + hitId, passage.time(), null, passage.deviceId(),
                    passage.zoneId(), EVENT_HIT, Severity.CRITICAL, attrs, snapshot, match.entryId()));
        } catch (GatehouseException e) {
            LOG.error("Watchlist hit {} recorded but its event was refused: {} {}", hitId, e.code(), e.getMessage());
        }
        return hit(hitId).orElseThrow();
    }

    /** Notes the alarm a hit raised (or folded into) on the hit. */
    private void linkAlarm(Alarm alarm) {
        if (!EVENT_HIT.equals(alarm.type()) || alarm.lastEventId() == null) {
            return;
        }
        Long hitId = hitOfEvent(alarm.lastEventId());
        if (hitId != null) {
            db.tx(c -> Db.update(c, "UPDATE WATCHLIST_HITS SET ALARM_ID = ? WHERE ID = ?", alarm.id(), hitId));
        }
    }

    private Long hitOfEvent(String eventId) {
        String raw = events.get(eventId).map(e -> e.attributes().get("hitId")).orElse(null);
        try {
            return raw == null ? null : Long.parseLong(raw);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public WatchlistHit feedback(long alarmId, String verdict, String note, String actor) {
        String v = verdict == null ? "" : verdict.trim().toLowerCase(Locale.ROOT);
        if (!WatchlistHit.CONFIRMED.equals(v) && !WatchlistHit.FALSE.equals(v)) {
            throw GatehouseException.invalid("bad-verdict", "verdict '" + verdict + "' is not confirmed or false");
        }
        String n = Limits.text("note", note, 500, false);
        Alarm alarm = alarms.get(alarmId).orElseThrow(() -> GatehouseException.notFound("alarm-not-found",
                "alarm " + alarmId + " does not exist"));
        Long hitId = EVENT_HIT.equals(alarm.type()) && alarm.lastEventId() != null ? hitOfEvent(alarm.lastEventId())
                : null;
        if (hitId == null) {
            throw GatehouseException.invalid("not-a-watchlist-alarm", "alarm " + alarmId + " is a " + alarm.type()
                    + " alarm, not a watchlist hit");
        }
        String who = who(actor);
        int updated = db.tx(c -> {
            int rows = Db.update(c, "UPDATE WATCHLIST_HITS SET VERDICT = ?, NOTE = ?, VERDICT_BY = ?, VERDICT_MS = ?,"
                    + " ALARM_ID = ? WHERE ID = ?", v, n, who, System.currentTimeMillis(), alarmId, hitId);
            if (rows > 0) {
                // on the alarm, so that the alarm's timeline shows the verdict
                audit.record(c, who, "watchlist-feedback", "alarm", Long.toString(alarmId), v
                        + " (watchlist hit " + hitId + ")" + (n == null ? "" : ": " + n));
            }
            return rows;
        });
        if (updated == 0) {
            throw GatehouseException.notFound("unknown-hit", "the hit " + hitId + " of alarm " + alarmId
                    + " is not stored");
        }
        LOG.info("Watchlist hit {} (alarm {}) marked {} by {}", hitId, alarmId, v, who);
        return hit(hitId).orElseThrow();
    }

    @Override
    public Page<WatchlistHit> hits(String entryId, int offset, int limit) {
        int lim = Limits.pageSize(limit);
        int off = Limits.offset(offset);
        Db.Where w = new Db.Where().and("ENTRY_ID = ?", entryId == null || entryId.isBlank() ? null : entryId);
        return db.tx(c -> new Page<>(Db.list(c, "SELECT * FROM WATCHLIST_HITS" + w.sql() + " ORDER BY TIME_MS DESC,"
                + " ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", WatchlistServiceImpl::mapHit, w.params(off, lim)),
                Db.count(c, "SELECT COUNT(*) FROM WATCHLIST_HITS" + w.sql(), w.params()), off, lim));
    }

    @Override
    public Optional<WatchlistHit> hit(long hitId) {
        return db.tx(c -> Db.one(c, "SELECT * FROM WATCHLIST_HITS WHERE ID = ?", WatchlistServiceImpl::mapHit,
                hitId));
    }

    private static WatchlistHit mapHit(ResultSet rs) throws SQLException {
        Long at = Db.nullableLong(rs, "VERDICT_MS");
        return new WatchlistHit(rs.getLong("ID"), rs.getString("ENTRY_ID"), rs.getString("NAME"),
                rs.getLong("TEMPLATE_ID"), rs.getFloat("SCORE"), rs.getString("DEVICE_ID"), rs.getString("ZONE_ID"),
                Db.nullableLong(rs, "PASSAGE_ID"), Instant.ofEpochMilli(rs.getLong("TIME_MS")),
                Db.nullableLong(rs, "ALARM_ID"), rs.getString("VERDICT"), rs.getString("NOTE"),
                rs.getString("VERDICT_BY"), at == null ? null : Instant.ofEpochMilli(at));
    }

    // ---------------------------------------------------------------- figures

    @Override
    public WatchlistStats stats(Instant from) {
        List<Object[]> rows = db.tx(c -> Db.list(c, "SELECT ENTRY_ID, NAME, SCORE, VERDICT FROM WATCHLIST_HITS"
                + " WHERE TIME_MS >= ? ORDER BY ENTRY_ID, ID", rs -> new Object[] {rs.getString(1), rs.getString(2),
                rs.getFloat(3), rs.getString(4)}, from == null ? Long.MIN_VALUE : from.toEpochMilli()));
        return stats(faces.threshold(FaceService.USE_WATCHLIST), rows);
    }

    /** The figures of hits given as {entryId, name, score, verdict}. */
    static WatchlistStats stats(float threshold, List<Object[]> rows) {
        int nBins = Math.round(1f / BIN);
        int[][] bins = new int[nBins][3]; // confirmed, false, unreviewed
        int lowest = nBins;
        int confirmed = 0;
        int falseHits = 0;
        Map<String, int[]> perEntry = new LinkedHashMap<>(); // hits, confirmed, false
        Map<String, String> names = new HashMap<>();
        for (Object[] r : rows) {
            float score = (Float) r[2];
            String verdict = (String) r[3];
            int kind = WatchlistHit.CONFIRMED.equals(verdict) ? 0 : WatchlistHit.FALSE.equals(verdict) ? 1 : 2;
            int bin = Math.max(0, Math.min(nBins - 1, (int) Math.floor(score / BIN + 1e-4)));
            bins[bin][kind]++;
            lowest = Math.min(lowest, bin);
            confirmed += kind == 0 ? 1 : 0;
            falseHits += kind == 1 ? 1 : 0;
            int[] e = perEntry.computeIfAbsent((String) r[0], k -> new int[3]);
            e[0]++;
            if (kind < 2) {
                e[kind + 1]++;
            }
            names.put((String) r[0], (String) r[1]);
        }
        List<WatchlistStats.Bin> out = new ArrayList<>();
        for (int b = lowest; b < nBins; b++) {
            out.add(new WatchlistStats.Bin(Math.round(b * BIN * 100) / 100f, bins[b][0], bins[b][1], bins[b][2]));
        }
        List<WatchlistStats.EntryRate> rates = new ArrayList<>();
        perEntry.forEach((id, e) -> rates.add(new WatchlistStats.EntryRate(id, names.get(id), e[0], e[2],
                e[1] + e[2] == 0 ? null : (double) e[2] / (e[1] + e[2]))));
        return new WatchlistStats(threshold, rows.size(), confirmed, falseHits, rows.size() - confirmed - falseHits,
                out, rates);
    }

    // ---------------------------------------------------------------- for the import

    /** Creates an entry with one photo, or nothing: a row of a bulk import. */
    WatchlistEntry createWithPhoto(WatchlistRequest request, Frame photo, String actor) {
        WatchlistEntry e = create(request, actor);
        if (photo == null) {
            return e;
        }
        try {
            addFace(e.id(), photo, actor);
        } catch (RuntimeException ex) {
            delete(e.id(), actor);
            throw ex;
        }
        return entry(e.id()).orElseThrow();
    }
}
