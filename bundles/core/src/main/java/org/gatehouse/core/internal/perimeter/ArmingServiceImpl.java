package org.gatehouse.core.internal.perimeter;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.gatehouse.api.Device;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.access.AttendanceService;
import org.gatehouse.api.perimeter.ArmingSchedule;
import org.gatehouse.api.perimeter.ArmingService;
import org.gatehouse.api.perimeter.FenceEvents;
import org.gatehouse.api.perimeter.ZoneArming;
import org.gatehouse.api.perimeter.ZoneBypass;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.audit.AuditTrail;
import org.gatehouse.core.internal.schedule.DayWindows;
import org.gatehouse.core.internal.store.Db;
import org.osgi.annotation.bundle.Capability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Arming of the perimeter zones in tables PERIMETER_SCHEDULES, PERIMETER_MANUAL, PERIMETER_BYPASSES and
 * PERIMETER_STATE.
 *
 * <p>A zone's state now: a manual state (by hand) until its {@code until}, or, without one, until the schedule next
 * changes the state (for ever when the zone has no schedule); else its schedule (windows in the site's time zone,
 * school days from the attendance calendar); else the zone's own armed flag. A bypass is separate: an armed zone
 * under a bypass records intrusions without alarming. Arming or disarming by hand without a schedule and without an
 * end also sets the zone's armed flag. {@link #check(Instant)} (every 30 s) ends expired bypasses and manual states
 * and announces a change of state the schedule (or an ending manual state) made.
 *
 * <p>Every change is audited (subject {@code zone}) and published on the spine as {@code zone.armed},
 * {@code zone.disarmed}, {@code zone.bypassed} or {@code zone.bypass.ended} (INFO, zone set, attribute {@code source}
 * schedule|manual|fixed|bypass). The spine needs a registered device: the event names the zone's fence controller
 * (else any device of the zone, else of its site); without any device it is skipped with a warning, the change stays.
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.perimeter.ArmingService")
public final class ArmingServiceImpl implements ArmingService {
    private static final Logger LOG = LoggerFactory.getLogger(ArmingServiceImpl.class);
    public static final String SCHEDULE = "schedule";
    public static final String MANUAL = "manual";
    public static final String FIXED = "fixed";
    public static final String BYPASS = "bypass";
    public static final String EVENT_ARMED = "zone.armed";
    public static final String EVENT_DISARMED = "zone.disarmed";
    public static final String EVENT_BYPASSED = "zone.bypassed";
    public static final String EVENT_BYPASS_ENDED = "zone.bypass.ended";
    /** Default of {@code perimeter.bypass.max.hours}. */
    public static final int DEFAULT_BYPASS_MAX_HOURS = 72;
    /** How far ahead the next change of a schedule is looked for. */
    static final int HORIZON_DAYS = 92;
    static final int MAX_WINDOWS = 20;
    static final int MAX_REASON = 500;
    /** Farthest end of a manual state. */
    static final Duration MAX_MANUAL = Duration.ofDays(366);
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final String SYSTEM = "system";

    private final Db db;
    private final AuditTrail audit;
    private final SiteService sites;
    private final EventService events;
    private final Predicate<LocalDate> schoolDay;
    private final Supplier<ZoneId> defaultZone;
    private final Object lock = new Object();
    private volatile Clock clock = Clock.systemUTC();
    private volatile int bypassMaxHours = DEFAULT_BYPASS_MAX_HOURS;

    /**
     * @param calendar    school days (absent: weekdays are school days)
     * @param defaultZone the time zone of a zone whose site has none
     */
    public ArmingServiceImpl(Db db, AuditTrail audit, SiteService sites, EventService events,
                             Supplier<AttendanceService> calendar, Supplier<ZoneId> defaultZone) {
        this.db = db;
        this.audit = audit;
        this.sites = sites;
        this.events = events;
        this.schoolDay = DayWindows.schoolDays(calendar);
        this.defaultZone = defaultZone;
    }

    /** Sets {@code perimeter.bypass.max.hours} (1..8760). */
    public void configure(int bypassMaxHours) {
        if (bypassMaxHours < 1 || bypassMaxHours > 8760) {
            throw new IllegalArgumentException("perimeter.bypass.max.hours must be between 1 and 8760, not "
                    + bypassMaxHours);
        }
        this.bypassMaxHours = bypassMaxHours;
    }

    public int bypassMaxHours() {
        return bypassMaxHours;
    }

