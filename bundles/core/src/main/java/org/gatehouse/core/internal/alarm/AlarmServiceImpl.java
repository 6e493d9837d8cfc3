package org.gatehouse.core.internal.alarm;

import org.osgi.annotation.bundle.Capability;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.Publisher;
import org.gatehouse.core.internal.audit.AuditTrail;
import org.gatehouse.core.internal.outbox.OutboxTrace;
import org.gatehouse.core.internal.store.Db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.AlarmStep;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.EventService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alarm life cycle in table ALARMS; transitions audited in the same transaction, then published. The events folded
 * into an alarm are linked in ALARM_EVENTS (schema 18), so {@link #timeline} can trace an alarm afterwards together
 * with its audit lines and its outbox messages (found by their dedupe key prefix {@code alarm-<id>-}). An unacknowledged
 * CRITICAL alarm is reminded ({@link #remindDue}) every reminder period while it stays RAISED.
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.service.AlarmService")
public final class AlarmServiceImpl implements AlarmService {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmServiceImpl.class);
    private static final String ACTIVE = "STATE IN ('RAISED', 'ACKNOWLEDGED')";

    private final Db db;
    private final AuditTrail audit;
    private final Publisher publisher;
    private final List<AlarmListener> listeners = new CopyOnWriteArrayList<>();
    private final Object[] locks = new Object[64];
    private volatile long escalationAfterMs;
    private volatile int escalationMaxLevel;
    /** Period of the reminders of unacknowledged CRITICAL alarms; 0 for none. */
    private volatile long remindAfterMs = DEFAULT_REMIND_MS;
    private volatile EventService events;
    private volatile OutboxTrace outbox;

    /** Default reminder period: 5 minutes. */
    public static final long DEFAULT_REMIND_MS = 5 * 60_000L;
    /** The timeline lists at most this many of an alarm's events: the first and the last half. */
    static final int TIMELINE_EVENTS = 200;
    /** The timeline lists at most this many messages and audit lines. */
    static final int TIMELINE_MAX = 1000;

    public AlarmServiceImpl(Db db, AuditTrail audit, Publisher publisher, long escalationAfterMs,
                            int escalationMaxLevel) {
        this.db = db;
        this.audit = audit;
        this.publisher = publisher;
        this.escalationAfterMs = escalationAfterMs;
        this.escalationMaxLevel = escalationMaxLevel;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    public void configureEscalation(long afterMs, int maxLevel) {
        this.escalationAfterMs = afterMs;
        this.escalationMaxLevel = maxLevel;
    }

    /** @param afterMs period of the reminders of unacknowledged CRITICAL alarms; 0 turns them off */
    public void configureReminders(long afterMs) {
        this.remindAfterMs = Math.max(0, afterMs);
    }

    /** What the timeline reads from the other domains: the stored events and the outbox's messages and attempts. */
    public void traceWith(EventService events, OutboxTrace outbox) {
        this.events = events;
        this.outbox = outbox;
    }

    private Object lockFor(String key) {
        return locks[Math.floorMod(key.hashCode(), locks.length)];
    }

    @Override
    public Alarm raise(SecurityEvent event, String message) {
        if (event == null || event.deviceId() == null || event.type() == null) {
            throw GatehouseException.invalid("bad-event", "an alarm needs an event with a device and a type");
        }
        String key = AlarmService.sourceKey(event);
        Severity sev = event.severity() == null ? Severity.WARNING : event.severity();
        long at = event.time() == null ? System.currentTimeMillis() : event.time().toEpochMilli();
        String msg = message == null || message.isBlank() ? defaultMessage(event) : Limits.text("message", message, 1000, false);
        Transition[] transition = new Transition[1];
        Alarm alarm;
        synchronized (lockFor(key)) {
            alarm = db.tx(c -> {
                Optional<Alarm> active = Db.one(c, "SELECT * FROM ALARMS WHERE SOURCE_KEY = ? AND " + ACTIVE,
                        AlarmServiceImpl::map, key);
                if (active.isPresent()) {
                    Alarm a = active.get();
                    Severity max = sev.atLeast(a.severity()) ? sev : a.severity();
                    Db.update(c, "UPDATE ALARMS SET CNT = CNT + 1, LAST_MS = ?, LAST_EVENT_ID = ?, SEVERITY = ? WHERE ID = ?",
                            Math.max(at, a.lastAt().toEpochMilli()), event.id(), max.name(), a.id());
                    link(c, a.id(), event.id(), System.currentTimeMillis(), a.count() + 1);
                    transition[0] = Transition.REPEATED;
                    return load(c, a.id());
                }
                long now = System.currentTimeMillis();
                long id;
                try (PreparedStatement ps = Db.bind(c.prepareStatement("INSERT INTO ALARMS (SOURCE_KEY, TYPE, SEVERITY,"
                                + " SITE_ID, ZONE_ID, DEVICE_ID, MESSAGE, STATE, CNT, FIRST_MS, LAST_MS, LAST_EVENT_ID,"
                                + " ESC_LEVEL, ESC_MS, REMIND_MS) VALUES (?,?,?,?,?,?,?,'RAISED',1,?,?,?,0,?,?)",
                        Statement.RETURN_GENERATED_KEYS), key, event.type(), sev.name(), event.siteId(), event.zoneId(),
                        event.deviceId(), msg, at, at, event.id(), now, now)) {
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                link(c, id, event.id(), now, 1);
                audit.record(c, "system", "alarm-raise", "alarm", Long.toString(id),
                        sev + " " + event.type() + " from event " + event.id());
                transition[0] = Transition.RAISED;
                return load(c, id);
            });
        }
        if (transition[0] == Transition.RAISED) {
            LOG.info("Alarm #{} raised: {} {} at {} (event {})", alarm.id(), alarm.severity(), alarm.type(),
                    alarm.deviceId(), event.id());
        }
        fire(transition[0], alarm);
        return alarm;
    }

    /** Links an event to the alarm it folded into (once: a redelivered event is not linked twice). */
    private static void link(Connection c, long alarmId, String eventId, long at, int nr) throws SQLException {
        if (eventId == null || Db.count(c, "SELECT COUNT(*) FROM ALARM_EVENTS WHERE ALARM_ID = ? AND EVENT_ID = ?",
                alarmId, eventId) > 0) {
            return;
        }
        Db.update(c, "INSERT INTO ALARM_EVENTS (ALARM_ID, EVENT_ID, TIME_MS, NR) VALUES (?,?,?,?)", alarmId, eventId,
                at, nr);
    }

    private static String defaultMessage(SecurityEvent e) {
        return e.type() + " at " + e.deviceId() + (e.zoneId() == null ? "" : " in " + e.zoneId());
    }

    @Override
    public Optional<Alarm> clear(SecurityEvent restoreEvent) {
        String key = AlarmService.sourceKey(restoreEvent);
        Optional<Alarm> cleared;
        synchronized (lockFor(key)) {
            cleared = db.tx(c -> {
                Optional<Alarm> active = Db.one(c, "SELECT * FROM ALARMS WHERE SOURCE_KEY = ? AND " + ACTIVE,
                        AlarmServiceImpl::map, key);
                if (active.isEmpty()) {
                    return Optional.<Alarm>empty();
                }
                long now = System.currentTimeMillis();
                Db.update(c, "UPDATE ALARMS SET STATE = 'CLEARED', CLOSED_BY = 'system', CLOSED_MS = ? WHERE ID = ?",
                        now, active.get().id());
                audit.record(c, "system", "alarm-clear", "alarm", Long.toString(active.get().id()),
                        "restored by event " + restoreEvent.id());
                return Optional.of(load(c, active.get().id()));
            });
        }
        cleared.ifPresent(a -> {
            LOG.info("Alarm #{} cleared by restore event {}", a.id(), restoreEvent.id());
            fire(Transition.CLEARED, a);
        });
        return cleared;
    }

    @Override
    public Alarm acknowledge(long id, String user, String note) {
        Alarm a = transition(id, user, note, AlarmState.ACKNOWLEDGED);
        fire(Transition.ACKNOWLEDGED, a);
        return a;
    }

    @Override
    public Alarm resolve(long id, String user, String note) {
        Alarm a = transition(id, user, note, AlarmState.RESOLVED);
        fire(Transition.RESOLVED, a);
        return a;
    }

    private Alarm transition(long id, String user, String note, AlarmState target) {
        String who = Limits.text("user", user, 100, true);
        String n = Limits.text("note", note, 2000, false);
        Alarm a = db.tx(c -> {
            Alarm current = Db.one(c, "SELECT * FROM ALARMS WHERE ID = ?", AlarmServiceImpl::map, id)
                    .orElseThrow(() -> GatehouseException.notFound("unknown-alarm", "alarm #" + id + " does not exist"));
            long now = System.currentTimeMillis();
            if (target == AlarmState.ACKNOWLEDGED) {
                if (current.state() != AlarmState.RAISED) {
                    throw GatehouseException.conflict("alarm-not-raised",
                            "alarm #" + id + " is " + current.state() + ", only a RAISED alarm can be acknowledged");
                }
                Db.update(c, "UPDATE ALARMS SET STATE = 'ACKNOWLEDGED', ACK_BY = ?, ACK_MS = ?, NOTE = COALESCE(?, NOTE)"
                        + " WHERE ID = ?", who, now, n, id);
            } else {
                if (!current.state().active()) {
                    throw GatehouseException.conflict("alarm-closed",
                            "alarm #" + id + " is already " + current.state());
                }
                Db.update(c, "UPDATE ALARMS SET STATE = 'RESOLVED', CLOSED_BY = ?, CLOSED_MS = ?, NOTE = COALESCE(?, NOTE)"
                        + " WHERE ID = ?", who, now, n, id);
            }
            audit.record(c, who, target == AlarmState.ACKNOWLEDGED ? "alarm-acknowledge" : "alarm-resolve", "alarm",
                    Long.toString(id), n);
            return load(c, id);
        });
        LOG.info("Alarm #{} {} by {}{}", id, target, who, n == null ? "" : ": " + n);
        return a;
    }

    /** Escalates alarms RAISED and unacknowledged for longer than the escalation period. */
    public int escalateDue() {
        long now = System.currentTimeMillis();
        long after = escalationAfterMs;
        int max = escalationMaxLevel;
        if (after <= 0) {
            return 0;
        }
        List<Alarm> escalated = db.tx(c -> {
            List<Alarm> due = Db.list(c, "SELECT * FROM ALARMS WHERE STATE = 'RAISED' AND ESC_MS <= ? AND ESC_LEVEL < ?",
                    AlarmServiceImpl::map, now - after, max);
            List<Alarm> out = new ArrayList<>();
            for (Alarm a : due) {
                Db.update(c, "UPDATE ALARMS SET ESC_LEVEL = ESC_LEVEL + 1, ESC_MS = ? WHERE ID = ? AND STATE = 'RAISED'",
                        now, a.id());
                audit.record(c, "system", "alarm-escalate", "alarm", Long.toString(a.id()),
                        "unacknowledged, level " + (a.escalationLevel() + 1));
                out.add(load(c, a.id()));
            }
            return out;
        });
        for (Alarm a : escalated) {
            LOG.info("Alarm #{} escalated to level {}: not acknowledged", a.id(), a.escalationLevel());
            fire(Transition.ESCALATED, a);
        }
        return escalated.size();
    }

    /** Reminds the alarms due now; see {@link #remindDue(long)}. */
    public int remindDue() {
        return remindDue(System.currentTimeMillis());
    }

    /**
     * Reminds every CRITICAL alarm still RAISED (nobody acknowledged it) whose last reminder (or raise) is at least one
     * reminder period before {@code now}: transition REMINDED, audited {@code alarm-remind}. At most one reminder per
     * alarm and call, so a check after a pause does not send a burst. Escalation runs beside it on its own period.
     *
     * @param now the time to check at (tests pass their own clock)
     * @return how many alarms were reminded
     */
    public int remindDue(long now) {
        long period = remindAfterMs;
        if (period <= 0) {
            return 0;
        }
        List<Alarm> reminded = db.tx(c -> {
            List<long[]> due = Db.list(c, "SELECT ID, REMIND_CNT, FIRST_MS FROM ALARMS WHERE STATE = 'RAISED'"
                    + " AND SEVERITY = 'CRITICAL' AND COALESCE(REMIND_MS, FIRST_MS) <= ?",
                    rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, now - period);
            List<Alarm> out = new ArrayList<>();
            for (long[] d : due) {
                if (Db.update(c, "UPDATE ALARMS SET REMIND_CNT = REMIND_CNT + 1, REMIND_MS = ? WHERE ID = ?"
                        + " AND STATE = 'RAISED'", now, d[0]) == 0) {
                    continue;
                }
                audit.record(c, "system", "alarm-remind", "alarm", Long.toString(d[0]), "reminder " + (d[1] + 1)
                        + ": not acknowledged for " + Math.max(0, (now - d[2]) / 60_000) + " min");
                out.add(load(c, d[0]));
            }
            return out;
        });
        for (Alarm a : reminded) {
            LOG.info("Alarm #{} reminded ({}): CRITICAL and not acknowledged", a.id(), reminders(a.id()));
            fire(Transition.REMINDED, a);
        }
        return reminded.size();
    }

    /** @return how many reminders an alarm had; 0 for none or an unknown alarm */
    public int reminders(long id) {
        return db.tx(c -> Db.one(c, "SELECT REMIND_CNT FROM ALARMS WHERE ID = ?", rs -> rs.getInt(1), id)).orElse(0);
    }

    @Override
    public List<AlarmStep> timeline(long id) {
        Alarm alarm = get(id).orElseThrow(() -> GatehouseException.notFound("unknown-alarm",
                "alarm #" + id + " does not exist"));
        return AlarmTimeline.of(alarm, linkedEvents(id), audit, events, outbox);
    }

    /** The alarm's linked events: the first and the last {@link #TIMELINE_EVENTS}/2, and how many there are. */
    private AlarmTimeline.Linked linkedEvents(long id) {
        return db.tx(c -> {
            int half = TIMELINE_EVENTS / 2;
            long total = Db.count(c, "SELECT COUNT(*) FROM ALARM_EVENTS WHERE ALARM_ID = ?", id);
            Db.RowMapper<AlarmTimeline.Link> m = rs -> new AlarmTimeline.Link(rs.getString("EVENT_ID"),
                    Instant.ofEpochMilli(rs.getLong("TIME_MS")), rs.getInt("NR"));
            List<AlarmTimeline.Link> links = new ArrayList<>(Db.list(c, "SELECT * FROM ALARM_EVENTS WHERE ALARM_ID = ?"
                    + " ORDER BY NR FETCH FIRST " + half + " ROWS ONLY", m, id));
            if (total > half) {
                List<AlarmTimeline.Link> last = new ArrayList<>(Db.list(c, "SELECT * FROM ALARM_EVENTS"
                        + " WHERE ALARM_ID = ? AND NR > ? ORDER BY NR DESC FETCH FIRST " + half + " ROWS ONLY", m, id,
                        links.get(links.size() - 1).nr()));
                java.util.Collections.reverse(last);
                links.addAll(last);
            }
            return new AlarmTimeline.Linked(links, total);
        });
    }

    @Override
    public Optional<Alarm> get(long id) {
        return db.tx(c -> Db.one(c, "SELECT * FROM ALARMS WHERE ID = ?", AlarmServiceImpl::map, id));
    }

    @Override
    public Page<Alarm> query(AlarmQuery q) {
        int lim = Limits.pageSize(q.limit());
        int off = Limits.offset(q.offset());
        List<String> states = q.states().stream().map(Enum::name).sorted().toList();
        Db.Where w = new Db.Where().andRaw("STATE IN (" + String.join(",", states.stream().map(s -> "?").toList()) + ")",
                states).and("SITE_ID = ?", q.siteId()).and("ZONE_ID = ?", q.zoneId());
        String type = q.type() == null || q.type().isBlank() ? null : q.type().strip();
        if (type != null && type.endsWith("*")) {
            w.and("TYPE LIKE ?", type.substring(0, type.length() - 1).replace("%", "") + "%");
        } else {
            w.and("TYPE = ?", type);
        }
        return db.tx(c -> new Page<>(Db.list(c, "SELECT * FROM ALARMS" + w.sql()
                        + " ORDER BY ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", AlarmServiceImpl::map,
                w.params(off, lim)), Db.count(c, "SELECT COUNT(*) FROM ALARMS" + w.sql(), w.params()), off, lim));
    }

    @Override
    public AutoCloseable subscribe(AlarmListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void fire(Transition t, Alarm a) {
        Map<String, Object> props = new HashMap<>();
        props.put("id", a.id());
        props.put("state", a.state().name());
        props.put("severity", a.severity().name());
        props.put("type", a.type());
        props.put("count", a.count());
        if (a.deviceId() != null) {
            props.put("deviceId", a.deviceId());
        }
        if (a.zoneId() != null) {
            props.put("zoneId", a.zoneId());
        }
        publisher.post("gatehouse/alarm/" + t.name().toLowerCase(), props);
        for (AlarmListener l : listeners) {
            try {
                l.onTransition(t, a);
            } catch (GatehouseException e) {
                LOG.warn("Alarm listener refused {} of alarm #{}: {}: {}", t, a.id(), e.code(), e.getMessage());
            } catch (Exception e) {
                LOG.error("Alarm listener failed on {} of alarm #{}", t, a.id(), e);
            }
        }
    }

    private static Alarm load(Connection c, long id) throws SQLException {
        return Db.one(c, "SELECT * FROM ALARMS WHERE ID = ?", AlarmServiceImpl::map, id).orElseThrow();
    }

    static Alarm map(ResultSet rs) throws SQLException {
        Long ack = Db.nullableLong(rs, "ACK_MS");
        Long closed = Db.nullableLong(rs, "CLOSED_MS");
        return new Alarm(rs.getLong("ID"), rs.getString("SOURCE_KEY"), rs.getString("TYPE"),
                Severity.valueOf(rs.getString("SEVERITY")), rs.getString("SITE_ID"), rs.getString("ZONE_ID"),
                rs.getString("DEVICE_ID"), rs.getString("MESSAGE"), AlarmState.valueOf(rs.getString("STATE")),
                rs.getInt("CNT"), Instant.ofEpochMilli(rs.getLong("FIRST_MS")), Instant.ofEpochMilli(rs.getLong("LAST_MS")),
                rs.getString("LAST_EVENT_ID"), rs.getInt("ESC_LEVEL"), rs.getString("ACK_BY"),
                ack == null ? null : Instant.ofEpochMilli(ack), rs.getString("CLOSED_BY"),
                closed == null ? null : Instant.ofEpochMilli(closed), rs.getString("NOTE"));
    }
}
