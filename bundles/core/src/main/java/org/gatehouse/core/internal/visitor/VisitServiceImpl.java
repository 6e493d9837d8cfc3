package org.gatehouse.core.internal.visitor;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.gatehouse.api.Device;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.access.RosterService;
import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.face.FaceTemplate;
import org.gatehouse.api.recognition.FaceReasons;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.api.visitor.Invitation;
import org.gatehouse.api.visitor.Sighting;
import org.gatehouse.api.visitor.Visit;
import org.gatehouse.api.visitor.VisitRequest;
import org.gatehouse.api.visitor.VisitService;
import org.gatehouse.api.visitor.VisitState;
import org.gatehouse.api.visitor.Visitor;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.audit.AuditTrail;
import org.gatehouse.core.internal.face.EnrollmentCheck;
import org.gatehouse.core.internal.store.Db;
import org.osgi.annotation.bundle.Capability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Visits in tables VISITS, VISIT_INVITATIONS and VISIT_SIGHTINGS. Each visit has a VISITOR person
 * {@code visitor-<id>} (name, phone) whose face the gallery holds; approving sets that person's access validity to the
 * window through the rosters, a rejection, cancellation or departure closes it. The gates reach the visits through
 * the event spine ({@code gate.passage} / {@code gate.denied} of a {@code visitor-*} person: trail, ARRIVED, LEFT);
 * {@link #check(Instant)} (every minute) expires, flags overstays and purges faces and ID numbers after the retention.
 * Every change is audited and published as {@code visit.<state>} (device: the gate of the passage or the last
 * sighting while it is registered, else the first face gate, else the first device; with no device at all the event
 * is skipped with a warning, the visit stays).
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.visitor.VisitService")
public final class VisitServiceImpl implements VisitService {
    private static final Logger LOG = LoggerFactory.getLogger(VisitServiceImpl.class);
    /** Id prefix of the VISITOR person of a visit. */
    public static final String PERSON_PREFIX = "visitor-";
    /** Path of the invitation page; the token follows. */
    public static final String INVITATION_PATH = "/gatehouse/visit/";
    /** How far in the past a new window may start. */
    static final Duration PAST_TOLERANCE = Duration.ofMinutes(5);
    private static final String FACEGATE = "facegate";
    private static final String SYSTEM = "system";
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,20}");
    /** Digits allowed on a person (E.164 as PersonService stores it). */
    private static final Pattern PERSON_PHONE = Pattern.compile("\\+?[0-9]{6,15}");
    private static final Pattern RESIDENT_ID = Pattern.compile("[0-9]{17}[0-9X]");
    private static final Pattern DOCUMENT = Pattern.compile("[A-Z0-9]{6,32}");
    private static final List<VisitState> ACTIVE = List.of(VisitState.PENDING, VisitState.APPROVED,
            VisitState.ARRIVED);
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] ID_CHECK = "10X98765432".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Db db;
    private final AuditTrail audit;
    private final PersonService persons;
    private final FaceService faces;
    private final EnrollmentCheck enrollmentCheck;
    private final RosterService roster;
    private final SiteService sites;
    private final EventService events;
    private final Supplier<ZoneId> zone;
    private volatile VisitSettings settings = VisitSettings.defaults();
    private volatile AutoCloseable subscription;

    public VisitServiceImpl(Db db, AuditTrail audit, PersonService persons, FaceService faces,
                            EnrollmentCheck enrollmentCheck, RosterService roster, SiteService sites,
                            EventService events, Supplier<ZoneId> zone) {
        this.db = db;
        this.audit = audit;
        this.persons = persons;
        this.faces = faces;
        this.enrollmentCheck = enrollmentCheck;
        this.roster = roster;
        this.sites = sites;
        this.events = events;
        this.zone = zone;
    }

    public void configure(VisitSettings s) {
        this.settings = s;
    }

    public VisitSettings settings() {
        return settings;
    }

    /** Follows the gates: subscribes to {@code gate.*} on the spine. */
    public synchronized void start() {
        if (subscription == null) {
            // the core's own subscription: the spine's start waits for the routes, not for this one
            subscription = events instanceof org.gatehouse.core.internal.spine.EventServiceImpl spine
                    ? spine.subscribeInternal("gate.*", this::gateEvent) : events.subscribe("gate.*", this::gateEvent);
        }
    }

    public synchronized void stop() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("Closing the gate subscription: {}", e.toString());
            }
            subscription = null;
        }
    }

    // ---------------------------------------------------------------- registration

    /** A visit request that passed every check. */
    private record Checked(String name, String phone, String idNumber, Person host, String purpose, Instant from,
                           Instant to) {
    }

    @Override
    public Visit register(VisitRequest request, String source, String actor) {
        Limits.body(request, "a visit");
        String src = source(source);
        Checked in = check(request.visitor(), request.hostId(), request.purpose(), request.from(), request.to(), true);
        return create(in, src, actor(actor), null, null);
    }

    @Override
    public Visit photo(long visitId, Frame photo, String actor) {
        String who = actor(actor);
        Visit v = visit(visitId).orElseThrow(() -> unknownVisit(visitId));
        if (!ACTIVE.contains(v.state())) {
            throw GatehouseException.conflict("bad-state", "visit " + visitId + " is " + v.state()
                    + "; a photo is taken for a PENDING, APPROVED or ARRIVED visit only");
        }
        List<FaceTemplate> old = faces.templates(v.personId());
        faces.enroll(v.personId(), photo, who); // the quality gate: a refusal stores nothing
        Set<Long> photos = new HashSet<>();
        for (FaceTemplate t : old) {
            if (photos.add(t.photoId())) {
                try {
                    faces.delete(t.id(), who);
                } catch (GatehouseException e) {
                    LOG.debug("Visit #{}: earlier template {} already gone", visitId, t.id());
                }
            }
        }
        db.tx(c -> {
            Db.update(c, "UPDATE VISITS SET PHOTO = 1 WHERE ID = ?", visitId);
            audit.record(c, who, "visit-photo", "visit", Long.toString(visitId), v.personId());
            return null;
        });
        LOG.info("Visit #{}: face photo of {} enrolled by {}", visitId, v.personId(), who);
        return visit(visitId).orElseThrow();
    }

    @Override
    public Invitation invite(String hostId, String purpose, Instant from, Instant to, String actor) {
        String who = actor(actor);
        Person host = host(hostId);
        String why = purpose(purpose);
        Instant[] w = window(from, to, true);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant limit = now.plus(settings.invitationHours(), ChronoUnit.HOURS);
        Instant expires = w[1].isBefore(limit) ? w[1] : limit;
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        db.tx(c -> {
            Db.update(c, "INSERT INTO VISIT_INVITATIONS (TOKEN, HOST_ID, PURPOSE, FROM_MS, TO_MS, EXPIRES_MS,"
                    + " CREATED_BY, CREATED_MS) VALUES (?,?,?,?,?,?,?,?)", token, host.id(), why,
                    w[0].toEpochMilli(), w[1].toEpochMilli(), expires.toEpochMilli(), who, now.toEpochMilli());
            audit.record(c, who, "visit-invite", "person", host.id(), w[0] + " .. " + w[1]);
            return null;
        });
        LOG.info("Visit invitation for host {} ({} .. {}) created by {}", host.id(), w[0], w[1], who);
        return new Invitation(token, INVITATION_PATH + token, host.id(), host.name(), why, w[0], w[1], expires, null);
    }

    @Override
    public Optional<Invitation> invitation(String token) {
        if (token == null || token.isBlank() || token.length() > 64) {
            return Optional.empty();
        }
        Optional<Invitation> inv = db.tx(c -> Db.one(c, "SELECT * FROM VISIT_INVITATIONS WHERE TOKEN = ?",
                rs -> new Invitation(rs.getString("TOKEN"), INVITATION_PATH + rs.getString("TOKEN"),
                        rs.getString("HOST_ID"), null, rs.getString("PURPOSE"), ms(rs, "FROM_MS"), ms(rs, "TO_MS"),
                        ms(rs, "EXPIRES_MS"), Db.nullableLong(rs, "VISIT_ID")), token));
        return inv.map(i -> new Invitation(i.token(), i.path(), i.hostId(), hostName(i.hostId()), i.purpose(),
                i.from(), i.to(), i.expires(), i.visitId()));
    }

    @Override
    public Visit redeem(String token, Visitor visitor, Frame selfie) {
        Invitation inv = invitation(token).orElseThrow(() -> GatehouseException.notFound("unknown-invitation",
                "no such invitation; ask your host for a new link"));
        if (inv.visitId() != null) {
            throw GatehouseException.conflict("invitation-used", "this invitation was already used");
        }
        if (!Instant.now().isBefore(inv.expires())) {
            throw GatehouseException.conflict("invitation-expired", "this invitation expired at " + inv.expires());
        }
        Checked in = check(visitor, inv.hostId(), inv.purpose(), inv.from(), inv.to(), false);
        if (selfie == null || selfie.data() == null || selfie.data().length == 0) {
            throw GatehouseException.invalid(FaceReasons.IMAGE_EMPTY, "a photo of the visitor's face is required");
        }
        enrollmentCheck.checkEnrollment(selfie); // a refused selfie stores nothing and keeps the token usable
        return create(in, Visit.SOURCE_INVITATION, Visit.SOURCE_INVITATION, inv.token(), selfie);
    }

    /**
     * Stores a checked visit, its VISITOR person and (from an invitation) its selfie, using the token up; undone as a
     * whole when the person or the face cannot be stored.
     */
    private Visit create(Checked in, String source, String actor, String token, Frame selfie) {
        long now = System.currentTimeMillis();
        long id = db.tx(c -> {
            duplicate(c, in);
            long vid;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO VISITS (VISITOR_NAME, PHONE, ID_NUMBER,"
                    + " ID_MASKED, HOST_ID, PURPOSE, FROM_MS, TO_MS, STATE, SOURCE, CREATED_BY, CREATED_MS)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                Db.bind(ps, in.name(), in.phone(), in.idNumber(), mask(in.idNumber()), in.host().id(), in.purpose(),
                        in.from().toEpochMilli(), in.to().toEpochMilli(), VisitState.PENDING.name(), source, actor,
                        now).executeUpdate();
                try (ResultSet k = ps.getGeneratedKeys()) {
                    k.next();
                    vid = k.getLong(1);
                }
            }
            Db.update(c, "UPDATE VISITS SET PERSON_ID = ? WHERE ID = ?", PERSON_PREFIX + vid, vid);
            if (token != null && Db.update(c, "UPDATE VISIT_INVITATIONS SET VISIT_ID = ? WHERE TOKEN = ?"
                    + " AND VISIT_ID IS NULL", vid, token) == 0) {
                throw GatehouseException.conflict("invitation-used", "this invitation was already used");
            }
            audit.record(c, actor, "visit-register", "visit", Long.toString(vid), source + ", host "
                    + in.host().id() + ", " + in.from() + " .. " + in.to());
            return vid;
        });
        String personId = PERSON_PREFIX + id;
        try {
            persons.savePerson(new Person(personId, in.name(), PersonRole.VISITOR, personPhone(in.phone()), null,
                    null, null), actor);
            if (selfie != null) {
                faces.enroll(personId, selfie, actor);
                db.tx(c -> Db.update(c, "UPDATE VISITS SET PHOTO = 1 WHERE ID = ?", id));
            }
        } catch (RuntimeException e) {
            undo(id, personId, token, actor);
            throw e;
        }
        Visit v = visit(id).orElseThrow();
        LOG.info("Visit #{} of {} to host {} registered ({}) by {}", id, personId, in.host().id(), source, actor);
        publish(EVENT_PENDING, v, actor, null, Severity.INFO);
        return v;
    }

    private void undo(long id, String personId, String token, String actor) {
        try {
            if (persons.person(personId, null).isPresent()) {
                persons.deletePerson(personId, actor);
            }
            db.tx(c -> {
                if (token != null) {
                    Db.update(c, "UPDATE VISIT_INVITATIONS SET VISIT_ID = NULL WHERE TOKEN = ?", token);
                }
                Db.update(c, "DELETE FROM VISITS WHERE ID = ?", id);
                audit.record(c, actor, "visit-remove", "visit", Long.toString(id), "registration undone");
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Visit #{}: undoing the registration failed: {}", id, e.getMessage());
        }
    }

    /** CONFLICT duplicate-visit: the same phone or ID number (or, without either, name and host) in an open visit. */
    private static void duplicate(Connection c, Checked in) throws SQLException {
        List<Object> params = new ArrayList<>();
        String who;
        if (in.phone() != null || in.idNumber() != null) {
            List<String> or = new ArrayList<>();
            if (in.phone() != null) {
                or.add("PHONE = ?");
                params.add(in.phone());
            }
            if (in.idNumber() != null) {
                or.add("ID_NUMBER = ?");
                params.add(in.idNumber());
            }
            who = "(" + String.join(" OR ", or) + ")";
        } else {
            who = "(VISITOR_NAME = ? AND HOST_ID = ?)";
            params.add(in.name());
            params.add(in.host().id());
        }
        params.add(in.to().toEpochMilli());
        params.add(in.from().toEpochMilli());
        ACTIVE.forEach(s -> params.add(s.name()));
        Optional<Long> other = Db.one(c, "SELECT ID FROM VISITS WHERE " + who + " AND FROM_MS < ? AND TO_MS > ?"
                + " AND STATE IN (?,?,?)", rs -> rs.getLong(1), params.toArray());
        if (other.isPresent()) {
            throw GatehouseException.conflict("duplicate-visit", "this visitor already has visit " + other.get()
                    + " overlapping " + in.from() + " .. " + in.to());
        }
    }

    private Checked check(Visitor v, String hostId, String purpose, Instant from, Instant to, boolean newWindow) {
        Limits.body(v, "a visitor");
        String name = v.name() == null ? null : v.name().strip();
        if (name == null || name.isEmpty()) {
            throw GatehouseException.invalid("missing-name", "the visitor's name is required");
        }
        if (name.length() > 100) {
            throw GatehouseException.invalid("bad-name", "the visitor's name is longer than 100 characters");
        }
        String phone = phone(v.phone());
        String idNumber = idNumber(v.idNumber());
        Instant[] w = window(from, to, newWindow);
        Person host = host(hostId);
        return new Checked(name, phone, idNumber, host, purpose(purpose), w[0], w[1]);
    }

    /**
     * @return the window truncated to ms; INVALID bad-window when it ends before it starts, lies in the past or is too
     *         long
     */
    private Instant[] window(Instant from, Instant to, boolean newWindow) {
        if (from == null || to == null) {
            throw GatehouseException.invalid("bad-window", "from and to are required (ISO-8601 instants)");
        }
        if (!from.isBefore(to)) {
            throw GatehouseException.invalid("bad-window", "the window ends (" + to + ") before it starts (" + from
                    + ")");
        }
        Instant now = Instant.now();
        if (!to.isAfter(now) || (newWindow && from.isBefore(now.minus(PAST_TOLERANCE)))) {
            throw GatehouseException.invalid("bad-window", "the window " + from + " .. " + to + " lies in the past");
        }
        int max = settings.maxWindowHours();
        if (Duration.between(from, to).compareTo(Duration.ofHours(max)) > 0) {
            throw GatehouseException.invalid("bad-window", "a visit lasts at most " + max + " hours");
        }
        return new Instant[] {from.truncatedTo(ChronoUnit.MILLIS), to.truncatedTo(ChronoUnit.MILLIS)};
    }

    /** @return the host; NOT_FOUND unknown-host when there is no such person or it is not STAFF */
    private Person host(String hostId) {
        if (hostId == null || hostId.isBlank()) {
            throw GatehouseException.invalid("missing-hostId", "hostId is required");
        }
        Optional<Person> p = hostId.length() > 64 ? Optional.empty() : persons.person(hostId.strip(), null);
        if (p.isEmpty() || p.get().role() != PersonRole.STAFF) {
            throw GatehouseException.notFound("unknown-host", "'" + hostId + "' is not a staff member");
        }
        return p.get();
    }

    private static String purpose(String purpose) {
        String p = purpose == null ? null : purpose.strip();
        return Limits.text("purpose", p, 200, false);
    }

    /** Normalises a phone: spaces, dashes and brackets go; 5..20 digits with an optional leading '+'. */
    static String phone(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String p = raw.replaceAll("[\\s()\\-]", "");
        if (!PHONE.matcher(p).matches()) {
            throw GatehouseException.invalid("bad-phone", "phone '" + raw + "' is not a phone number (5-20 digits)");
        }
        return p;
    }

    private static String personPhone(String phone) {
        return phone != null && PERSON_PHONE.matcher(phone).matches() ? phone : null;
    }

    /**
     * Normalises an ID number: a resident identity card (18 characters, its check digit verified) or another document
     * (6..32 letters and digits), upper case, without spaces.
     */
    static String idNumber(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String n = raw.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        if (RESIDENT_ID.matcher(n).matches()) {
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (n.charAt(i) - '0') * ID_WEIGHTS[i];
            }
            if (ID_CHECK[sum % 11] != n.charAt(17)) {
                throw GatehouseException.invalid("bad-id-number", "the ID card number's check digit is wrong");
            }
            return n;
        }
        if (!DOCUMENT.matcher(n).matches()) {
            throw GatehouseException.invalid("bad-id-number", "an ID number is an 18-character resident ID card"
                    + " number or 6-32 letters and digits");
        }
        return n;
    }

    /** {@code 3601**********1234}: the first and last 4 kept (2 of a number shorter than 12). */
    static String mask(String idNumber) {
        if (idNumber == null) {
            return null;
        }
        int keep = idNumber.length() >= 12 ? 4 : 2;
        return idNumber.substring(0, keep) + "*".repeat(idNumber.length() - 2 * keep)
                + idNumber.substring(idNumber.length() - keep);
    }

    private static String source(String source) {
        String s = source == null || source.isBlank() ? Visit.SOURCE_STAFF : source.strip();
        if (!List.of(Visit.SOURCE_WALK_IN, Visit.SOURCE_STAFF, Visit.SOURCE_INVITATION).contains(s)) {
            throw GatehouseException.invalid("bad-source", "source must be walk-in, staff or invitation, not '" + s
                    + "'");
        }
        return s;
    }

    // ---------------------------------------------------------------- decisions

    @Override
    public Visit approve(long visitId, String actor) {
        String who = actor(actor);
        Visit v = transition(visitId, List.of(VisitState.PENDING), VisitState.APPROVED, who, null, "visit-approve");
        roster.setValidity(v.personId(), v.from(), v.to(), who);
        LOG.info("Visit #{} of {} approved by {}", visitId, v.personId(), who);
        publish(EVENT_APPROVED, v, who, null, Severity.INFO);
        return v;
    }

    @Override
    public Visit reject(long visitId, String note, String actor) {
        String who = actor(actor);
        Visit v = transition(visitId, List.of(VisitState.PENDING), VisitState.REJECTED, who, note(note),
                "visit-reject");
        closeValidity(v, who);
        LOG.info("Visit #{} of {} rejected by {}", visitId, v.personId(), who);
        publish(EVENT_REJECTED, v, who, null, Severity.INFO);
        return v;
    }

    @Override
    public Visit cancel(long visitId, String note, String actor) {
        String who = actor(actor);
        Visit v = transition(visitId, List.of(VisitState.PENDING, VisitState.APPROVED), VisitState.CANCELLED, who,
                note(note), "visit-cancel");
        closeValidity(v, who);
        LOG.info("Visit #{} of {} cancelled by {}", visitId, v.personId(), who);
        publish(EVENT_CANCELLED, v, who, null, Severity.INFO);
        return v;
    }

    @Override
    public Visit leave(long visitId, String actor) {
        String who = actor(actor);
        Visit v = transition(visitId, List.of(VisitState.ARRIVED), VisitState.LEFT, who, null, "visit-leave");
        closeValidity(v, who);
        LOG.info("Visit #{} of {} closed as left by {}", visitId, v.personId(), who);
        publish(EVENT_LEFT, v, who, null, Severity.INFO);
        return v;
    }

    /** Moves a visit from one of the allowed states, audited; approvals and rejections record the decider. */
    private Visit transition(long id, List<VisitState> allowed, VisitState to, String actor, String note,
                             String action) {
        long now = System.currentTimeMillis();
        return db.tx(c -> {
            Visit v = lock(c, id);
            if (!allowed.contains(v.state())) {
                throw GatehouseException.conflict("bad-state", "visit " + id + " is " + v.state() + ", not "
                        + String.join(" or ", allowed.stream().map(Enum::name).toList()));
            }
            boolean decision = to == VisitState.APPROVED || to == VisitState.REJECTED;
            Db.update(c, "UPDATE VISITS SET STATE = ?, NOTE = COALESCE(?, NOTE)"
                    + (decision ? ", DECIDED_BY = ?, DECIDED_MS = ?" : "")
                    + (to == VisitState.LEFT ? ", LEFT_MS = ?" : "") + " WHERE ID = ?",
                    decision ? new Object[] {to.name(), note, actor, now, id}
                            : to == VisitState.LEFT ? new Object[] {to.name(), note, now, id}
                            : new Object[] {to.name(), note, id});
            audit.record(c, actor, action, "visit", Long.toString(id), note);
            return lock(c, id);
        });
    }

    /** The visitor is no longer admitted: the validity becomes a window that already ended. */
    private void closeValidity(Visit v, String actor) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant end = v.to().isBefore(now) ? v.to() : now;
        Instant start = v.from().isBefore(end) ? v.from() : end.minusMillis(1);
        try {
            roster.setValidity(v.personId(), start, end, actor);
        } catch (GatehouseException e) {
            LOG.warn("Visit #{}: cannot close the access of {}: {}", v.id(), v.personId(), e.getMessage());
        }
    }

    private static String note(String note) {
        String n = note == null ? null : note.strip();
        return Limits.text("note", n, 500, false);
    }

    // ---------------------------------------------------------------- the gates

    /**
     * A gate event: a passage or a denial of a visitor becomes a sighting in the trail; an open passage in the window
     * makes an APPROVED visit ARRIVED, an open passage out makes it LEFT. Redelivered events are recognised by id.
     */
    void gateEvent(SecurityEvent e) {
        boolean passage = PassageService.EVENT_PASSAGE.equals(e.type());
        if (!passage && !PassageService.EVENT_DENIED.equals(e.type())) {
            return;
        }
        String personId = e.personId();
        if (personId == null || !personId.startsWith(PERSON_PREFIX)) {
            return;
        }
        Optional<Visit> found = visitOfPerson(personId);
        if (found.isEmpty()) {
            return;
        }
        Map<String, String> a = e.attributes();
        String opened = a.get("open");
        boolean open = passage && "true".equals(opened);
        String direction = a.get("direction");
        Instant at = (e.time() == null ? Instant.now() : e.time()).truncatedTo(ChronoUnit.MILLIS);
        Long passageId = parseLong(a.get("passageId"));
        long visitId = found.get().id();
        VisitState[] change = new VisitState[1];
        Visit after = db.tx(c -> {
            if (Db.count(c, "SELECT COUNT(*) FROM VISIT_SIGHTINGS WHERE EVENT_ID = ?", e.id()) > 0) {
                return null;
            }
            Visit v = lock(c, visitId);
            Db.update(c, "INSERT INTO VISIT_SIGHTINGS (VISIT_ID, EVENT_ID, DEVICE_ID, ZONE_ID, DIRECTION,"
                    + " PASSAGE_ID, OPENED, AT_MS) VALUES (?,?,?,?,?,?,?,?)", visitId, e.id(), e.deviceId(),
                    e.zoneId(), direction, passageId, passage && !"false".equals(opened), at.toEpochMilli());
            if (v.lastSeenAt() == null || !at.isBefore(v.lastSeenAt())) {
                Db.update(c, "UPDATE VISITS SET LAST_SEEN_MS = ?, LAST_SEEN_DEVICE = ? WHERE ID = ?",
                        at.toEpochMilli(), e.deviceId(), visitId);
            }
            if (open) {
                boolean inWindow = !at.isBefore(v.from()) && at.isBefore(v.to());
                if (Passage.OUT.equals(direction) && (v.state() == VisitState.ARRIVED
                        || (v.state() == VisitState.APPROVED && inWindow))) {
                    Db.update(c, "UPDATE VISITS SET STATE = ?, LEFT_MS = ?, ARRIVED_MS = COALESCE(ARRIVED_MS, ?)"
                            + " WHERE ID = ?", VisitState.LEFT.name(), at.toEpochMilli(), at.toEpochMilli(), visitId);
                    audit.record(c, SYSTEM, "visit-left", "visit", Long.toString(visitId), "gate " + e.deviceId());
                    change[0] = VisitState.LEFT;
                } else if (!Passage.OUT.equals(direction) && v.state() == VisitState.APPROVED && inWindow) {
                    Db.update(c, "UPDATE VISITS SET STATE = ?, ARRIVED_MS = ? WHERE ID = ?",
                            VisitState.ARRIVED.name(), at.toEpochMilli(), visitId);
                    audit.record(c, SYSTEM, "visit-arrive", "visit", Long.toString(visitId), "gate " + e.deviceId());
                    change[0] = VisitState.ARRIVED;
                }
            }
            return lock(c, visitId);
        });
        if (after == null || change[0] == null) {
            return;
        }
        if (change[0] == VisitState.ARRIVED) {
            LOG.info("Visit #{}: {} arrived at {}", visitId, personId, e.deviceId());
            publish(EVENT_ARRIVED, after, SYSTEM, e.deviceId(), Severity.INFO, passageId, at);
        } else {
            closeValidity(after, SYSTEM);
            LOG.info("Visit #{}: {} left through {}", visitId, personId, e.deviceId());
            publish(EVENT_LEFT, after, SYSTEM, e.deviceId(), Severity.INFO, passageId, at);
        }
    }

    private static Long parseLong(String s) {
        try {
            return s == null ? null : Long.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- the periodic check

    /** What one {@link #check(Instant)} did. */
    public record CheckRun(int expired, int overstays, int purged) {
    }

    /**
     * Expires PENDING and APPROVED visits whose window ended, flags ARRIVED visitors still on campus after it (event
     * {@code visit.overstay}, once per visit), and deletes the faces and ID numbers of visits whose window ended more
     * than {@code visitor.retention.days} ago (the records stay). Called every minute.
     */
    public CheckRun check(Instant now) {
        long t = now.toEpochMilli();
        List<Long> due = db.tx(c -> Db.list(c, "SELECT ID FROM VISITS WHERE STATE IN (?,?) AND TO_MS <= ?"
                + " ORDER BY ID", rs -> rs.getLong(1), VisitState.PENDING.name(), VisitState.APPROVED.name(), t));
        int expired = 0;
        for (long id : due) {
            try {
                Visit v = transition(id, List.of(VisitState.PENDING, VisitState.APPROVED), VisitState.EXPIRED, SYSTEM,
                        null, "visit-expire");
                expired++;
                LOG.info("Visit #{} of {} expired", id, v.personId());
                publish(EVENT_EXPIRED, v, SYSTEM, null, Severity.INFO);
            } catch (GatehouseException e) {
                LOG.debug("Visit #{} changed meanwhile: {}", id, e.getMessage());
            }
        }
        List<Long> stayed = db.tx(c -> Db.list(c, "SELECT ID FROM VISITS WHERE STATE = ? AND TO_MS <= ?"
                + " AND OVERSTAY = 0 ORDER BY ID", rs -> rs.getLong(1), VisitState.ARRIVED.name(), t));
        int overstays = 0;
        for (long id : stayed) {
            Visit v = db.tx(c -> {
                if (Db.update(c, "UPDATE VISITS SET OVERSTAY = 1 WHERE ID = ? AND OVERSTAY = 0 AND STATE = ?", id,
                        VisitState.ARRIVED.name()) == 0) {
                    return null;
                }
                audit.record(c, SYSTEM, "visit-overstay", "visit", Long.toString(id), null);
                return lock(c, id);
            });
            if (v != null) {
                overstays++;
                LOG.warn("Visit #{}: {} is still on campus after {}", id, v.personId(), v.to());
                publish(EVENT_OVERSTAY, v, SYSTEM, v.lastSeenDevice(), Severity.WARNING);
            }
        }
        long cutoff = now.minus(settings.retentionDays(), ChronoUnit.DAYS).toEpochMilli();
        List<Object[]> old = db.tx(c -> Db.list(c, "SELECT ID, PERSON_ID FROM VISITS WHERE TO_MS <= ?"
                + " AND PURGED_MS IS NULL ORDER BY ID", rs -> new Object[] {rs.getLong(1), rs.getString(2)}, cutoff));
        int purged = 0;
        for (Object[] row : old) {
            long id = (Long) row[0];
            String personId = (String) row[1];
            try {
                int photos = personId == null ? 0 : faces.deletePerson(personId, SYSTEM);
                db.tx(c -> {
                    Db.update(c, "UPDATE VISITS SET ID_NUMBER = NULL, ID_MASKED = NULL, PHOTO = 0, PURGED_MS = ?"
                            + " WHERE ID = ?", t, id);
                    audit.record(c, SYSTEM, "visit-purge", "visit", Long.toString(id), photos
                            + " face photos and the ID number deleted after " + settings.retentionDays() + " days");
                    return null;
                });
                purged++;
            } catch (GatehouseException e) {
                LOG.warn("Visit #{}: retention purge failed: {}", id, e.getMessage());
            }
        }
        if (purged > 0) {
            LOG.info("Purged the faces and ID numbers of {} visits older than {} days", purged,
                    settings.retentionDays());
        }
        return new CheckRun(expired, overstays, purged);
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Optional<Visit> visit(long visitId) {
        Optional<Visit> v = db.tx(c -> Db.one(c, "SELECT * FROM VISITS WHERE ID = ?", VisitServiceImpl::map, visitId));
        return v.map(this::withHost);
    }

    @Override
    public Optional<Visit> visitOfPerson(String personId) {
        if (personId == null || !personId.startsWith(PERSON_PREFIX)) {
            return Optional.empty();
        }
        return db.tx(c -> Db.one(c, "SELECT * FROM VISITS WHERE PERSON_ID = ?", VisitServiceImpl::map, personId))
                .map(this::withHost);
    }

    @Override
    public Page<Visit> visits(LocalDate date, VisitState state, int offset, int limit) {
        return visits(date, state, null, offset, limit);
    }

    @Override
    public Page<Visit> visits(LocalDate date, VisitState state, String hostId, int offset, int limit) {
        int lim = Limits.pageSize(limit);
        int off = Limits.offset(offset);
        Db.Where w = new Db.Where().and("STATE = ?", state == null ? null : state.name())
                .and("HOST_ID = ?", hostId == null || hostId.isBlank() ? null : hostId);
        if (date != null) {
            ZoneId z = zone.get();
            w.and("TO_MS > ?", date.atStartOfDay(z).toInstant().toEpochMilli())
                    .and("FROM_MS < ?", date.plusDays(1).atStartOfDay(z).toInstant().toEpochMilli());
        }
        Page<Visit> page = db.tx(c -> new Page<>(Db.list(c, "SELECT * FROM VISITS" + w.sql()
                        + " ORDER BY FROM_MS DESC, ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                VisitServiceImpl::map, w.params(off, lim)),
                Db.count(c, "SELECT COUNT(*) FROM VISITS" + w.sql(), w.params()), off, lim));
        Map<String, String> names = new HashMap<>();
        return new Page<>(page.items().stream().map(v -> withHost(v, names.computeIfAbsent(v.hostId(),
                this::hostName))).toList(), page.total(), off, lim);
    }

    @Override
    public List<Sighting> trail(long visitId) {
        visit(visitId).orElseThrow(() -> unknownVisit(visitId));
        return db.tx(c -> Db.list(c, "SELECT * FROM VISIT_SIGHTINGS WHERE VISIT_ID = ? ORDER BY AT_MS, ID",
                rs -> new Sighting(rs.getLong("VISIT_ID"), rs.getString("DEVICE_ID"), rs.getString("ZONE_ID"),
                        rs.getString("DIRECTION"), Db.nullableLong(rs, "PASSAGE_ID"), ms(rs, "AT_MS")), visitId));
    }

    @Override
    public byte[] photoOf(long visitId, String reader) {
        Visit v = visit(visitId).orElseThrow(() -> unknownVisit(visitId));
        byte[] data = roster.facePhoto(v.personId()).orElseThrow(() -> GatehouseException.notFound("no-photo",
                "visit " + visitId + " has no face photo"));
        audit.record(actor(reader), "visit-photo-read", "visit", Long.toString(visitId), v.personId());
        return data;
    }

    private Visit withHost(Visit v) {
        return withHost(v, hostName(v.hostId()));
    }

    private static Visit withHost(Visit v, String hostName) {
        return new Visit(v.id(), v.personId(), v.visitorName(), v.phone(), v.idNumber(), v.hostId(), hostName,
                v.purpose(), v.from(), v.to(), v.state(), v.photo(), v.source(), v.createdBy(), v.createdAt(),
                v.decidedBy(), v.decidedAt(), v.note(), v.arrivedAt(), v.leftAt(), v.lastSeenAt(), v.lastSeenDevice(),
                v.overstay());
    }

    private String hostName(String hostId) {
        return persons.person(hostId, null).map(Person::name).orElse(null);
    }

    private static Visit lock(Connection c, long id) throws SQLException {
        return Db.one(c, "SELECT * FROM VISITS WHERE ID = ? FOR UPDATE", VisitServiceImpl::map, id)
                .orElseThrow(() -> unknownVisit(id));
    }

    private static GatehouseException unknownVisit(long id) {
        return GatehouseException.notFound("unknown-visit", "visit " + id + " does not exist");
    }

    private static Instant ms(ResultSet rs, String column) throws SQLException {
        Long v = Db.nullableLong(rs, column);
        return v == null ? null : Instant.ofEpochMilli(v);
    }

    /** A row; the host's name is filled in by {@link #withHost}. */
    static Visit map(ResultSet rs) throws SQLException {
        return new Visit(rs.getLong("ID"), rs.getString("PERSON_ID"), rs.getString("VISITOR_NAME"),
                rs.getString("PHONE"), rs.getString("ID_MASKED"), rs.getString("HOST_ID"), null,
                rs.getString("PURPOSE"), ms(rs, "FROM_MS"), ms(rs, "TO_MS"), VisitState.valueOf(rs.getString("STATE")),
                rs.getShort("PHOTO") != 0, rs.getString("SOURCE"), rs.getString("CREATED_BY"), ms(rs, "CREATED_MS"),
                rs.getString("DECIDED_BY"), ms(rs, "DECIDED_MS"), rs.getString("NOTE"), ms(rs, "ARRIVED_MS"),
                ms(rs, "LEFT_MS"), ms(rs, "LAST_SEEN_MS"), rs.getString("LAST_SEEN_DEVICE"),
                rs.getShort("OVERSTAY") != 0);
    }

    // ---------------------------------------------------------------- events

    /**
     * Publishes {@code visit.<state>} with the attributes the routes need to message the host; a refusal is logged,
     * the visit stays.
     */
    private void publish(String type, Visit v, String actor, String deviceId, Severity severity) {
        publish(type, v, actor, deviceId, severity, null, null);
    }

    /**
     * @param passageId the passage that changed the visit (its snapshot for the host's message), or null
     * @param time      when it happened, null for now
     */
    private void publish(String type, Visit v, String actor, String deviceId, Severity severity, Long passageId,
                         Instant time) {
        String device = deviceId != null && sites.device(deviceId).isPresent() ? deviceId
                : eventDevice().map(Device::id).orElse(null);
        if (device == null) {
            LOG.warn("Visit #{}: no device is registered, so {} is not published", v.id(), type);
            return;
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("visitId", Long.toString(v.id()));
        attrs.put("hostId", v.hostId());
        if (v.hostName() != null) {
            attrs.put("hostName", v.hostName());
        }
        attrs.put("state", v.state().name());
        attrs.put("visitorName", v.visitorName());
        attrs.put("personId", v.personId());
        attrs.put("from", v.from().toString());
        attrs.put("to", v.to().toString());
        if (v.purpose() != null) {
            attrs.put("purpose", v.purpose());
        }
        if (v.note() != null) {
            attrs.put("note", v.note());
        }
        if (v.overstay()) {
            attrs.put("overstay", "true");
        }
        attrs.put("actor", actor);
        if (passageId != null) {
            attrs.put("passageId", Long.toString(passageId));
        }
        // one alarm per visit (an overstay of two visitors last seen at one gate are two alarms)
        attrs.put(org.gatehouse.api.service.AlarmService.SOURCE_ATTRIBUTE, "visit-" + v.id());
        String id = "visit-" + v.id() + "-" + type.substring(type.indexOf('.') + 1);
        try {
            events.ingest(new SecurityEvent(id, time, null, device, null, type, severity, attrs,
                    passageId == null ? null : "passages/" + passageId + "/snapshot", v.personId()));
        } catch (GatehouseException e) {
            LOG.warn("Visit #{}: event {} refused: {} {}", v.id(), type, e.code(), e.getMessage());
        }
    }

    private Optional<Device> eventDevice() {
        List<Device> all = sites.devices(null);
        return all.stream().filter(d -> FACEGATE.equals(d.type())).findFirst().or(() -> all.stream().findFirst());
    }

    private static String actor(String actor) {
        return actor == null || actor.isBlank() ? SYSTEM : actor;
    }
}