    /** For tests: the clock of "now". */
    public void clock(Clock c) {
        this.clock = c;
    }

    // ---------------------------------------------------------------- reading

    @Override
    public List<ZoneArming> zones() {
        Instant now = clock.instant();
        List<ZoneArming> out = new ArrayList<>();
        for (Zone z : sites.zones(null)) {
            if (z.kind() == ZoneKind.PERIMETER) {
                out.add(view(z, load(z.id()), now, true));
            }
        }
        return out;
    }

    @Override
    public ZoneArming zone(String zoneId) {
        Zone z = perimeter(zoneId);
        return view(z, load(z.id()), clock.instant(), true);
    }

    @Override
    public boolean alarms(SecurityEvent event) {
        if (event == null || event.type() == null || FenceEvents.ALWAYS_ALARM.contains(event.type())
                || !FenceEvents.ARMED_ONLY.contains(event.type())) {
            return true;
        }
        String zoneId = event.zoneId() != null ? event.zoneId()
                : event.deviceId() == null ? null : sites.device(event.deviceId()).map(Device::zoneId).orElse(null);
        Optional<Zone> z = zoneId == null ? Optional.empty() : sites.zone(zoneId);
        if (z.isEmpty() || z.get().kind() != ZoneKind.PERIMETER) {
            return true;
        }
        // the arming when the event is handled (a manual state or a bypass keeps no history to look back into)
        return view(z.get(), load(zoneId), clock.instant(), false).alarming();
    }

    // ---------------------------------------------------------------- changes

    @Override
    public ZoneArming arm(String zoneId, boolean armed, Instant until, String reason, String actor) {
        Zone z = perimeter(zoneId);
        String who = actor(actor);
        String why = reason(reason, !armed);
        Instant now = clock.instant();
        if (until != null && (!until.isAfter(now) || until.isAfter(now.plus(MAX_MANUAL)))) {
            throw GatehouseException.invalid("bad-until", "until must be in the future and at most "
                    + MAX_MANUAL.toDays() + " days ahead, not " + until);
        }
        ZoneArming after;
        synchronized (lock) {
            Stored before = load(z.id());
            Boolean scheduled = scheduled(before.schedule, z, now);
            db.tx(c -> {
                Db.update(c, "DELETE FROM PERIMETER_MANUAL WHERE ZONE_ID = ?", z.id());
                Db.update(c, "INSERT INTO PERIMETER_MANUAL (ZONE_ID, ARMED, UNTIL_MS, SCHEDULE_ARMED, REASON, SET_BY,"
                                + " SET_MS) VALUES (?,?,?,?,?,?,?)", z.id(), armed,
                        until == null ? null : until.toEpochMilli(), scheduled, why, who, now.toEpochMilli());
                state(c, z.id(), armed, MANUAL, now);
                audit.record(c, who, armed ? "zone-arm" : "zone-disarm", "zone", z.id(),
                        (until == null ? scheduled == null ? "until changed" : "until the schedule next changes"
                                : "until " + until) + (why == null ? "" : ": " + why));
                return null;
            });
            if (scheduled == null && until == null && z.armed() != armed) {
                // no schedule and no end: the zone's own flag follows, so the state is the same without this row
                sites.saveZone(new Zone(z.id(), z.siteId(), z.name(), z.kind(), armed, z.responsibleStaff()), who);
            }
            after = view(sites.zone(z.id()).orElse(z), load(z.id()), now, true);
        }
        LOG.info("Perimeter zone {} {} by {} ({}){}", z.id(), armed ? "armed" : "disarmed", who,
                until == null ? "no end" : "until " + until, why == null ? "" : ": " + why);
        Map<String, String> attrs = attributes(MANUAL, who, why);
        if (until != null) {
            attrs.put("until", until.toString());
        }
        publish(z, armed ? EVENT_ARMED : EVENT_DISARMED, attrs, now);
        return after;
    }

