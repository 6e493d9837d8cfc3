package org.gatehouse.core.internal.notice;

import org.gatehouse.core.internal.Worker;
import org.osgi.annotation.bundle.Capability;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.audit.AuditTrail;
import org.gatehouse.core.internal.message.NoticeFanOut;
import org.gatehouse.core.internal.message.NoticeFanOut.NoticeMessage;
import org.gatehouse.core.internal.outbox.OutboxBatch;
import org.gatehouse.core.internal.store.Db;
import org.gatehouse.core.internal.store.JsonMap;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;
import org.gatehouse.api.service.NoticeService;
import org.gatehouse.api.service.OutboxService.OutboxMessage;
import org.gatehouse.api.service.OutboxService.Priority;
import org.gatehouse.api.service.PersonService.Contact;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.api.service.TemplateService;
import org.gatehouse.api.service.TemplateService.MessageKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices in table NOTICES, their recipients in NOTICE_RECIPIENTS (the statistics count the status of their outbox
 * messages through the outbox). The message service expands the audience and renders the messages. A scheduler
 * thread sends due occurrences: the due time is the stored {@code NEXT_MS}, moved on only after every recipient's
 * message is queued, so a crash in the middle repeats the occurrence and the dedupe keys fold what was queued already.
 * A weekly notice that missed occurrences while the platform was down sends only the latest one that is due.
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.service.NoticeService")
public final class NoticeServiceImpl implements NoticeService {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeServiceImpl.class);
    /** Variables the message service fills in per recipient. */
    private static final List<String> AUTO = List.of("school", "guardian", "student");
    static final String ONCE_OCCURRENCE = "1";
    /** Messages queued per transaction when a notice is sent. */
    static final int BATCH = 200;

    private final Db db;
    private final AuditTrail audit;
    private final SiteService sites;
    private final TemplateService templates;
    private final OutboxBatch outbox;
    private final NoticeFanOut messages;
    private final Worker worker = new Worker("gatehouse-notices", 2000, 10_000, false, () -> fireDue(Instant.now()),
            e -> LOG.warn("Notice scheduler: {}", e.getMessage()));

    /**
     * @param outbox   queues a chunk of messages in the transaction that records their recipients
     * @param messages expands audiences and renders the messages
     */
    public NoticeServiceImpl(Db db, AuditTrail audit, SiteService sites, TemplateService templates,
                             OutboxBatch outbox, NoticeFanOut messages) {
        this.db = db;
        this.audit = audit;
        this.sites = sites;
        this.templates = templates;
        this.outbox = outbox;
        this.messages = messages;
    }

    // ---- scheduler ----

    public void start() {
        worker.start();
    }

    public void stop() {
        worker.stop();
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

    /** Queues one occurrence to every recipient; safe to repeat (dedupe keys). Returns the recipient count. */
    int send(Notice n, String occurrence) {
        List<NoticeMessage> all = messages.notice(n, occurrence);
        // one transaction per chunk holds the messages and their recipient rows: both or neither
        for (int i = 0; i < all.size(); i += BATCH) {
            List<NoticeMessage> chunk = all.subList(i, Math.min(all.size(), i + BATCH));
            db.tx(c -> {
                List<OutboxMessage> queued = outbox.enqueueAll(c, chunk.stream().map(NoticeMessage::request).toList());
                for (int k = 0; k < chunk.size(); k++) {
                    Contact ct = chunk.get(k).contact();
                    insertRecipient(c, new Object[] {n.id(), occurrence, ct.person().id(), ct.channel(), ct.address(),
                            chunk.get(k).request().language(), queued.get(k).id()});
                }
                return null;
            });
            outbox.wakeUp();
        }
        return all.size();
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

    // ---- audience ----

    @Override
    public List<Contact> audience(String audience) {
        return messages.audience(audience);
    }

    // ---- notices ----

    @Override
    public Notice create(Notice n, String actor) {
        Limits.body(n, "a notice");
        String id = n.id() == null || n.id().isBlank() ? "notice-" + UUID.randomUUID().toString().substring(0, 8)
                : Limits.id("id", n.id());
        messages.checkAudience(n.audience());
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
        worker.poke();
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

    /** Statistics from the recipients and the status of their outbox messages. */
    public Stats stats(String id) {
        return db.tx(c -> {
            Map<OutboxMessage.Status, Long> by = outbox.countByStatus(c, Db.list(c,
                    "SELECT OUTBOX_ID FROM NOTICE_RECIPIENTS WHERE NOTICE_ID = ?", rs -> rs.getString(1), id));
            long recipients = Db.count(c, "SELECT COUNT(*) FROM NOTICE_RECIPIENTS WHERE NOTICE_ID = ?", id);
            long read = Db.count(c, "SELECT COUNT(*) FROM NOTICE_RECIPIENTS WHERE NOTICE_ID = ? AND READ_MS IS NOT NULL",
                    id);
            return new Stats(recipients, by.getOrDefault(OutboxMessage.Status.QUEUED, 0L),
                    by.getOrDefault(OutboxMessage.Status.SENT, 0L), by.getOrDefault(OutboxMessage.Status.DELIVERED, 0L),
                    by.getOrDefault(OutboxMessage.Status.FAILED, 0L), read);
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
                + " ORDER BY OCCURRENCE, PERSON_ID OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", NoticeServiceImpl::recipient,
                id, off, lim),
                Db.count(c, "SELECT COUNT(*) FROM NOTICE_RECIPIENTS WHERE NOTICE_ID = ?", id), off, lim));
    }

    @Override
    public Page<Recipient> received(String personId, int offset, int limit) {
        int lim = Limits.pageSize(limit);
        int off = Limits.offset(offset);
        return db.tx(c -> new Page<>(Db.list(c, "SELECT R.* FROM NOTICE_RECIPIENTS R JOIN NOTICES N ON N.ID = R.NOTICE_ID"
                + " WHERE R.PERSON_ID = ? ORDER BY N.CREATED_MS DESC, R.NOTICE_ID, R.OCCURRENCE DESC"
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", NoticeServiceImpl::recipient, personId, off, lim),
                Db.count(c, "SELECT COUNT(*) FROM NOTICE_RECIPIENTS WHERE PERSON_ID = ?", personId), off, lim));
    }

    private static Recipient recipient(ResultSet rs) throws SQLException {
        return new Recipient(rs.getString("NOTICE_ID"), rs.getString("OCCURRENCE"), rs.getString("PERSON_ID"),
                rs.getString("CHANNEL"), rs.getString("ADDRESS"), rs.getString("LANGUAGE"), rs.getString("OUTBOX_ID"),
                toInstant(Db.nullableLong(rs, "READ_MS")));
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
