package org.gatehouse.core.internal.danger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.gatehouse.api.Device;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.danger.DangerKind;
import org.gatehouse.api.danger.DangerZoneRule;
import org.gatehouse.api.danger.DangerZoneService;
import org.gatehouse.api.danger.PresenceEvents;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.audit.AuditTrail;
import org.gatehouse.core.internal.schedule.DayWindows;
import org.gatehouse.core.internal.store.CachedList;
import org.gatehouse.core.internal.store.Db;
import org.osgi.annotation.bundle.Capability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Danger zones: one rule per DANGER zone in table DANGER_ZONE_RULES, the warnings raised in DANGER_WARNINGS.
 *
 * <p>The service follows {@link PresenceEvents#PRESENCE} on the spine. A presence belongs to the event's zone (the
 * spine fills in its device's zone), or, when that zone has no rule, to the rule that lists the sensing device among
 * its cameras. A presence under an enabled rule is allowed when its person is one of the rule's allowed persons or
 * when the local time (the zone's site's time zone) is inside one of the allowed windows ({@link DayWindows}: the
 * stranger rules' days and overnight windows). Anything else is a {@link PresenceEvents#WARNING} event, id
 * {@code danger-<presence id>} (a redelivered presence raises nothing new), unless a warning of the same zone was
 * raised less than the rule's {@code foldMinutes} before (then the presence folds into it; the alarm service folds
 * on the source {@code danger-<zone>} as well). Rule changes are audited.
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.danger.DangerZoneService")
public final class DangerZoneServiceImpl implements DangerZoneService {
    private static final Logger LOG = LoggerFactory.getLogger(DangerZoneServiceImpl.class);
    /** Prefix of a warning's id (then the presence id) and of its {@code alarm.source} (then the zone id). */
    public static final String PREFIX = "danger-";
    /** Warning attribute: the presence event that raised it. */
    public static final String ATTR_PRESENCE = "presenceId";
    static final int DEFAULT_FOLD = 10;
    static final int MAX_FOLD = 1440;
    static final int MAX_WINDOWS = 20;
    static final int MAX_PERSONS = 50;
    static final int MAX_CAMERAS = 20;
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final String CAMERA = "camera";

    private final Db db;
    private final AuditTrail audit;
    private final SiteService sites;
    private final PersonService persons;
    private final EventService events;
    private final Predicate<LocalDate> schoolDay;
    private final Supplier<ZoneId> fallbackZone;
    /** Serialises the fold decision and the warning it leads to. */
    private final Object foldLock = new Object();
    /** The rules in zone order, read once after each change. */
    private final CachedList<DangerZoneRule> rules;
    private volatile AutoCloseable subscription;

    /**
     * @param schoolDay    the school days of the calendar ({@link DayWindows#schoolDays})
     * @param fallbackZone time zone of the allowed windows when the zone's site has none that parses
     */
    public DangerZoneServiceImpl(Db db, AuditTrail audit, SiteService sites, PersonService persons,
                                 EventService events, Predicate<LocalDate> schoolDay,
                                 Supplier<ZoneId> fallbackZone) {
        this.db = db;
        this.rules = new CachedList<>(() -> db.tx(c -> Db.list(c,
                "SELECT * FROM DANGER_ZONE_RULES ORDER BY ZONE_ID", DangerZoneServiceImpl::map)));
        this.audit = audit;
        this.sites = sites;
        this.persons = persons;
        this.events = events;
        this.schoolDay = schoolDay;
        this.fallbackZone = fallbackZone;
    }

    /** Follows the presences: subscribes to {@value PresenceEvents#PRESENCE} on the spine. */
    public synchronized void start() {
        if (subscription == null) {
            // the core's own subscription: the spine's start waits for the routes, not for this one
            subscription = events instanceof org.gatehouse.core.internal.spine.EventServiceImpl spine
                    ? spine.subscribeInternal(PresenceEvents.PRESENCE, this::presence)
                    : events.subscribe(PresenceEvents.PRESENCE, this::presence);
        }
    }

    public synchronized void stop() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("Closing the presence subscription: {}", e.toString());
            }
            subscription = null;
        }
    }

    private void presence(SecurityEvent e) {
        try {
            evaluate(e);
        } catch (GatehouseException ex) {
            LOG.warn("Presence {} at {}: no danger-zone decision: {} {}", e.id(), e.deviceId(), ex.code(),
                    ex.getMessage());
        }
    }

    // ---------------------------------------------------------------- rules

    @Override
    public List<DangerZoneRule> rules() {
        return rules.get();
    }

    @Override
    public Optional<DangerZoneRule> rule(String zoneId) {
        return rules().stream().filter(r -> r.zoneId().equals(zoneId)).findFirst();
    }

    @Override
    public DangerZoneRule save(DangerZoneRule rule, String actor) {
        DangerZoneRule r = checked(Limits.body(rule, "a danger-zone rule"));
        String who = actor(actor);
        db.tx(c -> {
            Object[] values = {r.kind().name(), allowedText(r.allowed()), String.join(",", r.allowedPersons()),
                String.join(",", r.cameraIds()), r.severity().name(), r.foldMinutes(), r.enabled(),
                System.currentTimeMillis(), r.zoneId()};
            if (Db.update(c, "UPDATE DANGER_ZONE_RULES SET KIND = ?, ALLOWED = ?, ALLOWED_PERSONS = ?, CAMERA_IDS = ?,"
                    + " SEVERITY = ?, FOLD_MINUTES = ?, ENABLED = ?, UPDATED_MS = ? WHERE ZONE_ID = ?", values) == 0) {
                Db.update(c, "INSERT INTO DANGER_ZONE_RULES (KIND, ALLOWED, ALLOWED_PERSONS, CAMERA_IDS, SEVERITY,"
                        + " FOLD_MINUTES, ENABLED, UPDATED_MS, ZONE_ID) VALUES (?,?,?,?,?,?,?,?,?)", values);
            }
            audit.record(c, who, "danger-zone-save", "danger-zone", r.zoneId(), describe(r));
            return null;
        });
        forgetRules();
        LOG.info("Danger zone rule of {} saved by {}: {}", r.zoneId(), who, describe(r));
        return r;
    }

    @Override
    public void delete(String zoneId, String actor) {
        String who = actor(actor);
        String id = Limits.id("zoneId", zoneId);
        db.tx(c -> {
            if (Db.update(c, "DELETE FROM DANGER_ZONE_RULES WHERE ZONE_ID = ?", id) == 0) {
                throw noRule(id);
            }
            audit.record(c, who, "danger-zone-delete", "danger-zone", id, null);
            return null;
        });
        forgetRules();
        LOG.info("Danger zone rule of {} deleted by {}", id, who);
    }

    /** @return NOT_FOUND {@code unknown-zone} for a zone that does not exist, else {@code no-rule} */
    GatehouseException noRule(String zoneId) {
        if (sites.zone(zoneId).isEmpty()) {
            return GatehouseException.notFound("unknown-zone", "zone '" + clip(zoneId) + "' does not exist");
        }
        return GatehouseException.notFound("no-rule", "zone '" + zoneId + "' has no danger-zone rule");
    }

    private void forgetRules() {
        rules.forget();
    }

    /** Validates a rule and fills in the defaults (severity MAJOR, fold 10 min); lists without repeats. */
    private DangerZoneRule checked(DangerZoneRule r) {
        String zoneId = Limits.id("zoneId", r.zoneId() == null ? null : r.zoneId().strip());
        Zone zone = sites.zone(zoneId).orElseThrow(() -> GatehouseException.notFound("unknown-zone",
                "zone '" + clip(zoneId) + "' does not exist"));
        if (zone.kind() != ZoneKind.DANGER) {
            throw GatehouseException.invalid("not-danger-zone", "zone '" + zoneId + "' is a " + zone.kind()
                    + " zone; danger-zone rules are for zones of kind DANGER");
        }
        if (r.kind() == null) {
            throw GatehouseException.invalid("bad-kind", "kind is required: one of WATER, LAB, CHEMICAL_STORE,"
                    + " CONSTRUCTION");
        }
        if (r.allowed().size() > MAX_WINDOWS) {
            throw GatehouseException.invalid("bad-window", "at most " + MAX_WINDOWS + " allowed windows");
        }
        List<DangerZoneRule.Window> allowed = new ArrayList<>();
        for (DangerZoneRule.Window w : r.allowed()) {
            allowed.add(window(w));
        }
        List<String> people = ids("allowedPersons", r.allowedPersons(), MAX_PERSONS);
        for (String p : people) {
            if (persons.person(p, null).isEmpty()) {
                throw GatehouseException.notFound("unknown-person", "person '" + p + "' does not exist");
            }
        }
        List<String> cameras = ids("cameraIds", r.cameraIds(), MAX_CAMERAS);
        for (String d : cameras) {
            if (sites.device(d).isEmpty()) {
                throw GatehouseException.notFound("unknown-device", "device '" + d + "' is not registered");
            }
        }
        int fold = r.foldMinutes() == 0 ? DEFAULT_FOLD : r.foldMinutes();
        if (fold < 1 || fold > MAX_FOLD) {
            throw GatehouseException.invalid("bad-fold", "foldMinutes must be between 1 and " + MAX_FOLD + ", not "
                    + r.foldMinutes());
        }
        return new DangerZoneRule(zoneId, r.kind(), allowed, people, cameras,
                r.severity() == null ? Severity.MAJOR : r.severity(), fold, r.enabled());
    }

    private static DangerZoneRule.Window window(DangerZoneRule.Window w) {
        if (w == null) {
            throw GatehouseException.invalid("bad-window", "an allowed window is empty");
        }
        String days;
        try {
            days = DayWindows.days(w.days());
        } catch (GatehouseException e) {
            throw GatehouseException.invalid("bad-window", e.getMessage());
        }
        DayWindows.checkWindow(w.from(), w.to());
        return new DangerZoneRule.Window(days, w.from(), w.to());
    }

    private static List<String> ids(String field, List<String> ids, int max) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            out.add(Limits.id(field, id == null ? null : id.strip()));
        }
        if (out.size() > max) {
            throw GatehouseException.invalid("bad-" + field, "at most " + max + " " + field);
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- presences

    @Override
    public Optional<SecurityEvent> evaluate(SecurityEvent presence) {
        if (presence == null || !PresenceEvents.PRESENCE.equals(presence.type()) || presence.isRestore()) {
            return Optional.empty();
        }
        Device device = presence.deviceId() == null ? null : sites.device(presence.deviceId()).orElse(null);
        String zoneId = presence.zoneId() != null ? presence.zoneId() : device == null ? null : device.zoneId();
        DangerZoneRule rule = zoneId == null ? null : rule(zoneId).orElse(null);
        if (rule == null && device != null) {
            rule = rules().stream().filter(r -> r.cameraIds().contains(device.id())).findFirst().orElse(null);
        }
        if (rule == null || !rule.enabled()) {
            return Optional.empty();
        }
        Zone zone = sites.zone(rule.zoneId()).orElse(null);
        if (zone == null || zone.kind() != ZoneKind.DANGER) {
            return Optional.empty();
        }
        Instant at = presence.time() == null ? Instant.now() : presence.time();
        String allowedBy = allowedBy(rule, zone, presence.personId(), at);
        if (allowedBy != null) {
            LOG.debug("Presence {} in danger zone {} allowed: {}", presence.id(), rule.zoneId(), allowedBy);
            return Optional.empty();
        }
        SecurityEvent warning = warning(rule, device, presence, at);
        DangerZoneRule r = rule;
        synchronized (foldLock) {
            long t = at.toEpochMilli();
            long fold = r.foldMinutes() * 60_000L;
            int seen = db.tx(c -> {
                if (Db.count(c, "SELECT COUNT(*) FROM DANGER_WARNINGS WHERE EVENT_ID = ?", warning.id()) > 0) {
                    return 2; // this presence raised its warning already
                }
                return Db.count(c, "SELECT COUNT(*) FROM DANGER_WARNINGS WHERE ZONE_ID = ? AND AT_MS > ?"
                        + " AND AT_MS < ?", r.zoneId(), t - fold, t + fold) > 0 ? 1 : 0;
            });
            if (seen == 2) {
                return Optional.of(warning);
            }
            if (seen == 1) {
                LOG.debug("Presence {} in danger zone {} folds into a warning of the last {} minutes", presence.id(),
                        r.zoneId(), r.foldMinutes());
                return Optional.empty();
            }
            events.ingest(warning); // stored before the fold row: a refusal leaves no trace to fold into
            db.tx(c -> Db.update(c, "INSERT INTO DANGER_WARNINGS (EVENT_ID, PRESENCE_ID, ZONE_ID, DEVICE_ID, AT_MS)"
                    + " VALUES (?,?,?,?,?)", warning.id(), clipId(presence.id()), r.zoneId(), warning.deviceId(),
                    at.toEpochMilli()));
        }
        LOG.info("Danger zone {} ({}): presence {} at {} ({}) is not allowed now: warning {} ({})", r.zoneId(),
                r.kind(), presence.id(), warning.deviceId(), warning.attributes().get(PresenceEvents.ATTR_SENSOR),
                warning.id(), r.severity());
        return Optional.of(warning);
    }

    /** @return why a presence is allowed (the person, the window), null when it is not */
    private String allowedBy(DangerZoneRule rule, Zone zone, String personId, Instant at) {
        if (personId != null && rule.allowedPersons().contains(personId)) {
            return "person " + personId;
        }
        LocalDateTime local = LocalDateTime.ofInstant(at, timeZone(zone));
        for (DangerZoneRule.Window w : rule.allowed()) {
            if (DayWindows.holds(w.days(), w.from(), w.to(), local, schoolDay)) {
                return "window " + windowText(w);
            }
        }
        return null;
    }

    private ZoneId timeZone(Zone zone) {
        Optional<Site> site = sites.site(zone.siteId());
        if (site.isPresent() && site.get().timezone() != null) {
            try {
                return ZoneId.of(site.get().timezone());
            } catch (DateTimeException e) {
                LOG.debug("Site {} has no valid time zone: {}", zone.siteId(), e.getMessage());
            }
        }
        return fallbackZone.get();
    }

    /** The warning event of a presence: device the sensor, the rule's zone and severity. */
    private static SecurityEvent warning(DangerZoneRule rule, Device device, SecurityEvent presence, Instant at) {
        Map<String, String> a = presence.attributes();
        boolean camera = device != null && CAMERA.equals(device.type());
        String sensor = a.get(PresenceEvents.ATTR_SENSOR);
        if (sensor == null || sensor.isBlank()) {
            sensor = device == null ? "" : device.type();
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put(PresenceEvents.ATTR_KIND, rule.kind().name());
        // the camera that saw the person gives the live view; else the zone's first camera
        String liveCamera = camera ? device.id() : rule.cameraIds().isEmpty() ? null : rule.cameraIds().get(0);
        if (liveCamera != null) {
            attrs.put(PresenceEvents.ATTR_CAMERA, liveCamera);
        }
        attrs.put(PresenceEvents.ATTR_SENSOR, sensor);
        if (a.get(PresenceEvents.ATTR_PERSONS) != null) {
            attrs.put(PresenceEvents.ATTR_PERSONS, a.get(PresenceEvents.ATTR_PERSONS));
        }
        if (a.get(PresenceEvents.ATTR_SCORE) != null) {
            attrs.put(PresenceEvents.ATTR_SCORE, a.get(PresenceEvents.ATTR_SCORE));
        }
        attrs.put(AlarmService.SOURCE_ATTRIBUTE, PREFIX + rule.zoneId());
        String presenceId = presence.id() == null ? UUID.randomUUID().toString() : presence.id();
        attrs.put(ATTR_PRESENCE, clipId(presenceId));
        return new SecurityEvent(warningId(presenceId), at, null, presence.deviceId(), rule.zoneId(),
                PresenceEvents.WARNING, rule.severity(), attrs, presence.snapshotRef(), presence.personId());
    }

    /** {@code danger-<presence id>}, or a digest of it when that would be longer than an event id may be. */
    static String warningId(String presenceId) {
        String id = PREFIX + presenceId;
        if (id.length() <= 128) {
            return id;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(presenceId.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clipId(String id) {
        return id.length() > 128 ? id.substring(0, 128) : id;
    }

    // ---------------------------------------------------------------- helpers

    /** {@code school 08:00-17:00;MON,TUE 18:00-06:00}, as stored. */
    static String allowedText(List<DangerZoneRule.Window> allowed) {
        return String.join(";", allowed.stream().map(DangerZoneServiceImpl::windowText).toList());
    }

    static String windowText(DangerZoneRule.Window w) {
        return w.days() + " " + HM.format(w.from()) + "-" + HM.format(w.to());
    }

    static List<DangerZoneRule.Window> parseAllowed(String text) {
        List<DangerZoneRule.Window> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String w : text.split(";")) {
            String[] p = w.strip().split(" ");
            String[] t = p[1].split("-");
            try {
                out.add(new DangerZoneRule.Window(p[0], LocalTime.parse(t[0], HM), LocalTime.parse(t[1], HM)));
            } catch (DateTimeParseException e) {
                throw new IllegalStateException("stored danger-zone window '" + w + "' does not parse", e);
            }
        }
        return out;
    }

    private static List<String> list(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.split(","));
    }

    static String describe(DangerZoneRule r) {
        return r.kind() + " allowed " + (r.allowed().isEmpty() ? "never" : allowedText(r.allowed()))
                + (r.allowedPersons().isEmpty() ? "" : " persons " + String.join(",", r.allowedPersons()))
                + (r.cameraIds().isEmpty() ? "" : " cameras " + String.join(",", r.cameraIds())) + " "
                + r.severity() + " fold " + r.foldMinutes() + "m" + (r.enabled() ? "" : " disabled");
    }

    private static String actor(String actor) {
        return actor == null || actor.isBlank() ? "system" : actor;
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    static DangerZoneRule map(ResultSet rs) throws SQLException {
        return new DangerZoneRule(rs.getString("ZONE_ID"), DangerKind.valueOf(rs.getString("KIND")),
                parseAllowed(rs.getString("ALLOWED")), list(rs.getString("ALLOWED_PERSONS")),
                list(rs.getString("CAMERA_IDS")), Severity.valueOf(rs.getString("SEVERITY")),
                rs.getInt("FOLD_MINUTES"), rs.getShort("ENABLED") != 0);
    }
}