    @Override
    public ZoneArming bypass(String zoneId, String reason, Instant until, String actor) {
        Zone z = perimeter(zoneId);
        String who = actor(actor);
        String why = reason(reason, true);
        Instant now = clock.instant();
        Instant max = now.plus(Duration.ofHours(bypassMaxHours));
        if (until == null || !until.isAfter(now) || until.isAfter(max)) {
            throw GatehouseException.invalid("bad-until", "a bypass needs an end in the future, at most "
                    + bypassMaxHours + " h ahead (perimeter.bypass.max.hours), not " + until);
        }
        ZoneArming after;
        synchronized (lock) {
            db.tx(c -> {
                Optional<ZoneBypass> active = activeBypass(c, z.id());
                if (active.isPresent()) { // a new bypass replaces the running one: new reason and end
                    Db.update(c, "UPDATE PERIMETER_BYPASSES SET REASON = ?, SET_BY = ?, UNTIL_MS = ? WHERE ZONE_ID = ?"
                            + " AND ENDED_MS IS NULL", why, who, until.toEpochMilli(), z.id());
                } else {
                    Db.update(c, "INSERT INTO PERIMETER_BYPASSES (ZONE_ID, REASON, SET_BY, FROM_MS, UNTIL_MS) VALUES"
                            + " (?,?,?,?,?)", z.id(), why, who, now.toEpochMilli(), until.toEpochMilli());
                }
                audit.record(c, who, "zone-bypass", "zone", z.id(), "until " + until + ": " + why);
                return null;
            });
            after = view(z, load(z.id()), now, true);
        }
        LOG.info("Perimeter zone {} bypassed by {} until {}: {}", z.id(), who, until, why);
        Map<String, String> attrs = attributes(BYPASS, who, why);
        attrs.put("until", until.toString());
        publish(z, EVENT_BYPASSED, attrs, now);
        return after;
    }

    @Override
    public ZoneArming endBypass(String zoneId, String actor) {
        Zone z = perimeter(zoneId);
        String who = actor(actor);
        Instant now = clock.instant();
        synchronized (lock) {
            endBypass(z, who, now, "ended");
            return view(z, load(z.id()), now, true);
        }
    }

    /** Ends the zone's bypass if it has one: audited and published. */
    private void endBypass(Zone z, String who, Instant now, String how) {
        Optional<ZoneBypass> ended = db.tx(c -> {
            Optional<ZoneBypass> active = activeBypass(c, z.id());
            if (active.isPresent()) {
                Db.update(c, "UPDATE PERIMETER_BYPASSES SET ENDED_MS = ?, ENDED_BY = ? WHERE ZONE_ID = ? AND"
                        + " ENDED_MS IS NULL", now.toEpochMilli(), who, z.id());
                audit.record(c, who, "zone-bypass-end", "zone", z.id(), how + ": " + active.get().reason());
            }
            return active;
        });
        if (ended.isPresent()) {
            LOG.info("Perimeter zone {}: bypass {} ({})", z.id(), how, who);
            Map<String, String> attrs = attributes(BYPASS, who, ended.get().reason());
            attrs.put("ended", how);
            publish(z, EVENT_BYPASS_ENDED, attrs, now);
        }
    }

    @Override
    public ZoneArming schedule(String zoneId, ArmingSchedule schedule, String actor) {
        Zone z = perimeter(zoneId);
        String who = actor(actor);
        ArmingSchedule s = checked(schedule);
        Instant now = clock.instant();
        synchronized (lock) {
            Boolean scheduled = scheduled(s, z, now);
            db.tx(c -> {
                Db.update(c, "DELETE FROM PERIMETER_SCHEDULES WHERE ZONE_ID = ?", z.id());
                int pos = 0;
                for (ArmingSchedule.Window w : s.windows()) {
                    Db.update(c, "INSERT INTO PERIMETER_SCHEDULES (ZONE_ID, POS, DAYS, FROM_HM, TO_HM) VALUES"
                            + " (?,?,?,?,?)", z.id(), pos++, w.days(), HM.format(w.from()), HM.format(w.to()));
                }
                // a manual state "until the schedule next changes" now waits for the new schedule's next change
                Db.update(c, "UPDATE PERIMETER_MANUAL SET SCHEDULE_ARMED = ? WHERE ZONE_ID = ? AND UNTIL_MS IS NULL",
                        scheduled, z.id());
                audit.record(c, who, "zone-schedule", "zone", z.id(), describe(s));
                return null;
            });
            LOG.info("Perimeter zone {}: schedule set by {}: {}", z.id(), who, describe(s));
            check(z, now); // a state the new schedule changes is announced at once
            return view(z, load(z.id()), now, true);
        }
    }

    // ---------------------------------------------------------------- the ticker

    /** What one {@link #check} did. */
    public record CheckRun(int changed, int manualEnded, int bypassesEnded) {
    }

