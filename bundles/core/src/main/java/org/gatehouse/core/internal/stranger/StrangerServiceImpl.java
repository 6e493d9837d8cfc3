package org.gatehouse.core.internal.stranger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.access.AttendanceService;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.face.Probe;
import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.FaceQuality;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.api.stranger.StrangerAlert;
import org.gatehouse.api.stranger.StrangerRule;
import org.gatehouse.api.stranger.StrangerService;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.audit.AuditTrail;
import org.gatehouse.core.internal.face.FaceIndex;
import org.gatehouse.core.internal.schedule.DayWindows;
import org.gatehouse.core.internal.store.CachedList;
import org.gatehouse.core.internal.store.Db;
import org.gatehouse.core.internal.stranger.OpenClusters.Cluster;
import org.osgi.annotation.bundle.Capability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stranger alerts: rules in table STRANGER_RULES, clusters of unknown faces in STRANGER_ALERTS.
 *
 * <p>A capture is judged by the first enabled rule (in id order) whose zone and daily window hold it; the day of an
 * overnight window is the day it starts (02:00 on Saturday belongs to Friday night). The cluster centroids (mean of
 * the L2-normalised embeddings) live in memory only, at most {@link #MAX_OPEN} of them (the least recently seen is
 * forgotten first), so after a restart the next capture of a face starts a new cluster. Every capture publishes
 * {@link #EVENT_ALERT} on the spine, in the name of the device of the cluster's first capture, so that captures at
 * several gates of one zone still fold into one alarm (attribute {@code captureDevice} names the gate of this one).
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.stranger.StrangerService")
public final class StrangerServiceImpl implements StrangerService {
    private static final Logger LOG = LoggerFactory.getLogger(StrangerServiceImpl.class);
    /** Open clusters kept in memory. */
    public static final int MAX_OPEN = 1_000;
    /** Default cosine similarity to join a cluster. */
    public static final float DEFAULT_THRESHOLD = 0.45f;
    static final int DEFAULT_FOLD = 30;
    static final int MAX_FOLD = 1440;
    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final Db db;
    private final AuditTrail audit;
    private final SiteService sites;
    private final EventService events;
    private final Predicate<LocalDate> schoolDay;
    private final Supplier<ZoneId> zone;
    /** Guarded by itself. */
    private final OpenClusters open = new OpenClusters(MAX_OPEN);
    private volatile float threshold = DEFAULT_THRESHOLD;
    /** The rules in id order, read once after each change. */
    private final CachedList<StrangerRule> rules;

    /**
     * @param calendar school days (null or absent: weekdays are school days, weekends holidays)
     * @param zone     the gate time zone of the daily windows
     */
    public StrangerServiceImpl(Db db, AuditTrail audit, SiteService sites, EventService events,
                               Supplier<AttendanceService> calendar, Supplier<ZoneId> zone) {
        this.db = db;
        this.rules = new CachedList<>(() -> db.tx(c -> Db.list(c,
                "SELECT * FROM STRANGER_RULES ORDER BY ID", StrangerServiceImpl::mapRule)));
        this.audit = audit;
        this.sites = sites;
        this.events = events;
        this.schoolDay = DayWindows.schoolDays(calendar);
        this.zone = zone;
    }

    /** Sets {@code stranger.cluster.threshold} (cosine similarity, 0..1). */
    public void configure(float clusterThreshold) {
        if (!(clusterThreshold > 0f && clusterThreshold < 1f)) {
            throw new IllegalArgumentException("stranger.cluster.threshold must be between 0 and 1, not "
                    + clusterThreshold);
        }
        this.threshold = clusterThreshold;
    }

    public float threshold() {
        return threshold;
    }

    // ---- rules ----

    @Override
    public List<StrangerRule> rules() {
        return rules.get();
    }

    @Override
    public Optional<StrangerRule> rule(String id) {
        return rules().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Override
    public StrangerRule save(StrangerRule rule, String actor) {
        StrangerRule r = checked(Limits.body(rule, "a rule"));
        String who = actor(actor);
        db.tx(c -> {
            boolean exists = Db.count(c, "SELECT COUNT(*) FROM STRANGER_RULES WHERE ID = ?", r.id()) > 0;
            if (exists) {
                Db.update(c, "UPDATE STRANGER_RULES SET NAME = ?, ZONE_ID = ?, DAYS = ?, FROM_HM = ?, TO_HM = ?,"
                                + " SEVERITY = ?, FOLD_MINUTES = ?, ENABLED = ?, UPDATED_MS = ? WHERE ID = ?", r.name(),
                        r.zoneId(), r.days(), HM.format(r.from()), HM.format(r.to()), r.severity().name(),
                        r.foldMinutes(), r.enabled(), System.currentTimeMillis(), r.id());
            } else {
                Db.update(c, "INSERT INTO STRANGER_RULES (ID, NAME, ZONE_ID, DAYS, FROM_HM, TO_HM, SEVERITY,"
                                + " FOLD_MINUTES, ENABLED, UPDATED_MS) VALUES (?,?,?,?,?,?,?,?,?,?)", r.id(), r.name(),
                        r.zoneId(), r.days(), HM.format(r.from()), HM.format(r.to()), r.severity().name(),
                        r.foldMinutes(), r.enabled(), System.currentTimeMillis());
            }
            audit.record(c, who, "stranger-rule-save", "stranger-rule", r.id(), describe(r));
            return null;
        });
        forgetRules();
        LOG.info("Stranger rule {} saved by {}: {}", r.id(), who, describe(r));
        return r;
    }

    @Override
    public void delete(String id, String actor) {
        String who = actor(actor);
        db.tx(c -> {
            if (Db.update(c, "DELETE FROM STRANGER_RULES WHERE ID = ?", id) == 0) {
                throw GatehouseException.notFound("unknown-rule", "stranger rule '" + id + "' does not exist");
            }
            audit.record(c, who, "stranger-rule-delete", "stranger-rule", id, null);
            return null;
        });
        forgetRules();
        LOG.info("Stranger rule {} deleted by {}", id, who);
    }

    private void forgetRules() {
        rules.forget();
    }

    /** Validates a rule and fills in the defaults (name = id, severity MAJOR, fold 30 min). */
    private StrangerRule checked(StrangerRule r) {
        if (r.id() == null || !RULE_ID.matcher(r.id()).matches()) {
            throw GatehouseException.invalid("bad-rule-id", "a rule id is 1-64 letters, digits, '.', '_' or '-', not '"
                    + clip(r.id()) + "'");
        }
        String name = r.name() == null || r.name().isBlank() ? r.id() : r.name().strip();
        Limits.text("name", name, 200, true);
        String zoneId = r.zoneId() == null || r.zoneId().isBlank() || r.zoneId().equals("*") ? null
                : r.zoneId().strip();
        if (zoneId != null && sites.zone(zoneId).isEmpty()) {
            throw GatehouseException.notFound("unknown-zone", "zone '" + clip(zoneId) + "' does not exist");
        }
        String days = DayWindows.days(r.days());
        DayWindows.checkWindow(r.from(), r.to());
        int fold = r.foldMinutes() == 0 ? DEFAULT_FOLD : r.foldMinutes();
        if (fold < 1 || fold > MAX_FOLD) {
            throw GatehouseException.invalid("bad-fold", "foldMinutes must be between 1 and " + MAX_FOLD + ", not "
                    + r.foldMinutes());
        }
        return new StrangerRule(r.id(), name, zoneId, days, r.from(), r.to(),
                r.severity() == null ? Severity.MAJOR : r.severity(), fold, r.enabled());
    }

    // ---- capture ----

    @Override
    public Optional<StrangerAlert> observe(Probe face, Passage passage) {
        if (face == null || face.face() == null || passage == null || !passage.stranger()) {
            return Optional.empty();
        }
        Optional<StrangerRule> applies = applying(passage.zoneId(), passage.time());
        if (applies.isEmpty()) {
            return Optional.empty();
        }
        StrangerRule rule = applies.get();
        AnalyzedFace f = face.face();
        float[] v = FaceIndex.normalise(f.embedding().vector());
        String model = f.embedding().modelId();
        long quality = quality(f.quality());
        long at = passage.time().toEpochMilli();
        boolean snapshot = passage.snapshot() != null;
        Cluster cl;
        boolean created;
        StrangerAlert alert;
        synchronized (open) {
            cl = open.nearest(rule.id(), model, v, at - rule.foldMinutes() * 60_000L, threshold);
            created = cl == null;
            if (created) {
                cl = new Cluster(rule.id(), passage.zoneId(), passage.deviceId(), model, v.length, at);
            }
            cl.add(v, at);
            boolean better = snapshot && (cl.bestPassage == null || quality > cl.bestQuality);
            if (better) {
                cl.bestPassage = passage.id();
                cl.bestQuality = quality;
            }
            Cluster c0 = cl;
            if (created) {
                open.put(db.tx(c -> insert(c, c0)), cl);
            } else if (better) {
                db.tx(c -> Db.update(c, "UPDATE STRANGER_ALERTS SET CNT = ?, LAST_MS = ?, BEST_PASSAGE = ?,"
                        + " BEST_QUALITY = ? WHERE ID = ?", c0.count, c0.last, c0.bestPassage, c0.bestQuality, c0.id));
            } else {
                db.tx(c -> Db.update(c, "UPDATE STRANGER_ALERTS SET CNT = ?, LAST_MS = ? WHERE ID = ?", c0.count,
                        c0.last, c0.id));
            }
            alert = cl.alert();
        }
        if (created) {
            LOG.info("Stranger cluster #{} opened under rule {}: unknown face at {} (passage {})", alert.id(),
                    rule.id(), passage.deviceId(), passage.id());
        }
        publish(rule, alert, cl.deviceId, passage);
        return Optional.of(alert);
    }

    /** The first enabled rule whose zone, days and window hold the capture. */
    Optional<StrangerRule> applying(String zoneId, Instant time) {
        ZonedDateTime local = time.atZone(zone.get());
        for (StrangerRule r : rules()) {
            if (r.enabled() && (r.zoneId() == null || r.zoneId().equals(zoneId)) && holds(r, local)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Whether a local time is inside a rule's window on one of its days (an overnight window's day is its start). */
    boolean holds(StrangerRule r, ZonedDateTime local) {
        return DayWindows.holds(r.days(), r.from(), r.to(), local.toLocalDateTime(), schoolDay);
    }

    /** Size times sharpness: the larger and sharper face makes the better snapshot. */
    static long quality(FaceQuality q) {
        if (q == null) {
            return 0;
        }
        return Math.round((double) Math.max(1, q.faceSize()) * (q.sharpness() > 0 ? q.sharpness() : 1));
    }

    private static long insert(java.sql.Connection c, Cluster cl) throws SQLException {
        try (PreparedStatement ps = Db.bind(c.prepareStatement("INSERT INTO STRANGER_ALERTS (RULE_ID, ZONE_ID,"
                        + " DEVICE_ID, CNT, FIRST_MS, LAST_MS, BEST_PASSAGE, BEST_QUALITY) VALUES (?,?,?,?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS), cl.ruleId, cl.zoneId, cl.deviceId, cl.count, cl.first, cl.last,
                0L, cl.bestQuality)) {
            if (cl.bestPassage == null) {
                ps.setNull(7, java.sql.Types.BIGINT);
            } else {
                ps.setLong(7, cl.bestPassage);
            }
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    /** Publishes one capture of a cluster; a refusal of the spine is logged, the cluster stays. */
    private void publish(StrangerRule rule, StrangerAlert a, String deviceId, Passage p) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put(AlarmService.SOURCE_ATTRIBUTE, Long.toString(a.id()));
        attrs.put("ruleId", rule.id());
        attrs.put("clusterId", Long.toString(a.id()));
        attrs.put("count", Integer.toString(a.count()));
        attrs.put("passageId", Long.toString(p.id()));
        attrs.put("captureDevice", p.deviceId());
        String snapshot = a.bestPassage() == null ? null : "passages/" + a.bestPassage() + "/snapshot";
        try {
            events.ingest(new SecurityEvent("stranger-" + a.id() + "-" + p.id(), p.time(), null, deviceId, a.zoneId(),
                    EVENT_ALERT, rule.severity(), attrs, snapshot, null));
        } catch (GatehouseException e) {
            LOG.warn("Stranger cluster #{}: the alert of passage {} was refused: {} {}", a.id(), p.id(), e.code(),
                    e.getMessage());
        }
    }

    /**
     * Remembers the alarm of a cluster when the alarm service raises it (an {@link AlarmService.AlarmListener}): the
     * alarm's source key ends in {@code /stranger.alert/<cluster>}.
     */
    public void alarmChanged(AlarmService.Transition t, Alarm alarm) {
        if (t != AlarmService.Transition.RAISED || !EVENT_ALERT.equals(alarm.type()) || alarm.sourceKey() == null) {
            return;
        }
        String key = alarm.sourceKey();
        int slash = key.lastIndexOf('/');
        long clusterId;
        try {
            clusterId = Long.parseLong(key.substring(slash + 1));
        } catch (NumberFormatException e) {
            return;
        }
        int n = db.tx(c -> Db.update(c, "UPDATE STRANGER_ALERTS SET ALARM_ID = ? WHERE ID = ?", alarm.id(),
                clusterId));
        synchronized (open) {
            Cluster cl = open.get(clusterId);
            if (cl != null) {
                cl.alarmId = alarm.id();
            }
        }
        if (n > 0) {
            LOG.debug("Stranger cluster #{} raised alarm #{}", clusterId, alarm.id());
        }
    }

    @Override
    public Page<StrangerAlert> alerts(int offset, int limit) {
        int lim = Limits.pageSize(limit);
        int off = Limits.offset(offset);
        return db.tx(c -> new Page<>(Db.list(c, "SELECT * FROM STRANGER_ALERTS ORDER BY LAST_MS DESC, ID DESC"
                        + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", StrangerServiceImpl::mapAlert, off, lim),
                Db.count(c, "SELECT COUNT(*) FROM STRANGER_ALERTS"), off, lim));
    }

    /** Open clusters in memory (for the benchmark and the tests). */
    public int openClusters() {
        synchronized (open) {
            return open.size();
        }
    }

    // ---- helpers ----

    private static String describe(StrangerRule r) {
        return (r.zoneId() == null ? "*" : r.zoneId()) + " " + r.days() + " " + HM.format(r.from()) + "-"
                + HM.format(r.to()) + " " + r.severity() + " fold " + r.foldMinutes() + "m"
                + (r.enabled() ? "" : " disabled");
    }

    private static String actor(String actor) {
        return actor == null || actor.isBlank() ? "system" : actor;
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    static StrangerRule mapRule(ResultSet rs) throws SQLException {
        return new StrangerRule(rs.getString("ID"), rs.getString("NAME"), rs.getString("ZONE_ID"),
                rs.getString("DAYS"), LocalTime.parse(rs.getString("FROM_HM")), LocalTime.parse(rs.getString("TO_HM")),
                Severity.valueOf(rs.getString("SEVERITY")), rs.getInt("FOLD_MINUTES"), rs.getShort("ENABLED") != 0);
    }

    static StrangerAlert mapAlert(ResultSet rs) throws SQLException {
        return new StrangerAlert(rs.getLong("ID"), rs.getString("RULE_ID"), rs.getString("ZONE_ID"), rs.getInt("CNT"),
                Instant.ofEpochMilli(rs.getLong("FIRST_MS")), Instant.ofEpochMilli(rs.getLong("LAST_MS")),
                Db.nullableLong(rs, "BEST_PASSAGE"), Db.nullableLong(rs, "ALARM_ID"));
    }
}
