package org.gatehouse.core.internal.leave;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.gatehouse.api.Device;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.access.LeavePass;
import org.gatehouse.api.access.LeavePassService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.audit.AuditTrail;
import org.gatehouse.core.internal.store.Db;
import org.osgi.annotation.bundle.Capability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Early-leave passes in table LEAVE_PASSES. Every change is audited in its transaction and published on the spine as
 * {@code leave.requested|approved|rejected} (person = the student; attributes {@code passId}, {@code studentId},
 * {@code group}, {@code from}, {@code to}, {@code reason}, {@code state}, {@code actor}). The spine needs a registered
 * device: the events name the first face gate (by id), else the first device; with no device at all the pass is kept
 * and the event skipped with a warning.
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.access.LeavePassService")
public final class LeavePassServiceImpl implements LeavePassService {
    private static final Logger LOG = LoggerFactory.getLogger(LeavePassServiceImpl.class);
    /** The longest window a pass may have. */
    static final Duration MAX_WINDOW = Duration.ofDays(7);
    static final String REQUESTED = "leave.requested";
    static final String APPROVED = "leave.approved";
    static final String REJECTED = "leave.rejected";
    private static final String FACEGATE = "facegate";

    private final Db db;
    private final AuditTrail audit;
    private final PersonService persons;
    private final SiteService sites;
    private final EventService events;
    private final Supplier<ZoneId> zone;

    public LeavePassServiceImpl(Db db, AuditTrail audit, PersonService persons, SiteService sites, EventService events,
                                Supplier<ZoneId> zone) {
        this.db = db;
        this.audit = audit;
        this.persons = persons;
        this.sites = sites;
        this.events = events;
        this.zone = zone;
    }