    /**
     * Ends the bypasses and manual states that expired and announces every change of state (schedule, or a manual
     * state that ended). Run every 30 s by the core; a zone that fails is logged and the others go on.
     */
    public CheckRun check(Instant now) {
        int changed = 0;
        int manual = 0;
        int bypasses = 0;
        for (Zone z : sites.zones(null)) {
            if (z.kind() != ZoneKind.PERIMETER) {
                continue;
            }
            try {
                synchronized (lock) {
                    CheckRun r = check(z, now);
                    changed += r.changed();
                    manual += r.manualEnded();
                    bypasses += r.bypassesEnded();
                }
            } catch (RuntimeException e) {
                LOG.warn("Perimeter zone {}: arming check failed: {}", z.id(), e.getMessage());
            }
        }
        return new CheckRun(changed, manual, bypasses);
    }

    private CheckRun check(Zone z, Instant now) {
        Stored s = load(z.id());
        int bypasses = 0;
        int manual = 0;
        if (s.bypass != null && !now.isBefore(s.bypass.until())) {
            endBypass(z, SYSTEM, now, "expired");
            bypasses++;
        }
        Boolean scheduled = scheduled(s.schedule, z, now);
        if (s.manual != null && expired(s.manual, scheduled, now)) {
            db.tx(c -> {
                Db.update(c, "DELETE FROM PERIMETER_MANUAL WHERE ZONE_ID = ?", z.id());
                audit.record(c, SYSTEM, "zone-manual-end", "zone", z.id(), (s.manual.armed() ? "armed" : "disarmed")
                        + " by " + s.manual.by() + (s.manual.until() == null ? " until the schedule changed"
                        : " until " + s.manual.until()));
                return null;
            });
            LOG.info("Perimeter zone {}: {} by hand ({}) ended", z.id(), s.manual.armed() ? "armed" : "disarmed",
                    s.manual.by());
            manual++;
        }
        ZoneArming a = view(z, load(z.id()), now, false);
        if (s.state != null && s.state.armed() == a.armed()) {
            return new CheckRun(0, manual, bypasses);
        }
        db.tx(c -> {
            state(c, z.id(), a.armed(), a.source(), now);
            if (s.state != null) {
                audit.record(c, SYSTEM, a.armed() ? "zone-armed" : "zone-disarmed", "zone", z.id(), "by "
                        + a.source());
            }
            return null;
        });
        if (s.state == null) { // the first look at a zone records its state without announcing it
            return new CheckRun(0, manual, bypasses);
        }
        LOG.info("Perimeter zone {} {} by {}", z.id(), a.armed() ? "armed" : "disarmed",
                FIXED.equals(a.source()) ? "its own armed flag" : "its " + a.source());
        publish(z, a.armed() ? EVENT_ARMED : EVENT_DISARMED, attributes(a.source(), SYSTEM, null), now);
        return new CheckRun(1, manual, bypasses);
    }

    // ---------------------------------------------------------------- the state

    /** The rows of one zone. */
    private record Stored(ArmingSchedule schedule, Manual manual, ZoneBypass bypass, State state) {
    }

    private record Manual(boolean armed, Instant until, Boolean scheduleArmed, String reason, String by, Instant set) {
    }

    private record State(boolean armed, String source, Instant since) {
    }

    private Stored load(String zoneId) {
        return db.tx(c -> new Stored(
                new ArmingSchedule(Db.list(c, "SELECT * FROM PERIMETER_SCHEDULES WHERE ZONE_ID = ? ORDER BY POS",
                        rs -> new ArmingSchedule.Window(rs.getString("DAYS"), LocalTime.parse(rs.getString("FROM_HM")),
                                LocalTime.parse(rs.getString("TO_HM"))), zoneId)),
                Db.one(c, "SELECT * FROM PERIMETER_MANUAL WHERE ZONE_ID = ?", rs -> new Manual(
                        rs.getShort("ARMED") != 0, ms(rs, "UNTIL_MS"), bool(rs, "SCHEDULE_ARMED"),
                        rs.getString("REASON"), rs.getString("SET_BY"), ms(rs, "SET_MS")), zoneId).orElse(null),
                activeBypass(c, zoneId).orElse(null),
                Db.one(c, "SELECT * FROM PERIMETER_STATE WHERE ZONE_ID = ?", rs -> new State(
                        rs.getShort("ARMED") != 0, rs.getString("SOURCE"), ms(rs, "SINCE_MS")), zoneId)
                        .orElse(null)));
    }

