package org.gatehouse.core.internal.access.roster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.gatehouse.api.Device;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.access.GateDecision;
import org.gatehouse.api.access.RosterEntry;
import org.gatehouse.api.access.RosterService;
import org.gatehouse.api.access.SyncState;
import org.gatehouse.api.access.SyncStatus;
import org.gatehouse.api.access.SyncSummary;
import org.gatehouse.api.face.Consent;
import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.audit.AuditTrail;
import org.gatehouse.core.internal.face.FacePhotos;
import org.gatehouse.core.internal.store.Db;
import org.osgi.annotation.bundle.Capability;

/**
 * The rosters of the face terminals, computed from persons, enrollment photos, guardian consent, access validity
 * (table PERSON_VALIDITY) and the terminal's device properties {@code roster.roles} / {@code roster.groups}; the sync
 * outcomes the drivers report (GATE_SYNC, GATE_SYNC_RUN). {@link #version()} is bumped by the composition root's
 * listeners on persons, photos, consent and devices, by validity changes and retries, and by {@link #checkValidity}
 * when a validity begins or ends.
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.access.RosterService")
public final class RosterServiceImpl implements RosterService {
    /** Device type of a face gate. */
    public static final String FACEGATE = "facegate";
    /** Device property: the roles on the roster (comma separated, default student,staff,visitor). */
    public static final String ROLES = "roster.roles";
    /** Device property: the classes on the roster (comma separated, empty = every class). */
    public static final String GROUPS = "roster.groups";
    /**
     * Visitors are on by default, but only inside a validity window (their approved visit); a gate that lists
     * {@code visitor} in {@code roster.roles} admits every visitor as before.
     */
    private static final Set<PersonRole> DEFAULT_ROLES = Set.of(PersonRole.STUDENT, PersonRole.STAFF,
            PersonRole.VISITOR);
    private static final int MAX_ERROR = 500;

    private final Db db;
    private final AuditTrail audit;
    private final SiteService sites;
    private final PersonService persons;
    private final FaceService faces;
    private final FacePhotos photos;
    private final AtomicLong version = new AtomicLong(1);
    private volatile Instant lastValidityCheck = Instant.now();

    public RosterServiceImpl(Db db, AuditTrail audit, SiteService sites, PersonService persons, FaceService faces,
                             FacePhotos photos) {
        this.db = db;
        this.audit = audit;
        this.sites = sites;
        this.persons = persons;
        this.faces = faces;
        this.photos = photos;
    }

    /** Something a roster depends on changed: drivers sync again. */
    public void changed() {
        version.incrementAndGet();
    }

    @Override
    public long version() {
        return version.get();
    }

    /**
     * Bumps {@link #version()} when a validity began or ended since the last check (called every minute).
     *
     * @return whether it bumped
     */
    public boolean checkValidity(Instant now) {
        Instant since = lastValidityCheck;
        lastValidityCheck = now;
        long n = db.tx(c -> Db.count(c, "SELECT COUNT(*) FROM PERSON_VALIDITY WHERE (FROM_MS > ? AND FROM_MS <= ?)"
                + " OR (TO_MS > ? AND TO_MS <= ?)", since.toEpochMilli(), now.toEpochMilli(), since.toEpochMilli(),
                now.toEpochMilli()));
        if (n > 0) {
            changed();
            return true;
        }
        return false;
    }

    /** @return the facegate device, or NOT_FOUND unknown-device / INVALID not-a-facegate */
    public Device gate(String deviceId) {
        Limits.id("deviceId", deviceId);
        Device d = sites.device(deviceId).orElseThrow(() -> GatehouseException.notFound("unknown-device",
                "no device " + deviceId));
        if (!FACEGATE.equals(d.type())) {
            throw GatehouseException.invalid("not-a-facegate", "device " + deviceId + " is a " + d.type()
                    + ", not a facegate");
        }
        return d;
    }

    @Override
    public List<RosterEntry> roster(String deviceId) {
        Device gate = gate(deviceId);
        Set<PersonRole> roles = roles(gate);
        Set<String> groups = groups(gate);
        Map<String, String> hashes = photos.newestPhotoHashes();
        Map<String, Instant[]> validity = validities();
        Map<String, Boolean> consents = photos.consentDecisions();
        Instant now = Instant.now();
        List<RosterEntry> out = new ArrayList<>();
        for (PersonRole role : roles) {
            for (int off = 0; ; off += Limits.MAX_PAGE) {
                Page<Person> page = persons.persons(role, null, off, Limits.MAX_PAGE);
                for (Person p : page.items()) {
                    String hash = hashes.get(p.id());
                    Instant[] v = validity.get(p.id());
                    if (hash != null && inGroups(p, groups) && valid(v, now) && (v != null || !needsWindow(gate, p))
                            && consented(p, consents.get(p.id()))) {
                        out.add(new RosterEntry(p.id(), p.name(), p.role(), p.group(), v == null ? null : v[0],
                                v == null ? null : v[1], hash));
                    }
                }
                if (page.items().size() < Limits.MAX_PAGE) {
                    break;
                }
            }
        }
        out.sort(Comparator.comparing(RosterEntry::personId));
        return out;
    }

    /**
     * Why a known person may not pass a gate at a time by its roster rules (role, class, consent, validity), without
     * looking at photos (the face was just recognised).
     *
     * @return null when admitted, {@link GateDecision#REASON_NOT_ALLOWED} or {@link GateDecision#REASON_EXPIRED}
     */
    public String refusal(Device gate, Person p, Instant at) {
        if (!roles(gate).contains(p.role()) || !inGroups(p, groups(gate))
                || !consented(p, p.role() == PersonRole.STUDENT ? faces.consent(p.id()).map(Consent::granted)
                .orElse(null) : null)) {
            return GateDecision.REASON_NOT_ALLOWED;
        }
        Optional<Instant[]> v = validity(p.id());
        if (v.isEmpty() && needsWindow(gate, p)) {
            return GateDecision.REASON_NOT_ALLOWED;
        }
        return v.isPresent() && !valid(v.get(), at) ? GateDecision.REASON_EXPIRED : null;
    }

    private static Set<PersonRole> roles(Device gate) {
        String raw = gate.properties().get(ROLES);
        if (raw == null || raw.isBlank()) {
            return DEFAULT_ROLES;
        }
        Set<PersonRole> out = new LinkedHashSet<>();
        for (String r : raw.split(",")) {
            String name = r.trim().toUpperCase(Locale.ROOT);
            for (PersonRole pr : PersonRole.values()) {
                // the watchlist never goes to a terminal, whatever the gate's roster.roles say
                if (pr.name().equals(name) && pr != PersonRole.WATCHLIST) {
                    out.add(pr);
                }
            }
        }
        return out;
    }

    private static Set<String> groups(Device gate) {
        String raw = gate.properties().get(GROUPS);
        if (raw == null || raw.isBlank()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    private static boolean inGroups(Person p, Set<String> groups) {
        return groups.isEmpty() || (p.group() != null && groups.contains(p.group()));
    }

    /**
     * Students only with a granted guardian consent: the latest decision ({@code decision}, null when none was
     * recorded), else a guardian binding's consent flag.
     */
    private boolean consented(Person p, Boolean decision) {
        if (p.role() != PersonRole.STUDENT) {
            return true;
        }
        return decision != null ? decision : persons.guardians(p.id()).stream().anyMatch(GuardianBinding::consent);
    }

    /** A visitor at a gate with the default roles needs a validity window (an approved visit). */
    private static boolean needsWindow(Device gate, Person p) {
        String raw = gate.properties().get(ROLES);
        return p.role() == PersonRole.VISITOR && (raw == null || raw.isBlank());
    }

    private static boolean valid(Instant[] v, Instant at) {
        return v == null || ((v[0] == null || !at.isBefore(v[0])) && (v[1] == null || at.isBefore(v[1])));
    }

    private Map<String, Instant[]> validities() {
        Map<String, Instant[]> out = new HashMap<>();
        db.tx(c -> Db.list(c, "SELECT PERSON_ID, FROM_MS, TO_MS FROM PERSON_VALIDITY", rs -> {
            out.put(rs.getString(1), new Instant[] {instant(Db.nullableLong(rs, "FROM_MS")),
                    instant(Db.nullableLong(rs, "TO_MS"))});
            return null;
        }));
        return out;
    }

    private static Instant instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    @Override
    public Optional<byte[]> facePhoto(String personId) {
        Limits.id("personId", personId);
        return photos.newestPhoto(personId);
    }

    @Override
    public void report(String deviceId, String personId, SyncState state, String faceHash, String error) {
        Limits.id("deviceId", deviceId);
        Limits.id("personId", personId);
        if (state == null) {
            throw GatehouseException.invalid("missing-state", "a sync outcome needs a state: SYNCED, FAILED or REMOVED");
        }
        String hash = Limits.text("faceHash", faceHash, 64, false);
        String err = clip(error);
        long now = System.currentTimeMillis();
        db.tx(c -> {
            int n = Db.update(c, "UPDATE GATE_SYNC SET STATE = ?, FACE_HASH = ?, ERROR = ?, UPDATED_MS = ?"
                    + " WHERE DEVICE_ID = ? AND PERSON_ID = ?", state.name(), hash, err, now, deviceId, personId);
            if (n == 0) {
                Db.update(c, "INSERT INTO GATE_SYNC (DEVICE_ID, PERSON_ID, STATE, FACE_HASH, ERROR, UPDATED_MS)"
                        + " VALUES (?,?,?,?,?,?)", deviceId, personId, state.name(), hash, err, now);
            }
            return null;
        });
    }

    @Override
    public void reportRun(String deviceId, String error) {
        Limits.id("deviceId", deviceId);
        String err = clip(error);
        long now = System.currentTimeMillis();
        db.tx(c -> {
            int n = Db.update(c, "UPDATE GATE_SYNC_RUN SET LAST_RUN_MS = ?, LAST_ERROR = ? WHERE DEVICE_ID = ?", now,
                    err, deviceId);
            if (n == 0) {
                Db.update(c, "INSERT INTO GATE_SYNC_RUN (DEVICE_ID, LAST_RUN_MS, LAST_ERROR) VALUES (?,?,?)",
                        deviceId, now, err);
            }
            return null;
        });
    }

    private static String clip(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        return s.length() > MAX_ERROR ? s.substring(0, MAX_ERROR - 1) + "…" : s;
    }

    @Override
    public List<SyncStatus> status(String deviceId) {
        Limits.id("deviceId", deviceId);
        return db.tx(c -> Db.list(c, "SELECT * FROM GATE_SYNC WHERE DEVICE_ID = ? ORDER BY PERSON_ID", rs ->
                new SyncStatus(rs.getString("DEVICE_ID"), rs.getString("PERSON_ID"),
                        SyncState.valueOf(rs.getString("STATE")), rs.getString("FACE_HASH"), rs.getString("ERROR"),
                        Instant.ofEpochMilli(rs.getLong("UPDATED_MS"))), deviceId));
    }

    @Override
    public SyncSummary summary(String deviceId) {
        List<RosterEntry> desired = roster(deviceId);
        Map<String, SyncStatus> status = new HashMap<>();
        status(deviceId).forEach(s -> status.put(s.personId(), s));
        int synced = 0;
        int failed = 0;
        Set<String> wanted = new java.util.HashSet<>();
        for (RosterEntry e : desired) {
            wanted.add(e.personId());
            SyncStatus s = status.get(e.personId());
            if (s != null && e.faceHash().equals(s.faceHash())) {
                if (s.state() == SyncState.SYNCED) {
                    synced++;
                } else if (s.state() == SyncState.FAILED) {
                    failed++;
                }
            }
        }
        long removals = status.values().stream().filter(s -> s.state() != SyncState.REMOVED
                && !wanted.contains(s.personId())).count();
        Optional<Object[]> run = db.tx(c -> Db.one(c, "SELECT LAST_RUN_MS, LAST_ERROR FROM GATE_SYNC_RUN"
                + " WHERE DEVICE_ID = ?", rs -> new Object[] {rs.getLong(1), rs.getString(2)}, deviceId));
        return new SyncSummary(deviceId, desired.size(), synced, failed,
                desired.size() - synced - failed + (int) removals,
                run.map(r -> Instant.ofEpochMilli((Long) r[0])).orElse(null), run.map(r -> (String) r[1]).orElse(null));
    }

    @Override
    public void retry(String deviceId, String actor) {
        if (deviceId != null) {
            gate(deviceId);
        }
        String who = actor == null || actor.isBlank() ? "system" : actor;
        db.tx(c -> {
            int k = deviceId == null ? Db.update(c, "DELETE FROM GATE_SYNC WHERE STATE = ?", SyncState.FAILED.name())
                    : Db.update(c, "DELETE FROM GATE_SYNC WHERE STATE = ? AND DEVICE_ID = ?",
                    SyncState.FAILED.name(), deviceId);
            audit.record(c, who, "gate-sync-retry", "device", deviceId, k + " failed persons due again");
            return null;
        });
        changed();
    }

    @Override
    public void setValidity(String personId, Instant from, Instant to, String actor) {
        Limits.id("personId", personId);
        if (persons.person(personId, null).isEmpty()) {
            throw GatehouseException.notFound("unknown-person", "person '" + personId + "' does not exist");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw GatehouseException.invalid("bad-validity", "the validity of '" + personId + "' must begin ("
                    + from + ") before it ends (" + to + ")");
        }
        String who = actor == null || actor.isBlank() ? "system" : actor;
        db.tx(c -> {
            Db.update(c, "DELETE FROM PERSON_VALIDITY WHERE PERSON_ID = ?", personId);
            if (from != null || to != null) {
                try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO PERSON_VALIDITY (PERSON_ID,"
                        + " FROM_MS, TO_MS) VALUES (?,?,?)")) {
                    ps.setString(1, personId);
                    ps.setObject(2, from == null ? null : from.toEpochMilli(), java.sql.Types.BIGINT);
                    ps.setObject(3, to == null ? null : to.toEpochMilli(), java.sql.Types.BIGINT);
                    ps.executeUpdate();
                }
            }
            audit.record(c, who, "person-validity", "person", personId, (from == null ? "open" : from.toString())
                    + " .. " + (to == null ? "open" : to.toString()));
            return null;
        });
        changed();
    }

    @Override
    public Optional<Instant[]> validity(String personId) {
        Limits.id("personId", personId);
        return db.tx(c -> Db.one(c, "SELECT FROM_MS, TO_MS FROM PERSON_VALIDITY WHERE PERSON_ID = ?",
                rs -> new Instant[] {instant(Db.nullableLong(rs, "FROM_MS")), instant(Db.nullableLong(rs, "TO_MS"))},
                personId));
    }
}