    @Override
    public LeavePass request(String studentId, Instant from, Instant to, String reason, String actor) {
        Limits.id("studentId", studentId);
        Person student = persons.person(studentId, null).orElseThrow(
                () -> GatehouseException.notFound("unknown-person", "person '" + studentId + "' does not exist"));
        if (student.role() != PersonRole.STUDENT) {
            throw GatehouseException.invalid("not-a-student", "person '" + studentId + "' is a "
                    + student.role().name().toLowerCase(java.util.Locale.ROOT) + ", not a student");
        }
        if (from == null || to == null || !from.isBefore(to)) {
            throw GatehouseException.invalid("bad-window", "from and to are required and from must be before to");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw GatehouseException.invalid("bad-window", "a leave pass lasts at most 7 days");
        }
        String why = reason == null ? null : reason.strip();
        if (why == null || why.isEmpty()) {
            throw GatehouseException.invalid("missing-reason", "reason is required");
        }
        Limits.text("reason", why, 500, true);
        String who = actor(actor);
        Instant f = from.truncatedTo(ChronoUnit.MILLIS);
        Instant t = to.truncatedTo(ChronoUnit.MILLIS);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        LeavePass pass = db.tx(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO LEAVE_PASSES (STUDENT_ID, FROM_MS, TO_MS,"
                    + " REASON, STATE, REQUESTED_BY, CREATED_MS) VALUES (?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                Db.bind(ps, studentId, f.toEpochMilli(), t.toEpochMilli(), why, LeavePass.PENDING, who,
                        now.toEpochMilli()).executeUpdate();
                try (ResultSet k = ps.getGeneratedKeys()) {
                    k.next();
                    id = k.getLong(1);
                }
            }
            audit.record(c, who, "leave-request", "leave-pass", Long.toString(id), studentId);
            return new LeavePass(id, studentId, f, t, why, LeavePass.PENDING, who, null, now);
        });
        LOG.info("Leave pass #{} requested for {} by {}", pass.id(), studentId, who);
        publish(REQUESTED, pass, student, who);
        return pass;
    }

    @Override
    public LeavePass decide(long id, boolean approve, String actor) {
        String who = actor(actor);
        String state = approve ? LeavePass.APPROVED : LeavePass.REJECTED;
        LeavePass pass = transition(id, List.of(LeavePass.PENDING), state, who, "not-pending",
                approve ? "leave-approve" : "leave-reject");
        LOG.info("Leave pass #{} of {} {} by {}", id, pass.studentId(), approve ? "approved" : "rejected", who);
        publish(approve ? APPROVED : REJECTED, pass, persons.person(pass.studentId(), null).orElse(null), who);
        return pass;
    }

    @Override
    public LeavePass cancel(long id, String actor) {
        String who = actor(actor);
        LeavePass pass = transition(id, List.of(LeavePass.PENDING, LeavePass.APPROVED), LeavePass.CANCELLED, who,
                "not-cancellable", "leave-cancel");
        LOG.info("Leave pass #{} of {} cancelled by {}", id, pass.studentId(), who);
        return pass;
    }

    @Override
    public void used(long id) {
        transition(id, List.of(LeavePass.APPROVED), LeavePass.USED, null, "not-approved", "leave-use");
        LOG.info("Leave pass #{} used", id);
    }

    /** Moves a pass from one of the allowed states to another, audited; the decider is kept when actor is null. */
    private LeavePass transition(long id, List<String> allowed, String state, String actor, String code,
                                 String action) {
        return db.tx(c -> {
            LeavePass p = Db.one(c, "SELECT * FROM LEAVE_PASSES WHERE ID = ? FOR UPDATE", LeavePassServiceImpl::map, id)
                    .orElseThrow(() -> GatehouseException.notFound("unknown-pass", "leave pass " + id
                            + " does not exist"));
            if (!allowed.contains(p.state())) {
                throw GatehouseException.conflict(code, "leave pass " + id + " is " + p.state() + ", not "
                        + String.join(" or ", allowed));
            }
            String decidedBy = actor == null ? p.decidedBy() : actor;
            Db.update(c, "UPDATE LEAVE_PASSES SET STATE = ?, DECIDED_BY = ? WHERE ID = ?", state, decidedBy, id);
            audit.record(c, actor == null ? "system" : actor, action, "leave-pass", Long.toString(id), p.studentId());
            return new LeavePass(p.id(), p.studentId(), p.from(), p.to(), p.reason(), state, p.requestedBy(),
                    decidedBy, p.created());
        });
    }

    @Override
    public Optional<LeavePass> pass(long id) {
        return db.tx(c -> Db.one(c, "SELECT * FROM LEAVE_PASSES WHERE ID = ?", LeavePassServiceImpl::map, id));
    }

    @Override
    public Page<LeavePass> passes(String studentId, String group, String state, String day, int offset, int limit) {
        int lim = Limits.pageSize(limit);
        int off = Limits.offset(offset);
        Db.Where w = new Db.Where().and("STUDENT_ID = ?", blank(studentId)).and("STATE = ?", state(state));
        String d = blank(day);
        if (d != null) {
            LocalDate date;
            try {
                date = LocalDate.parse(d);
            } catch (DateTimeParseException e) {
                throw GatehouseException.invalid("bad-day", "day must be yyyy-MM-dd, not '" + d + "'");
            }
            ZoneId z = zone.get();
            w.and("TO_MS > ?", date.atStartOfDay(z).toInstant().toEpochMilli())
                    .and("FROM_MS < ?", date.plusDays(1).atStartOfDay(z).toInstant().toEpochMilli());
        }
        String g = blank(group);
        if (g != null) {
            List<String> students = students(g);
            if (students.isEmpty()) {
                return new Page<>(List.of(), 0, off, lim);
            }
            w.andRaw("STUDENT_ID IN (" + String.join(",", Collections.nCopies(students.size(), "?")) + ")", students);
        }
        return db.tx(c -> new Page<>(Db.list(c, "SELECT * FROM LEAVE_PASSES" + w.sql()
                        + " ORDER BY CREATED_MS DESC, ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                LeavePassServiceImpl::map, w.params(off, lim)),
                Db.count(c, "SELECT COUNT(*) FROM LEAVE_PASSES" + w.sql(), w.params()), off, lim));
    }

    @Override
    public Optional<LeavePass> active(String studentId, Instant at) {
        if (studentId == null || at == null) {
            return Optional.empty();
        }
        long t = at.toEpochMilli();
        return db.tx(c -> Db.one(c, "SELECT * FROM LEAVE_PASSES WHERE STUDENT_ID = ? AND STATE = ? AND FROM_MS <= ?"
                + " AND TO_MS > ? ORDER BY FROM_MS, ID", LeavePassServiceImpl::map, studentId, LeavePass.APPROVED, t, t));
    }

    /** The ids of the students of a class. */
    private List<String> students(String group) {
        List<String> out = new ArrayList<>();
        for (int off = 0; ; off += Limits.MAX_PAGE) {
            Page<Person> page = persons.persons(PersonRole.STUDENT, group, off, Limits.MAX_PAGE);
            page.items().forEach(p -> out.add(p.id()));
            if (page.items().size() < Limits.MAX_PAGE) {
                return out;
            }
        }
    }

    private static String state(String state) {
        String s = blank(state);
        if (s == null) {
            return null;
        }
        String u = s.toUpperCase(java.util.Locale.ROOT);
        if (!List.of(LeavePass.PENDING, LeavePass.APPROVED, LeavePass.REJECTED, LeavePass.CANCELLED, LeavePass.USED)
                .contains(u)) {
            throw GatehouseException.invalid("bad-state", "state must be PENDING, APPROVED, REJECTED, CANCELLED or"
                    + " USED, not '" + s + "'");
        }
        return u;
    }

    /** Publishes a change of a pass on the spine; a refusal is logged, the pass stays. */
    private void publish(String type, LeavePass p, Person student, String actor) {
        Optional<Device> device = eventDevice();
        if (device.isEmpty()) {
            LOG.warn("Leave pass #{}: no device is registered, so {} is not published", p.id(), type);
            return;
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("passId", Long.toString(p.id()));
        attrs.put("studentId", p.studentId());
        if (student != null && student.group() != null) {
            attrs.put("group", student.group());
        }
        attrs.put("from", p.from().toString());
        attrs.put("to", p.to().toString());
        attrs.put("reason", p.reason().length() > 1000 ? p.reason().substring(0, 1000) : p.reason());
        attrs.put("state", p.state());
        attrs.put("actor", actor);
        String id = type + "-" + p.id();
        try {
            events.ingest(new SecurityEvent(id, Instant.now(), null, device.get().id(), null, type, Severity.INFO,
                    attrs, null, p.studentId()));
        } catch (GatehouseException e) {
            LOG.warn("Leave pass #{}: event {} refused: {} {}", p.id(), type, e.code(), e.getMessage());
        }
    }

    private Optional<Device> eventDevice() {
        List<Device> all = sites.devices(null);
        return all.stream().filter(d -> FACEGATE.equals(d.type())).findFirst().or(() -> all.stream().findFirst());
    }

    private static String actor(String actor) {
        return actor == null || actor.isBlank() ? "system" : actor;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static LeavePass map(ResultSet rs) throws SQLException {
        return new LeavePass(rs.getLong("ID"), rs.getString("STUDENT_ID"), Instant.ofEpochMilli(rs.getLong("FROM_MS")),
                Instant.ofEpochMilli(rs.getLong("TO_MS")), rs.getString("REASON"), rs.getString("STATE"),
                rs.getString("REQUESTED_BY"), rs.getString("DECIDED_BY"), Instant.ofEpochMilli(rs.getLong("CREATED_MS")));
    }

}