    private static Optional<ZoneBypass> activeBypass(Connection c, String zoneId) throws SQLException {
        return Db.one(c, "SELECT * FROM PERIMETER_BYPASSES WHERE ZONE_ID = ? AND ENDED_MS IS NULL ORDER BY ID DESC",
                rs -> new ZoneBypass(rs.getString("ZONE_ID"), rs.getString("REASON"), rs.getString("SET_BY"),
                        ms(rs, "FROM_MS"), ms(rs, "UNTIL_MS")), zoneId);
    }

    private static void state(Connection c, String zoneId, boolean armed, String source, Instant since)
            throws SQLException {
        if (Db.update(c, "UPDATE PERIMETER_STATE SET ARMED = ?, SOURCE = ?, SINCE_MS = ? WHERE ZONE_ID = ?", armed,
                source, since.toEpochMilli(), zoneId) == 0) {
            Db.update(c, "INSERT INTO PERIMETER_STATE (ZONE_ID, ARMED, SOURCE, SINCE_MS) VALUES (?,?,?,?)", zoneId,
                    armed, source, since.toEpochMilli());
        }
    }

    /** The arming of a zone at a time, from its rows. */
    private ZoneArming view(Zone z, Stored s, Instant now, boolean withNextChange) {
        ZoneId tz = timeZone(z);
        Predicate<LocalDate> school = DayWindows.remembering(schoolDay);
        LocalDateTime local = LocalDateTime.ofInstant(now, tz);
        Boolean scheduled = s.schedule.windows().isEmpty() ? null : scheduled(s.schedule, local, school);
        Manual m = s.manual != null && !expired(s.manual, scheduled, now) ? s.manual : null;
        boolean armed;
        String source;
        Instant since = null;
        if (m != null) {
            armed = m.armed();
            source = MANUAL;
            since = m.set();
        } else {
            armed = scheduled != null ? scheduled : z.armed();
            source = scheduled != null ? SCHEDULE : FIXED;
            if (s.state != null && s.state.armed() == armed) {
                since = s.state.since();
            }
        }
        Instant next = withNextChange && scheduled != null ? nextChange(s.schedule, local, tz, school, scheduled)
                : null;
        ZoneBypass bypass = s.bypass != null && now.isBefore(s.bypass.until()) ? s.bypass : null;
        return new ZoneArming(z.id(), z.name(), armed, source, m == null ? null : m.by(), since,
                m == null ? null : m.until(), next, s.schedule, bypass);
    }

    /** A manual state ends at its until, or without one when the schedule's state is no longer the one it had. */
    private static boolean expired(Manual m, Boolean scheduled, Instant now) {
        if (m.until() != null) {
            return !now.isBefore(m.until());
        }
        return m.scheduleArmed() != null && scheduled != null && !m.scheduleArmed().equals(scheduled);
    }

    /** @return the schedule's state at a time, null when the schedule is empty */
    private Boolean scheduled(ArmingSchedule s, Zone z, Instant at) {
        return s.windows().isEmpty() ? null
                : scheduled(s, LocalDateTime.ofInstant(at, timeZone(z)), DayWindows.remembering(schoolDay));
    }

