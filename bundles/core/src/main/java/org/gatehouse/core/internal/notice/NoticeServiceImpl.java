package org.gatehouse.core.internal.notice;

import org.osgi.annotation.bundle.Capability;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.audit.AuditServiceImpl;
import org.gatehouse.core.internal.outbox.OutboxServiceImpl;
import org.gatehouse.core.internal.person.PersonServiceImpl;
import org.gatehouse.core.internal.site.SiteServiceImpl;
import org.gatehouse.core.internal.store.Db;
import org.gatehouse.core.internal.store.JsonMap;
import org.gatehouse.core.internal.template.TemplateServiceImpl;
import org.gatehouse.core.internal.template.TemplateText;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.Site;
import org.gatehouse.api.service.NoticeService;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.api.service.OutboxService.OutboxMessage;
import org.gatehouse.api.service.OutboxService.Priority;
import org.gatehouse.api.service.PersonService.Contact;
import org.gatehouse.api.service.TemplateService;
import org.gatehouse.api.service.TemplateService.MessageKind;
import org.gatehouse.api.service.TemplateService.Template;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices in table NOTICES, their recipients in NOTICE_RECIPIENTS (joined with OUTBOX for the statistics). A scheduler
 * thread sends due occurrences: the due time is the stored {@code NEXT_MS}, moved on only after every recipient's
 * message is queued, so a crash in the middle repeats the occurrence and the dedupe keys fold what was queued already.
 * A weekly notice that missed occurrences while the platform was down sends only the latest one that is due.
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.service.NoticeService")
public final class NoticeServiceImpl implements NoticeService {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeServiceImpl.class);
    private static final Pattern CLASS = Pattern.compile("[0-9]+-[0-9A-Za-z]+");
    private static final Pattern GRADE = Pattern.compile("[0-9]+");
    /** Variables the service fills in per recipient. */
    private static final List<String> AUTO = List.of("school", "guardian", "student");
    static final String ONCE_OCCURRENCE = "1";
    /** Messages queued per transaction when a notice is sent. */
    static final int BATCH = 200;

    private final Db db;
    private final AuditServiceImpl audit;
    private final SiteServiceImpl sites;
    private final TemplateServiceImpl templates;
    private final OutboxServiceImpl outbox;
    private final Object wake = new Object();
    private volatile boolean running;
    private volatile boolean dirty;
    private Thread worker;

    public NoticeServiceImpl(Db db, AuditServiceImpl audit, SiteServiceImpl sites, TemplateServiceImpl templates,
                             OutboxServiceImpl outbox) {
        this.db = db;
        this.audit = audit;
        this.sites = sites;
        this.templates = templates;
        this.outbox = outbox;
    }

    // ---- scheduler ----

    public synchronized void start() {
        running = true;
        worker = new Thread(this::loop, "gatehouse-notices");
        worker.setDaemon(true);
        worker.start();
    }

    public synchronized void stop() {
        running = false; // no interrupt: Derby closes a connection whose thread is interrupted
        poke();
        if (worker != null) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    private void poke() {
        synchronized (wake) {
            dirty = true;
            wake.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            try {
                synchronized (wake) {
                    if (!dirty) {
                        wake.wait(2000);
                    }
                    dirty = false;
                }
                if (running) {
                    fireDue(Instant.now());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Notice scheduler: {}", e.getMessage());
            }
        }
    }

    /**
     * Sends every occurrence due at {@code now}.
     *
     * @return the number of occurrences sent
     */
    public int fireDue(Instant now) {
        List<Notice> due = db.tx(c -> Db.list(c, "SELECT * FROM NOTICES WHERE STATUS = 'SCHEDULED' AND NEXT_MS <= ?"
                + " ORDER BY NEXT_MS", NoticeServiceImpl::map, now.toEpochMilli()));
        int fired = 0;
        for (Notice n : due) {
            Instant at = n.nextAt();
            String occurrence = occurrence(n, at);
            int count = send(n, occurrence);
            Instant next = n.schedule().repeat() == Repeat.WEEKLY ? nextWeekly(n.schedule(), zone(),
                    (now.isAfter(at) ? now : at).plusMillis(1)) : null;
            int updated = db.tx(c -> {
                int u = Db.update(c, "UPDATE NOTICES SET NEXT_MS = ?, STATUS = ?, SENT_OCCURRENCES = SENT_OCCURRENCES + 1"
                        + " WHERE ID = ? AND NEXT_MS = ? AND STATUS = 'SCHEDULED'",
                        next == null ? null : next.toEpochMilli(), next == null ? Status.DONE.name() : Status.SCHEDULED.name(),
                        n.id(), at.toEpochMilli());
                audit.record(c, "system", "notice-send", "notice", n.id(), "occurrence " + occurrence + ", "
                        + count + " recipients");
                return u;
            });
            if (updated > 0) {
                fired++;
            }
            LOG.info("Notice {} occurrence {} queued to {} recipients; next: {}", n.id(), occurrence, count,
                    next == null ? "none" : next);
        }
        return fired;
    }

    /** @return {@code 1} for a one-off notice, the local date of the occurrence for a weekly one */
    String occurrence(Notice n, Instant at) {
        return n.schedule().repeat() == Repeat.ONCE ? ONCE_OCCURRENCE
                : LocalDate.ofInstant(at, zone()).toString();
    }

    /** The first weekly occurrence at or after {@code notBefore}, or null when it would be after {@code until}. */
    static Instant nextWeekly(Schedule s, ZoneId zone, Instant notBefore) {
        ZonedDateTime from = notBefore.atZone(zone);
        LocalDate d = from.toLocalDate().with(TemporalAdjusters.nextOrSame(s.day()));
        ZonedDateTime candidate = d.atTime(s.time()).atZone(zone);
        if (candidate.isBefore(from)) {
            candidate = d.plusWeeks(1).atTime(s.time()).atZone(zone);
        }
        return candidate.toLocalDate().isAfter(s.until()) ? null : candidate.toInstant();
    }

    // ---- sending ----

    /** A person an audience reaches, with the names of their students in the audience. */
    record Target(Contact contact, List<String> students) {
    }

    /** Queues one occurrence to every recipient; safe to repeat (dedupe keys). Returns the recipient count. */
    int send(Notice n, String occurrence) {
        List<Target> targets = expand(n.audience());
        String school = sites.sites().stream().findFirst().map(Site::name).orElse("");
        Map<String, Template> byLanguage = new HashMap<>();
        List<OutboxService.Request> requests = new ArrayList<>();
        List<Contact> contacts = new ArrayList<>();
        Priority priority = n.priority() == null ? Priority.NORMAL : n.priority();
        for (Target t : targets) {
            Contact c = t.contact();
            String lang = TemplateServiceImpl.language(c.language());
            String subject;
            String text;
            if (n.templateKind() != null) {
                Template tpl = byLanguage.computeIfAbsent(lang, l -> templates.template(n.templateKind(), l).orElseThrow());
                Map<String, String> values = new HashMap<>(n.variables());
                values.putIfAbsent("school", school);
                values.putIfAbsent("guardian", c.person().name());
                values.putIfAbsent("student", String.join(lang.equals("zh-CN") ? "、" : ", ", t.students()));
                subject = TemplateText.render(tpl.subject(), values).strip();
                text = TemplateText.render(tpl.body(), values).strip();
            } else {
                Text chosen = n.texts().stream().filter(x -> lang.equals(x.language())).findFirst()
                        .orElse(n.texts().get(0));
                subject = chosen.title();
                text = chosen.body();
            }
            Map<String, String> data = new LinkedHashMap<>();
            data.put("noticeId", n.id());
            data.put("occurrence", occurrence);
            data.put("personId", c.person().id());
            String phone = c.person().phone();
            boolean smsFallback = !"sms".equals(c.channel()) && phone != null;
            requests.add(new OutboxService.Request(c.channel(), null, "notice", c.address(), lang, subject, text, data,
                    dedupeKey(n.id(), occurrence, c.person().id()), priority, smsFallback ? "sms" : null,
                    smsFallback ? phone : null));
            contacts.add(c);
        }
        // one transaction per chunk holds the messages and their recipient rows: both or neither
        for (int i = 0; i < requests.size(); i += BATCH) {
            int from = i;
            int to = Math.min(requests.size(), i + BATCH);
            db.tx(c -> {
                List<OutboxMessage> queued = outbox.enqueueAll(c, requests.subList(from, to));
                for (int k = from; k < to; k++) {
                    Contact ct = contacts.get(k);
                    insertRecipient(c, new Object[] {n.id(), occurrence, ct.person().id(), ct.channel(), ct.address(),
                            requests.get(k).language(), queued.get(k - from).id()});
                }
                return null;
            });
            outbox.wakeUp();
        }
        return targets.size();
    }

    private static void insertRecipient(Connection c, Object[] r) throws SQLException {
        try {
            Db.update(c, "INSERT INTO NOTICE_RECIPIENTS (NOTICE_ID, OCCURRENCE, PERSON_ID, CHANNEL, ADDRESS, LANGUAGE,"
                    + " OUTBOX_ID) VALUES (?,?,?,?,?,?,?)", r);
        } catch (SQLException e) {
            if (!Db.isDuplicate(e)) {
                throw e;
            }
        }
    }

    static String dedupeKey(String noticeId, String occurrence, String personId) {
        return "notice:" + noticeId + ":" + occurrence + ":" + personId;
    }

    // ---- audience ----

    @Override
    public List<Contact> audience(String audience) {
        return expand(audience).stream().map(Target::contact).toList();
    }

    /** Parses and checks an audience; returns its terms. */
    static List<String[]> terms(String audience) {
        if (audience == null || audience.isBlank()) {
            throw GatehouseException.invalid("bad-audience", "audience is required: school, guardians, staff,"
                    + " grade:<n>, class:<n>-<m>, group:<g> or role:<ROLE>, comma-separated");
        }
        List<String[]> out = new ArrayList<>();
        for (String raw : audience.split(",")) {
            String t = raw.strip();
            int colon = t.indexOf(':');
            String kind = (colon < 0 ? t : t.substring(0, colon)).toLowerCase(Locale.ROOT);
            String arg = colon < 0 ? null : t.substring(colon + 1).strip();
            boolean ok = switch (kind) {
                case "school", "guardians", "staff" -> arg == null;
                case "grade" -> arg != null && GRADE.matcher(arg).matches();
                case "class" -> arg != null && CLASS.matcher(arg).matches();
                case "group" -> arg != null && arg.matches("[A-Za-z0-9_.:-]{1,64}");
                case "role" -> arg != null && isRole(arg);
                default -> false;
            };
            if (!ok) {
                throw GatehouseException.invalid("bad-audience", "audience term '" + t + "' is not one of school,"
                        + " guardians, staff, grade:<n>, class:<n>-<m> (a student's group, e.g. class:3-2),"
                        + " group:<g>, role:<ROLE>");
            }
            out.add(new String[] {kind, arg});
        }
        return out;
    }

    private static boolean isRole(String s) {
        try {
            PersonRole.valueOf(s.toUpperCase(Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Each person of the audience once: guardians on their preferred channel, others by phone, else e-mail. */
    List<Target> expand(String audience) {
        List<String[]> terms = terms(audience);
        Map<String, Person> persons = new HashMap<>();
        List<GuardianBinding> bindings = db.tx(c -> {
            for (Person p : Db.list(c, "SELECT * FROM PERSONS", PersonServiceImpl::map)) {
                persons.put(p.id(), p);
            }
            return Db.list(c, "SELECT * FROM GUARDIANS ORDER BY STUDENT_ID, ORD", PersonServiceImpl::mapBinding);
        });
        Map<String, List<GuardianBinding>> byStudent = new HashMap<>();
        for (GuardianBinding b : bindings) {
            byStudent.computeIfAbsent(b.studentId(), k -> new ArrayList<>()).add(b);
        }
        Map<String, Target> out = new TreeMap<>();
        for (Person p : new TreeMap<>(persons).values()) {
            for (String[] term : terms) {
                String kind = term[0];
                String arg = term[1];
                boolean student = p.role() == PersonRole.STUDENT;
                boolean studentsGuardians = student && switch (kind) {
                    case "school", "guardians" -> true;
                    case "grade" -> p.group() != null && (p.group().equals(arg) || p.group().startsWith(arg + "-"));
                    case "class", "group" -> arg.equals(p.group());
                    default -> false;
                };
                if (studentsGuardians) {
                    for (GuardianBinding b : byStudent.getOrDefault(p.id(), List.of())) {
                        Person g = persons.get(b.guardianId());
                        if (g == null) {
                            continue;
                        }
                        Target t = out.get(g.id());
                        if (t == null) {
                            Contact c = guardianContact(g, b.preferredChannel());
                            if (c == null) {
                                continue;
                            }
                            t = new Target(c, new ArrayList<>());
                            out.put(g.id(), t);
                        }
                        if (!t.students().contains(p.name())) {
                            t.students().add(p.name());
                        }
                    }
                }
                boolean self = switch (kind) {
                    case "school", "staff" -> p.role() == PersonRole.STAFF;
                    case "group" -> !student && arg.equals(p.group());
                    case "role" -> p.role().name().equalsIgnoreCase(arg);
                    default -> false;
                };
                if (self && !out.containsKey(p.id())) {
                    Contact c = p.phone() != null ? new Contact(p, "sms", p.phone(), p.language())
                            : p.email() != null ? new Contact(p, "email", p.email(), p.language()) : null;
                    if (c != null) {
                        out.put(p.id(), new Target(c, new ArrayList<>()));
                    }
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static Contact guardianContact(Person g, String channel) {
        String address = switch (channel) {
            case "sms" -> g.phone();
            case "email" -> g.email();
            default -> g.id();
        };
        if (address != null) {
            return new Contact(g, channel, address, g.language());
        }
        return g.phone() == null ? null : new Contact(g, "sms", g.phone(), g.language());
    }

    // ---- notices ----

    @Override
    public Notice create(Notice n, String actor) {
        if (n == null) {
            throw GatehouseException.invalid("missing-body", "a notice is required");
        }
        String id = n.id() == null || n.id().isBlank() ? "notice-" + UUID.randomUUID().toString().substring(0, 8)
                : Limits.id("id", n.id());
        terms(n.audience());
        Limits.text("audience", n.audience(), 1000, true);
        if (n.templateKind() != null && !n.templateKind().isBlank()) {
            if (!n.templateKind().startsWith("notice.")) {
                throw GatehouseException.invalid("bad-template-kind", "a notice uses a notice.* template kind, not "
                        + n.templateKind());
            }
            MessageKind kind = templates.kind(n.templateKind()).orElseThrow(() -> GatehouseException.notFound(
                    "unknown-template-kind", "message kind '" + n.templateKind() + "' does not exist"));
            for (TemplateService.Variable v : kind.variables()) {
                String val = n.variables().get(v.name());
                if (v.required() && !AUTO.contains(v.name()) && (val == null || val.isBlank())) {
                    throw GatehouseException.invalid("template-missing-value", n.templateKind() + " needs a value for "
                            + v.name() + " (" + v.description() + ")");
                }
            }
            for (String name : n.variables().keySet()) {
                if (kind.variables().stream().noneMatch(v -> v.name().equals(name))) {
                    throw GatehouseException.invalid("template-unknown-variable", name + " is not a variable of "
                            + n.templateKind());
                }
            }
        } else {
            if (n.texts().isEmpty()) {
                throw GatehouseException.invalid("missing-text", "a notice needs texts (title and body per language)"
                        + " or a templateKind");
            }
            for (Text t : n.texts()) {
                if (!TemplateService.LANGUAGES.contains(t.language())) {
                    throw GatehouseException.invalid("bad-language", "language must be one of " + TemplateService.LANGUAGES);
                }
                Limits.text("title", t.title(), 200, true);
                Limits.text("body", t.body(), 4000, true);
            }
        }
        Schedule s = n.schedule() == null ? Schedule.now() : n.schedule();
        Instant now = Instant.now();
        Instant first;
        if (s.repeat() == null || s.repeat() == Repeat.ONCE) {
            s = new Schedule(Repeat.ONCE, s.at() == null ? now : s.at(), null, null, null);
            first = s.at();
        } else {
            if (s.day() == null || s.time() == null || s.until() == null) {
                throw GatehouseException.invalid("bad-schedule", "a weekly schedule needs day, time and until");
            }
            first = nextWeekly(s, zone(), s.at() != null && s.at().isAfter(now) ? s.at() : now);
            if (first == null) {
                throw GatehouseException.invalid("bad-schedule", "no " + s.day() + " at " + s.time() + " before "
                        + s.until());
            }
        }
        Priority priority = n.priority() == null ? Priority.NORMAL : n.priority();
        String templateKind = n.templateKind() == null || n.templateKind().isBlank() ? null : n.templateKind();
        Notice stored = new Notice(id, templateKind == null ? n.texts() : List.of(), templateKind, n.variables(),
                n.audience().strip(), s, priority, Status.SCHEDULED, Instant.ofEpochMilli(now.toEpochMilli()), actor,
                first, 0);
        Schedule fs = s;
        try {
            db.txChecked(c -> {
                Db.update(c, "INSERT INTO NOTICES (ID, CREATED_MS, CREATED_BY, TEXTS, TEMPLATE_KIND, VARIABLES, AUDIENCE,"
                        + " REPEAT_KIND, AT_MS, WEEK_DAY, TIME_MIN, UNTIL_DATE, PRIORITY, STATUS, NEXT_MS)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", id, now.toEpochMilli(), actor,
                        encodeTexts(stored.texts()), templateKind, JsonMap.encode(stored.variables()), stored.audience(),
                        fs.repeat().name(), fs.at() == null ? null : fs.at().toEpochMilli(),
                        fs.day() == null ? null : fs.day().name(),
                        fs.time() == null ? null : fs.time().getHour() * 60 + fs.time().getMinute(),
                        fs.until() == null ? null : fs.until().toString(), priority.name(), Status.SCHEDULED.name(),
                        first.toEpochMilli());
                audit.record(c, actor, "notice-create", "notice", id, stored.audience());
                return null;
            });
        } catch (SQLException e) {
            if (Db.isDuplicate(e)) {
                throw GatehouseException.conflict("notice-exists", "notice '" + id + "' already exists");
            }
            throw GatehouseException.unavailable("store-error", "notice not stored: " + e.getMessage(), e);
        }
        poke();
        return stored;
    }

    @Override
    public Page<Notice> list(int offset, int limit) {
        int lim = Limits.pageSize(limit);
        int off = Limits.offset(offset);
        return db.tx(c -> new Page<>(Db.list(c, "SELECT * FROM NOTICES ORDER BY CREATED_MS DESC, ID"
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", NoticeServiceImpl::map, off, lim),
                Db.count(c, "SELECT COUNT(*) FROM NOTICES"), off, lim));
    }

    @Override
    public Optional<NoticeStats> get(String id) {
        return db.tx(c -> Db.one(c, "SELECT * FROM NOTICES WHERE ID = ?", NoticeServiceImpl::map, id))
                .map(n -> new NoticeStats(n, stats(id)));
    }

    /** Statistics from the recipients joined with their outbox messages. */
    public Stats stats(String id) {
        return db.tx(c -> {
            Map<String, Long> by = new HashMap<>();
            for (Object[] r : Db.list(c, "SELECT O.STATUS, COUNT(*) FROM NOTICE_RECIPIENTS R JOIN OUTBOX O"
                    + " ON O.ID = R.OUTBOX_ID WHERE R.NOTICE_ID = ? GROUP BY O.STATUS",
                    rs -> new Object[] {rs.getString(1), rs.getLong(2)}, id)) {
                by.put((String) r[0], (Long) r[1]);
            }
            long recipients = Db.count(c, "SELECT COUNT(*) FROM NOTICE_RECIPIENTS WHERE NOTICE_ID = ?", id);
            long read = Db.count(c, "SELECT COUNT(*) FROM NOTICE_RECIPIENTS WHERE NOTICE_ID = ? AND READ_MS IS NOT NULL",
                    id);
            return new Stats(recipients, by.getOrDefault("QUEUED", 0L), by.getOrDefault("SENT", 0L),
                    by.getOrDefault("DELIVERED", 0L), by.getOrDefault("FAILED", 0L), read);
        });
    }

    @Override
    public Notice cancel(String id, String actor) {
        return db.tx(c -> {
            Notice n = Db.one(c, "SELECT * FROM NOTICES WHERE ID = ?", NoticeServiceImpl::map, id).orElseThrow(
                    () -> GatehouseException.notFound("unknown-notice", "notice '" + id + "' does not exist"));
            if (n.status() != Status.SCHEDULED) {
                throw GatehouseException.conflict("notice-not-scheduled", "notice '" + id + "' is " + n.status()
                        + "; only a scheduled notice can be cancelled");
            }
            Db.update(c, "UPDATE NOTICES SET STATUS = 'CANCELLED', NEXT_MS = NULL WHERE ID = ?", id);
            audit.record(c, actor, "notice-cancel", "notice", id, null);
            return new Notice(n.id(), n.texts(), n.templateKind(), n.variables(), n.audience(), n.schedule(),
                    n.priority(), Status.CANCELLED, n.created(), n.createdBy(), null, n.sentOccurrences());
        });
    }

    @Override
    public Page<Recipient> recipients(String id, int offset, int limit) {
        int lim = Limits.pageSize(limit);
        int off = Limits.offset(offset);
        return db.tx(c -> new Page<>(Db.list(c, "SELECT * FROM NOTICE_RECIPIENTS WHERE NOTICE_ID = ?"
                + " ORDER BY OCCURRENCE, PERSON_ID OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", rs -> new Recipient(
                        rs.getString("NOTICE_ID"), rs.getString("OCCURRENCE"), rs.getString("PERSON_ID"),
                        rs.getString("CHANNEL"), rs.getString("ADDRESS"), rs.getString("LANGUAGE"),
                        rs.getString("OUTBOX_ID"), toInstant(Db.nullableLong(rs, "READ_MS"))), id, off, lim),
                Db.count(c, "SELECT COUNT(*) FROM NOTICE_RECIPIENTS WHERE NOTICE_ID = ?", id), off, lim));
    }

    @Override
    public boolean markRead(String id, String personId, String occurrence) {
        Limits.id("personId", personId);
        return db.tx(c -> {
            if (Db.count(c, "SELECT COUNT(*) FROM NOTICES WHERE ID = ?", id) == 0) {
                throw GatehouseException.notFound("unknown-notice", "notice '" + id + "' does not exist");
            }
            String occ = occurrence;
            if (occ == null || occ.isBlank()) {
                occ = Db.list(c, "SELECT MAX(OCCURRENCE) FROM NOTICE_RECIPIENTS WHERE NOTICE_ID = ? AND PERSON_ID = ?",
                        rs -> rs.getString(1), id, personId).stream().filter(java.util.Objects::nonNull).findFirst()
                        .orElse(null);
            }
            if (occ == null) {
                throw GatehouseException.notFound("unknown-recipient", "person '" + personId
                        + "' did not receive notice '" + id + "'");
            }
            String o = occ;
            if (Db.count(c, "SELECT COUNT(*) FROM NOTICE_RECIPIENTS WHERE NOTICE_ID = ? AND PERSON_ID = ?"
                    + " AND OCCURRENCE = ?", id, personId, o) == 0) {
                throw GatehouseException.notFound("unknown-recipient", "person '" + personId
                        + "' did not receive occurrence " + o + " of notice '" + id + "'");
            }
            return Db.update(c, "UPDATE NOTICE_RECIPIENTS SET READ_MS = ? WHERE NOTICE_ID = ? AND PERSON_ID = ?"
                    + " AND OCCURRENCE = ? AND READ_MS IS NULL", System.currentTimeMillis(), id, personId, o) > 0;
        });
    }

    /** The time zone of the first site, else UTC. */
    ZoneId zone() {
        try {
            return sites.sites().stream().findFirst().map(s -> ZoneId.of(s.timezone())).orElse(ZoneOffset.UTC);
        } catch (DateTimeException | NullPointerException e) {
            return ZoneOffset.UTC;
        }
    }

    private static String encodeTexts(List<Text> texts) {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> langs = new ArrayList<>();
        for (Text t : texts) {
            langs.add(t.language());
            m.put(t.language() + ".title", t.title());
            m.put(t.language() + ".body", t.body());
        }
        m.put("languages", String.join(",", langs));
        return JsonMap.encode(m);
    }

    private static List<Text> decodeTexts(String json) {
        Map<String, String> m = json == null ? Map.of() : JsonMap.decode(json);
        String langs = m.get("languages");
        List<Text> out = new ArrayList<>();
        if (langs != null && !langs.isBlank()) {
            for (String l : langs.split(",")) {
                out.add(new Text(l, m.get(l + ".title"), m.get(l + ".body")));
            }
        }
        return out;
    }

    private static Instant toInstant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    static Notice map(ResultSet rs) throws SQLException {
        Repeat repeat = Repeat.valueOf(rs.getString("REPEAT_KIND"));
        Long timeMin = Db.nullableLong(rs, "TIME_MIN");
        String day = rs.getString("WEEK_DAY");
        String until = rs.getString("UNTIL_DATE");
        Schedule s = new Schedule(repeat, toInstant(Db.nullableLong(rs, "AT_MS")),
                day == null ? null : DayOfWeek.valueOf(day),
                timeMin == null ? null : LocalTime.of((int) (timeMin / 60), (int) (timeMin % 60)),
                until == null ? null : LocalDate.parse(until));
        String vars = rs.getString("VARIABLES");
        return new Notice(rs.getString("ID"), decodeTexts(rs.getString("TEXTS")), rs.getString("TEMPLATE_KIND"),
                vars == null ? Map.of() : JsonMap.decode(vars), rs.getString("AUDIENCE"), s,
                Priority.valueOf(rs.getString("PRIORITY")), Status.valueOf(rs.getString("STATUS")),
                Instant.ofEpochMilli(rs.getLong("CREATED_MS")), rs.getString("CREATED_BY"),
                toInstant(Db.nullableLong(rs, "NEXT_MS")), rs.getInt("SENT_OCCURRENCES"));
    }
}
