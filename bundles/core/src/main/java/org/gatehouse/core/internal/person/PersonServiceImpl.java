package org.gatehouse.core.internal.person;

import org.osgi.annotation.bundle.Capability;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.audit.AuditTrail;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.core.internal.store.Db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.Zone;
import org.gatehouse.api.service.PersonService;

/** Persons and guardian bindings in Derby; changes and reads of one person are audited. */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.service.PersonService")
public final class PersonServiceImpl implements PersonService, GuardianConsent {
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{6,15}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final List<String> LANGUAGES = List.of("zh-CN", "en");
    static final List<String> CHANNELS = List.of("sms", "email", "push", "mqtt", "im");

    private final Db db;
    private final AuditTrail audit;
    private final SiteService sites;
    private volatile java.util.function.Consumer<String> onDelete = id -> { };
    private volatile Runnable changed = () -> { };

    public PersonServiceImpl(Db db, AuditTrail audit, SiteService sites) {
        this.db = db;
        this.audit = audit;
        this.sites = sites;
    }

    @Override
    public Page<Person> persons(PersonRole role, String group, int offset, int limit) {
        int lim = Limits.pageSize(limit);
        int off = Limits.offset(offset);
        Db.Where w = new Db.Where().and("ROLE = ?", role == null ? null : role.name()).and("GRP = ?", group);
        return db.tx(c -> new Page<>(Db.list(c, "SELECT * FROM PERSONS" + w.sql()
                + " ORDER BY ID OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", PersonServiceImpl::map, w.params(off, lim)),
                Db.count(c, "SELECT COUNT(*) FROM PERSONS" + w.sql(), w.params()), off, lim));
    }

    @Override
    public Optional<Person> person(String id, String reader) {
        Optional<Person> p = find(id);
        if (p.isPresent() && reader != null) {
            audit.record(reader, "person-read", "person", id, null);
        }
        return p;
    }

    private Optional<Person> find(String id) {
        return db.tx(c -> Db.one(c, "SELECT * FROM PERSONS WHERE ID = ?", PersonServiceImpl::map, id));
    }

    /** Normalises a phone number: spaces, dashes and brackets go. */
    static String phone(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String p = raw.replaceAll("[\\s()\\-]", "");
        if (!PHONE.matcher(p).matches()) {
            throw GatehouseException.invalid("bad-phone", "phone '" + raw + "' is not a phone number (+ and 6-15 digits)");
        }
        return p;
    }