    static boolean scheduled(ArmingSchedule s, LocalDateTime local, Predicate<LocalDate> school) {
        for (ArmingSchedule.Window w : s.windows()) {
            if (DayWindows.holds(w.days(), w.from(), w.to(), local, school)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first time after {@code local} at which the schedule's state differs from {@code current}: the state can
     * change only at a window's start or end or at midnight, so those are tried in order, up to
     * {@link #HORIZON_DAYS} ahead (null: no change in that time).
     */
    static Instant nextChange(ArmingSchedule s, LocalDateTime local, ZoneId tz, Predicate<LocalDate> school,
                              boolean current) {
        TreeSet<LocalTime> marks = new TreeSet<>();
        marks.add(LocalTime.MIDNIGHT);
        for (ArmingSchedule.Window w : s.windows()) {
            marks.add(w.from());
            marks.add(w.to());
        }
        LocalDate day = local.toLocalDate();
        for (int i = 0; i <= HORIZON_DAYS; i++, day = day.plusDays(1)) {
            for (LocalTime t : marks) {
                LocalDateTime at = day.atTime(t);
                if (at.isAfter(local) && scheduled(s, at, school) != current) {
                    return at.atZone(tz).toInstant();
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- helpers

    private Zone perimeter(String zoneId) {
        if (zoneId == null || zoneId.isBlank()) {
            throw GatehouseException.invalid("missing-zoneId", "zoneId is required");
        }
        Zone z = sites.zone(zoneId).orElseThrow(() -> GatehouseException.notFound("unknown-zone", "zone '"
                + clip(zoneId) + "' does not exist"));
        if (z.kind() != ZoneKind.PERIMETER) {
            throw GatehouseException.invalid("not-perimeter", "zone '" + z.id() + "' is a " + z.kind()
                    + " zone; only PERIMETER zones are armed");
        }
        return z;
    }

    private ZoneId timeZone(Zone z) {
        try {
            String tz = sites.site(z.siteId()).map(org.gatehouse.api.Site::timezone).orElse(null);
            if (tz != null && !tz.isBlank()) {
                return ZoneId.of(tz);
            }
        } catch (DateTimeException e) {
            LOG.debug("Site {} has a bad time zone: {}", z.siteId(), e.getMessage());
        }
        return defaultZone.get();
    }

    /** Validates a schedule: days normalised, whole-minute windows, at most {@link #MAX_WINDOWS}. */
    static ArmingSchedule checked(ArmingSchedule s) {
        Limits.body(s, "a schedule");
        if (s.windows().size() > MAX_WINDOWS) {
            throw GatehouseException.invalid("bad-schedule", "a schedule has at most " + MAX_WINDOWS + " windows");
        }
        List<ArmingSchedule.Window> out = new ArrayList<>();
        for (ArmingSchedule.Window w : s.windows()) {
            if (w == null) {
                throw GatehouseException.invalid("bad-window", "a window is {days, from, to}, not null");
            }
            String days = DayWindows.days(w.days());
            DayWindows.checkWindow(w.from(), w.to());
            out.add(new ArmingSchedule.Window(days, w.from(), w.to()));
        }
        return new ArmingSchedule(out);
    }

    /** {@code school 18:30-06:30; holiday 00:00-00:00}, or {@code none}. */
    public static String describe(ArmingSchedule s) {
        if (s.windows().isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        for (ArmingSchedule.Window w : s.windows()) {
            b.append(b.length() == 0 ? "" : "; ").append(w.days()).append(' ').append(HM.format(w.from()))
                    .append('-').append(HM.format(w.to()));
        }
        return b.toString();
    }

    private static String reason(String reason, boolean required) {
        String r = reason == null || reason.isBlank() ? null : reason.strip();
        if (r == null && required) {
            throw GatehouseException.invalid("reason-required", "a reason is required (1-" + MAX_REASON
                    + " characters)");
        }
        if (r != null && r.length() > MAX_REASON) {
            throw GatehouseException.invalid("reason-too-long", "the reason is longer than " + MAX_REASON
                    + " characters");
        }
        return r;
    }

    private static Map<String, String> attributes(String source, String actor, String reason) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("source", source);
        attrs.put("actor", actor);
        if (reason != null) {
            attrs.put("reason", reason);
        }
        return attrs;
    }

    /** Publishes a change of a zone; a refusal of the spine is logged, the change stays. */
    private void publish(Zone z, String type, Map<String, String> attrs, Instant at) {
        Optional<Device> device = eventDevice(z);
        if (device.isEmpty()) {
            LOG.warn("Perimeter zone {}: no device is registered, so {} is not published", z.id(), type);
            return;
        }
        try { // a random id: two changes in one millisecond are two events
            events.ingest(new SecurityEvent(null, at, null, device.get().id(), z.id(), type, Severity.INFO, attrs, null,
                    null));
        } catch (GatehouseException e) {
            LOG.warn("Perimeter zone {}: event {} refused: {} {}", z.id(), type, e.code(), e.getMessage());
        }
    }

    /** The zone's fence controller, else any device of the zone, else of its site. */
    private Optional<Device> eventDevice(Zone z) {
        List<Device> all = sites.devices(z.siteId());
        List<Device> inZone = all.stream().filter(d -> z.id().equals(d.zoneId())).toList();
        return inZone.stream().filter(d -> "fence".equals(d.type())).findFirst()
                .or(() -> inZone.stream().findFirst()).or(() -> all.stream().findFirst());
    }

    private static String actor(String actor) {
        return actor == null || actor.isBlank() ? SYSTEM : actor.length() > 200 ? actor.substring(0, 200) : actor;
    }

    private static Instant ms(ResultSet rs, String column) throws SQLException {
        Long v = Db.nullableLong(rs, column);
        return v == null ? null : Instant.ofEpochMilli(v);
    }

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        short v = rs.getShort(column);
        return rs.wasNull() ? null : v != 0;
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