    @Override
    public Person savePerson(Person person, String actor) {
        Limits.body(person, "a person");
        Limits.id("id", person.id());
        Limits.text("name", person.name(), 200, true);
        if (person.role() == null) {
            throw GatehouseException.invalid("missing-role", "role is required: STUDENT, STAFF, GUARDIAN, VISITOR or WATCHLIST");
        }
        String email = Limits.text("email", person.email(), 320, false);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw GatehouseException.invalid("bad-email", "email '" + email + "' is not an e-mail address");
        }
        String language = person.language() == null || person.language().isBlank() ? "zh-CN" : person.language();
        if (!LANGUAGES.contains(language)) {
            throw GatehouseException.invalid("bad-language", "language must be one of " + LANGUAGES);
        }
        if (person.group() != null) {
            Limits.id("group", person.group());
        }
        Person p = new Person(person.id(), person.name(), person.role(), phone(person.phone()), email, language,
                person.group());
        db.tx(c -> {
            upsert(c, p, actor);
            return p;
        });
        changed.run();
        return p;
    }

    /** Called after every committed change of persons (added, updated, imported, deleted). */
    public void onChange(Runnable listener) {
        this.changed = listener;
    }

    /** Writes a validated person inside a caller's transaction; @return true when it existed */
    boolean upsert(java.sql.Connection c, Person p, String actor) throws SQLException {
        boolean exists = Db.count(c, "SELECT COUNT(*) FROM PERSONS WHERE ID = ?", p.id()) > 0;
        if (exists) {
            Db.update(c, "UPDATE PERSONS SET NAME = ?, ROLE = ?, PHONE = ?, EMAIL = ?, LANGUAGE = ?, GRP = ? WHERE ID = ?",
                    p.name(), p.role().name(), p.phone(), p.email(), p.language(), p.group(), p.id());
        } else {
            Db.update(c, "INSERT INTO PERSONS (ID, NAME, ROLE, PHONE, EMAIL, LANGUAGE, GRP) VALUES (?,?,?,?,?,?,?)",
                    p.id(), p.name(), p.role().name(), p.phone(), p.email(), p.language(), p.group());
        }
        audit.record(c, actor, exists ? "person-update" : "person-add", "person", p.id(), p.role().name());
        return exists;
    }

    /** Persons by id, for the ids that exist. */
    java.util.Map<String, Person> findAll(java.util.Collection<String> ids) {
        java.util.Map<String, Person> out = new java.util.HashMap<>();
        List<String> all = new ArrayList<>(ids);
        return db.tx(c -> {
            for (int i = 0; i < all.size(); i += 500) {
                List<String> chunk = all.subList(i, Math.min(all.size(), i + 500));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                for (Person p : Db.list(c, "SELECT * FROM PERSONS WHERE ID IN (" + marks + ")", PersonServiceImpl::map,
                        chunk.toArray())) {
                    out.put(p.id(), p);
                }
            }
            return out;
        });
    }

    @Override
    public ImportSummary importCsv(byte[] csv, boolean dryRun, String actor) {
        PersonImport.Plan plan = PersonImport.plan(csv, dryRun, this::findAll);
        if (!plan.writable()) {
            return plan.summary();
        }
        db.tx(c -> {
            for (Person p : plan.persons()) {
                upsert(c, p, actor);
            }
            for (GuardianBinding b : plan.bindings()) {
                writeBinding(c, b, actor);
            }
            ImportSummary s = plan.summary();
            audit.record(c, actor, "person-import", "person", null, "rows " + s.rows() + ", created " + s.created()
                    + ", updated " + s.updated() + ", bindings " + s.bindings());
            return null;
        });
        changed.run();
        return plan.summary();
    }

    /** Called after a person was deleted (their face data went with them by cascade). */
    public void onDelete(java.util.function.Consumer<String> listener) {
        this.onDelete = listener;
    }

    @Override
    public void deletePerson(String id, String actor) {
        db.tx(c -> {
            Db.deleteOne(c, "DELETE FROM PERSONS WHERE ID = ?", id, "unknown-person", "person");
            audit.removed(c, actor, "person", id);
            return null;
        });
        onDelete.accept(id);
        changed.run();
    }

    @Override
    public List<GuardianBinding> guardians(String studentId) {
        return db.tx(c -> Db.list(c, "SELECT * FROM GUARDIANS WHERE STUDENT_ID = ? ORDER BY ORD, GUARDIAN_ID",
                PersonServiceImpl::mapBinding, studentId));
    }

    @Override
    public List<GuardianBinding> children(String guardianId) {
        return db.tx(c -> Db.list(c, "SELECT * FROM GUARDIANS WHERE GUARDIAN_ID = ? ORDER BY STUDENT_ID",
                PersonServiceImpl::mapBinding, guardianId));
    }

    @Override
    public List<GuardianBinding> bindings() {
        return db.tx(c -> Db.list(c, "SELECT * FROM GUARDIANS ORDER BY STUDENT_ID, ORD, GUARDIAN_ID",
                PersonServiceImpl::mapBinding));
    }

    @Override
    public GuardianBinding bind(GuardianBinding b, String actor) {
        Limits.body(b, "a binding");
        Limits.id("guardianId", b.guardianId());
        Limits.id("studentId", b.studentId());
        Limits.text("relation", b.relation(), 64, false);
        String channel = b.preferredChannel() == null || b.preferredChannel().isBlank() ? "sms"
                : b.preferredChannel().toLowerCase(Locale.ROOT);
        if (!CHANNELS.contains(channel)) {
            throw GatehouseException.invalid("bad-channel", "preferredChannel must be one of " + CHANNELS);
        }
        Person guardian = find(b.guardianId()).orElseThrow(() -> GatehouseException.notFound("unknown-person",
                "guardian '" + b.guardianId() + "' does not exist"));
        Person student = find(b.studentId()).orElseThrow(() -> GatehouseException.notFound("unknown-person",
                "student '" + b.studentId() + "' does not exist"));
        if (guardian.role() != PersonRole.GUARDIAN || student.role() != PersonRole.STUDENT) {
            throw GatehouseException.invalid("bad-role", "a binding needs a GUARDIAN and a STUDENT, not "
                    + guardian.role() + " and " + student.role());
        }
        GuardianBinding out = new GuardianBinding(b.guardianId(), b.studentId(), b.relation(), channel, b.consent());
        db.tx(c -> {
            writeBinding(c, out, actor);
            return null;
        });
        return out;
    }

    /** Writes a validated binding inside a caller's transaction. */
    void writeBinding(java.sql.Connection c, GuardianBinding out, String actor) throws SQLException {
        String channel = out.preferredChannel();
        int n = Db.update(c, "UPDATE GUARDIANS SET RELATION = ?, CHANNEL = ?, CONSENT = ? WHERE GUARDIAN_ID = ?"
                + " AND STUDENT_ID = ?", out.relation(), channel, out.consent(), out.guardianId(), out.studentId());
        if (n == 0) {
            long ord = Db.count(c, "SELECT COUNT(*) FROM GUARDIANS WHERE STUDENT_ID = ?", out.studentId());
            Db.update(c, "INSERT INTO GUARDIANS (GUARDIAN_ID, STUDENT_ID, RELATION, CHANNEL, CONSENT, ORD)"
                    + " VALUES (?,?,?,?,?,?)", out.guardianId(), out.studentId(), out.relation(), channel,
                    out.consent(), (int) ord);
        }
        audit.record(c, actor, n == 0 ? "guardian-bind" : "guardian-update", "person", out.studentId(),
                "guardian " + out.guardianId() + " (" + channel + (out.consent() ? ", consent" : "") + ")");
    }

    @Override
    public void unbind(String guardianId, String studentId, String actor) {
        db.tx(c -> {
            if (Db.update(c, "DELETE FROM GUARDIANS WHERE GUARDIAN_ID = ? AND STUDENT_ID = ?", guardianId, studentId) == 0) {
                throw GatehouseException.notFound("unknown-binding", "guardian '" + guardianId
                        + "' is not bound to student '" + studentId + "'");
            }
            audit.record(c, actor, "guardian-unbind", "person", studentId, "guardian " + guardianId);
            return null;
        });
    }

    @Override
    public List<Contact> guardianContacts(String studentId) {
        List<Contact> out = new ArrayList<>();
        for (GuardianBinding b : guardians(studentId)) {
            find(b.guardianId()).ifPresent(g -> {
                String address = address(g, b.preferredChannel());
                if (address != null) {
                    out.add(new Contact(g, b.preferredChannel(), address, g.language()));
                } else if (g.phone() != null) {
                    out.add(new Contact(g, "sms", g.phone(), g.language()));
                }
            });
        }
        return out;
    }

    @Override
    public List<Contact> zoneContacts(String zoneId) {
        Zone zone = sites.zone(zoneId).orElseThrow(() -> GatehouseException.notFound("unknown-zone",
                "zone '" + zoneId + "' does not exist"));
        List<Contact> out = new ArrayList<>();
        for (String staffId : zone.responsibleStaff()) {
            find(staffId).ifPresent(p -> {
                if (p.phone() != null) {
                    out.add(new Contact(p, "sms", p.phone(), p.language()));
                }
                if (p.email() != null) {
                    out.add(new Contact(p, "email", p.email(), p.language()));
                }
            });
        }
        return out;
    }

    private static String address(Person p, String channel) {
        return switch (channel) {
            case "sms" -> p.phone();
            case "email" -> p.email();
            default -> p.id();
        };
    }

    static Person map(ResultSet rs) throws SQLException {
        return new Person(rs.getString("ID"), rs.getString("NAME"), PersonRole.valueOf(rs.getString("ROLE")),
                rs.getString("PHONE"), rs.getString("EMAIL"), rs.getString("LANGUAGE"), rs.getString("GRP"));
    }

    static GuardianBinding mapBinding(ResultSet rs) throws SQLException {
        return new GuardianBinding(rs.getString("GUARDIAN_ID"), rs.getString("STUDENT_ID"), rs.getString("RELATION"),
                rs.getString("CHANNEL"), rs.getShort("CONSENT") != 0);
    }

    @Override
    public void setConsent(Connection c, String guardianId, String studentId, boolean granted) throws SQLException {
        Db.update(c, "UPDATE GUARDIANS SET CONSENT = ? WHERE GUARDIAN_ID = ? AND STUDENT_ID = ?", granted, guardianId,
                studentId);
    }
}
