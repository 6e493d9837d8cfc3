package org.gatehouse.core.internal.message;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.Site;
import org.gatehouse.api.service.AlarmService.Transition;
import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.MessageService;
import org.gatehouse.api.service.MessageService.Recipients;
import org.gatehouse.api.service.NoticeService.Notice;
import org.gatehouse.api.service.NoticeService.Text;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.api.service.OutboxService.OutboxMessage;
import org.gatehouse.api.service.OutboxService.Priority;
import org.gatehouse.api.service.OutboxService.Request;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.PersonService.Contact;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.api.service.TemplateService;
import org.gatehouse.api.service.TemplateService.Rendered;
import org.gatehouse.api.service.TemplateService.Template;
import org.gatehouse.core.internal.template.TemplateText;
import org.osgi.annotation.bundle.Capability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who gets a message, in which language, with which text and dedupe key: alarms (to a channel, to the responsible
 * staff of a zone, to the people on duty), passages (to the guardians of a student) and notices (to an audience).
 * Texts are rendered from the TemplateService kinds {@code alarm}, {@code gate.passage} and {@code notice.*}, with the
 * words of {@link Words} in their variables. Other domains are reached through their api services only.
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.service.MessageService")
public final class MessageServiceImpl implements MessageService, NoticeFanOut {
    private static final Logger LOG = LoggerFactory.getLogger(MessageServiceImpl.class);
    /** Message kind and template of alarms. */
    static final String ALARM = "alarm";
    /** Template of the reminders of unacknowledged CRITICAL alarms (the message kind stays {@code alarm}). */
    static final String ALARM_REMINDER = "alarm.reminder";
    /** Message kind and default template of passages. */
    static final String PASSAGE = "gate.passage";
    /** Message kind of notices. */
    static final String NOTICE = "notice";
    /** Who reads the student's name for a passage message, in the audit trail. */
    private static final String READER = "gatehouse-notify";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final PersonService persons;
    private final DutyService duty;
    private final TemplateService templates;
    private final OutboxService outbox;
    private final SiteService sites;
    /** How many reminders an alarm had (the alarm service's count), for the reminder's number and dedupe key. */
    private volatile java.util.function.LongToIntFunction reminders = id -> 1;

    public MessageServiceImpl(PersonService persons, DutyService duty, TemplateService templates, OutboxService outbox,
                              SiteService sites) {
        this.persons = Objects.requireNonNull(persons, "persons");
        this.duty = Objects.requireNonNull(duty, "duty");
        this.templates = Objects.requireNonNull(templates, "templates");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.sites = Objects.requireNonNull(sites, "sites");
    }

    /** @param count how many reminders an alarm had, by alarm id (the alarm service) */
    public void reminders(java.util.function.LongToIntFunction count) {
        this.reminders = Objects.requireNonNull(count, "count");
    }

    // ---- alarms ----

    @Override
    public OutboxMessage alarm(Alarm alarm, Transition transition, Delivery d) {
        Transition t = orRaised(transition);
        String language = TemplateText.language(d.language());
        int reminder = reminder(alarm, t);
        Rendered r = render(alarm, t, language, reminder);
        return outbox.enqueue(new Request(d.channel(), d.filter(), d.kind() == null ? ALARM : d.kind(), d.recipient(),
                language, r.subject(), r.text(), alarmData(alarm, t, reminder), dedupeKey(alarm, t, d.channel(), reminder),
                priority(d.priority(), alarm), blankToNull(d.fallbackChannel()), d.fallbackRecipient()));
    }

    @Override
    public List<OutboxMessage> alarmToZoneStaff(Alarm alarm, Transition transition, Delivery d) {
        List<OutboxMessage> out = new ArrayList<>();
        if (alarm.zoneId() == null) {
            LOG.info("Alarm #{} has no zone: no zone staff to notify", alarm.id());
            return out;
        }
        Transition t = orRaised(transition);
        Map<String, List<Contact>> byPerson = new LinkedHashMap<>();
        for (Contact c : persons.zoneContacts(alarm.zoneId())) {
            byPerson.computeIfAbsent(c.person().id(), k -> new ArrayList<>()).add(c);
        }
        Priority priority = priority(d.priority(), alarm);
        Map<String, Rendered> byLanguage = new HashMap<>();
        int reminder = reminder(alarm, t);
        for (List<Contact> contacts : byPerson.values()) {
            Contact first = contacts.get(0);
            Contact second = contacts.size() > 1 ? contacts.get(1) : null;
            out.add(toPerson(alarm, t, reminder, first, d.language(), byLanguage, priority, second == null ? null
                    : second.channel(), second == null ? null : second.address(), Map.of()));
        }
        LOG.info("Alarm #{} queued to {} responsible staff of zone {}", alarm.id(), out.size(), alarm.zoneId());
        return out;
    }

    @Override
    public List<OutboxMessage> alarmToOnDuty(Alarm alarm, Transition transition, String post, Delivery d) {
        Transition t = orRaised(transition);
        Priority priority = priority(d.priority(), alarm);
        Map<String, Rendered> byLanguage = new HashMap<>();
        List<OutboxMessage> out = new ArrayList<>();
        int reminder = reminder(alarm, t);
        for (Contact c : duty.contacts(post, Instant.now())) {
            boolean emailFallback = "sms".equals(c.channel()) && c.person().email() != null;
            out.add(toPerson(alarm, t, reminder, c, d.language(), byLanguage, priority, emailFallback ? "email" : null,
                    emailFallback ? c.person().email() : null, Map.of("dutyPost", post == null ? "*" : post)));
        }
        if (out.isEmpty()) {
            LOG.warn("Alarm #{} ({}): nobody reachable on duty{}", alarm.id(), t, post == null ? "" : " on post " + post);
        } else {
            LOG.info("Alarm #{} ({}) queued to {} people on duty{}", alarm.id(), t, out.size(),
                    post == null ? "" : " on post " + post);
        }
        return out;
    }

    /** One alarm message to a person, in their language (else the default), keyed by channel and person. */
    private OutboxMessage toPerson(Alarm alarm, Transition t, int reminder, Contact c, String defaultLanguage,
                                   Map<String, Rendered> byLanguage, Priority priority, String fallbackChannel,
                                   String fallbackRecipient, Map<String, String> extra) {
        String language = TemplateText.language(c.language() == null ? defaultLanguage : c.language());
        Rendered r = byLanguage.computeIfAbsent(language, l -> render(alarm, t, l, reminder));
        Map<String, String> data = alarmData(alarm, t, reminder);
        data.put("personId", c.person().id());
        data.putAll(extra);
        return outbox.enqueue(new Request(c.channel(), null, ALARM, c.address(), language, r.subject(), r.text(), data,
                dedupeKey(alarm, t, c.channel() + "-" + c.person().id(), reminder), priority, fallbackChannel,
                fallbackRecipient));
    }

    /** @return the reminder's number for REMINDED (the alarm service's count, at least 1), else 0 */
    private int reminder(Alarm alarm, Transition t) {
        return t == Transition.REMINDED ? Math.max(1, reminders.applyAsInt(alarm.id())) : 0;
    }

    /** Subject and text of an alarm from the {@code alarm} template of the language (an override, else the default). */
    Rendered render(Alarm alarm, Transition transition, String language) {
        return render(alarm, transition, language, transition == Transition.REMINDED ? 1 : 0);
    }

    /**
     * Subject and text of an alarm; a reminder (REMINDED) from the {@code alarm.reminder} template, with its number and
     * how long the alarm has waited.
     */
    Rendered render(Alarm alarm, Transition transition, String language, int reminder) {
        Map<String, String> v = alarmVariables(alarm, transition, Words.of(language));
        if (transition != Transition.REMINDED) {
            return templates.render(ALARM, language, v);
        }
        v.put("reminder", String.valueOf(reminder));
        v.put("minutes", String.valueOf(Math.max(0, java.time.Duration.between(alarm.firstAt(), Instant.now())
                .toMinutes())));
        return templates.render(ALARM_REMINDER, language, v);
    }

    /** The variables of kind {@code alarm}. */
    static Map<String, String> alarmVariables(Alarm alarm, Transition t, Words w) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("alarmId", String.valueOf(alarm.id()));
        v.put("severity", w.severity(alarm.severity()));
        v.put("type", alarm.type());
        v.put("place", alarm.zoneId() != null ? alarm.zoneId() : alarm.siteId() != null ? alarm.siteId() : "-");
        v.put("device", alarm.deviceId() == null ? "-" : alarm.deviceId());
        v.put("count", String.valueOf(alarm.count()));
        v.put("times", w.times(alarm.count()));
        v.put("level", String.valueOf(alarm.escalationLevel()));
        v.put("transition", t.name());
        v.put("status", w.status(t, alarm.escalationLevel()));
        v.put("escalation", w.escalation(alarm.escalationLevel()));
        v.put("message", alarm.message() == null || alarm.message().isBlank() ? "" : alarm.message());
        return v;
    }

    /** @return every field of the alarm as a string (null fields left out) and the transition */
    static Map<String, String> alarmData(Alarm alarm, Transition t) {
        return alarmData(alarm, t, 0);
    }

    /** @return {@link #alarmData(Alarm, Transition)} and, for a reminder, its number ({@code reminder}) */
    static Map<String, String> alarmData(Alarm alarm, Transition t, int reminder) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("alarmId", String.valueOf(alarm.id()));
        put(data, "sourceKey", alarm.sourceKey());
        put(data, "state", alarm.state());
        put(data, "severity", alarm.severity());
        put(data, "type", alarm.type());
        put(data, "siteId", alarm.siteId());
        put(data, "zoneId", alarm.zoneId());
        put(data, "deviceId", alarm.deviceId());
        data.put("count", String.valueOf(alarm.count()));
        put(data, "firstAt", alarm.firstAt());
        put(data, "lastAt", alarm.lastAt());
        put(data, "lastEventId", alarm.lastEventId());
        data.put("escalationLevel", String.valueOf(alarm.escalationLevel()));
        put(data, "message", alarm.message());
        put(data, "ackBy", alarm.ackBy());
        put(data, "ackAt", alarm.ackAt());
        put(data, "closedBy", alarm.closedBy());
        put(data, "closedAt", alarm.closedAt());
        put(data, "note", alarm.note());
        data.put("transition", t.name());
        if (reminder > 0) {
            data.put("reminder", String.valueOf(reminder));
        }
        return data;
    }

    private static void put(Map<String, String> data, String key, Object value) {
        if (value != null) {
            data.put(key, value.toString());
        }
    }

    /**
     * @return {@code alarm-<id>-<transition>-<count>-<channel>}; an escalation also carries its level
     * ({@code ESCALATED.2}) so that each level is queued once. The prefix {@code alarm-<id>-} is the reference that
     * links a message to its alarm (the alarm timeline finds the messages by it).
     */
    static String dedupeKey(Alarm alarm, Transition t, String channel) {
        return dedupeKey(alarm, t, channel, 0);
    }

    /** @return {@link #dedupeKey(Alarm, Transition, String)}; a reminder carries its number ({@code REMINDED.3}) */
    static String dedupeKey(Alarm alarm, Transition t, String channel, int reminder) {
        String transition = t == Transition.ESCALATED ? t.name() + "." + alarm.escalationLevel()
                : t == Transition.REMINDED ? t.name() + "." + Math.max(1, reminder) : t.name();
        return "alarm-" + alarm.id() + "-" + transition + "-" + alarm.count() + "-" + channel;
    }

    /** An explicit priority wins; otherwise a CRITICAL alarm is a CRITICAL message and everything else NORMAL. */
    static Priority priority(Priority explicit, Alarm alarm) {
        if (explicit != null) {
            return explicit;
        }
        return alarm != null && alarm.severity() == Severity.CRITICAL ? Priority.CRITICAL : Priority.NORMAL;
    }

    private static Transition orRaised(Transition t) {
        return t == null ? Transition.RAISED : t;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    // ---- passages ----

    @Override
    public List<OutboxMessage> passageToGuardians(SecurityEvent passage, String gateName, String snapshotUrl,
                                                  ZoneId timezone, Delivery d) {
        List<OutboxMessage> out = new ArrayList<>();
        String studentId = passage.personId();
        if (studentId == null) {
            return out;
        }
        List<Contact> contacts = persons.guardianContacts(studentId);
        if (contacts.isEmpty()) {
            return out;
        }
        String student = persons.person(studentId, READER).map(Person::name).orElse(studentId);
        Map<String, String> attributes = passage.attributes();
        String passageId = attributes.getOrDefault("passageId", passage.id());
        boolean in = !"out".equals(attributes.get("direction"));
        String temperature = attributes.get("temperature");
        String time = HH_MM.format(passage.time().atZone(timezone == null ? ZoneOffset.UTC : timezone));
        String kind = d.kind() == null ? PASSAGE : d.kind();
        Priority priority = priority(d.priority(), null);
        for (Contact c : contacts) {
            String language = TemplateText.language(c.language() == null ? d.language() : c.language());
            Words w = Words.of(language);
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put("student", student);
            vars.put("time", time);
            vars.put("gate", gateName == null ? passage.deviceId() : gateName);
            vars.put("direction", w.direction(in));
            vars.put("temperature", w.temperature(temperature));
            vars.put("link", snapshotUrl == null ? "" : snapshotUrl);
            Rendered r = templates.render(kind, language, vars);
            Map<String, String> data = new LinkedHashMap<>();
            data.put("passageId", passageId);
            data.put("eventId", passage.id());
            data.put("studentId", studentId);
            data.put("guardianId", c.person().id());
            data.put("direction", in ? "in" : "out");
            put(data, "snapshotUrl", snapshotUrl);
            put(data, "temperature", temperature);
            out.add(outbox.enqueue(new Request(c.channel(), null, kind, c.address(), language, r.subject(), r.text(),
                    data, "passage:" + passageId + ":" + c.person().id(), priority, null, null)));
        }
        LOG.info("Passage {} of {} queued to {} guardians", passageId, studentId, out.size());
        return out;
    }

    // ---- template messages to persons, guardians, homeroom teachers ----

    @Override
    public List<OutboxMessage> send(String kind, Recipients audience, String target, Map<String, String> values,
                                    String dedupeKey, Delivery d) {
        if (templates.kind(kind).isEmpty()) {
            throw GatehouseException.notFound("unknown-template-kind", "no message kind '" + kind + "'");
        }
        if (dedupeKey == null || dedupeKey.isBlank()) {
            throw GatehouseException.invalid("missing-dedupe-key", "a message of kind " + kind + " needs a dedupe key");
        }
        Map<String, String> vals = new LinkedHashMap<>(values == null ? Map.of() : values);
        String studentId = vals.get("studentId");
        if (studentId != null) {
            persons.person(studentId, READER).ifPresent(p -> {
                vals.putIfAbsent("student", p.name());
                if (p.group() != null) {
                    vals.putIfAbsent("group", p.group());
                }
            });
        }
        if ((target == null || target.isBlank()) && audience == Recipients.HOMEROOM) {
            target = vals.get("group");
        }
        if (target == null || target.isBlank() || audience == null) {
            throw GatehouseException.invalid("missing-target", "a message of kind " + kind + " needs an audience"
                    + " and a target");
        }
        Map<String, List<Contact>> byPerson = new LinkedHashMap<>();
        for (Contact c : recipients(audience, target.strip())) {
            byPerson.computeIfAbsent(c.person().id(), k -> new ArrayList<>()).add(c);
        }
        Priority priority = d == null || d.priority() == null ? Priority.NORMAL : d.priority();
        String defaultLanguage = d == null ? null : d.language();
        Map<String, Rendered> byLanguage = new HashMap<>();
        List<OutboxMessage> out = new ArrayList<>();
        for (List<Contact> contacts : byPerson.values()) {
            Contact c = contacts.get(0);
            Contact fallback = contacts.size() > 1 ? contacts.get(1) : null;
            String language = TemplateText.language(c.language() == null ? defaultLanguage : c.language());
            Rendered r = byLanguage.computeIfAbsent(language, l -> templates.render(kind, l, vals));
            Map<String, String> data = new LinkedHashMap<>(vals);
            data.put("recipientId", c.person().id());
            out.add(outbox.enqueue(new Request(c.channel(), null, kind, c.address(), language, r.subject(), r.text(),
                    data, dedupeKey + ":" + c.person().id(), priority, fallback == null ? null : fallback.channel(),
                    fallback == null ? null : fallback.address())));
        }
        if (out.isEmpty()) {
            LOG.info("Message {} ({}): nobody reachable among the {} of {}", kind, dedupeKey,
                    audience.name().toLowerCase(java.util.Locale.ROOT), target);
        } else {
            LOG.info("Message {} ({}) queued to {} {} of {}", kind, dedupeKey, out.size(),
                    audience.name().toLowerCase(java.util.Locale.ROOT), target);
        }
        return out;
    }

    /** The contacts of an audience; persons and teachers by SMS then e-mail (the second is the fallback). */
    private List<Contact> recipients(Recipients audience, String target) {
        List<Contact> out = new ArrayList<>();
        switch (audience) {
            case GUARDIANS -> out.addAll(persons.guardianContacts(target));
            case PERSONS -> {
                for (String id : target.split(",")) {
                    if (!id.isBlank()) {
                        persons.person(id.strip(), null).ifPresentOrElse(p -> direct(p, out),
                                () -> LOG.warn("Message recipient {} is not a known person", id.strip()));
                    }
                }
            }
            case HOMEROOM -> {
                for (int off = 0; ; off += 1000) {
                    List<Person> page = persons.persons(PersonRole.STAFF, target, off, 1000).items();
                    page.forEach(p -> direct(p, out));
                    if (page.size() < 1000) {
                        break;
                    }
                }
            }
            default -> throw new IllegalArgumentException(audience.name());
        }
        return out;
    }

    private static void direct(Person p, List<Contact> out) {
        if (p.phone() != null) {
            out.add(new Contact(p, "sms", p.phone(), p.language()));
        }
        if (p.email() != null) {
            out.add(new Contact(p, "email", p.email(), p.language()));
        }
    }

    // ---- notices ----

    @Override
    public void checkAudience(String audience) {
        Audience.terms(audience);
    }

    @Override
    public List<Contact> audience(String audience) {
        return Audience.expand(persons, audience).stream().map(Audience.Target::contact).toList();
    }

    /**
     * {@inheritDoc} The text comes from the notice's template kind (with {@code school}, {@code guardian} and
     * {@code student} filled in per person unless the notice sets them) or its text in that language (else its first
     * text). A message by e-mail or push falls back to SMS when the person has a phone.
     */
    @Override
    public List<NoticeMessage> notice(Notice n, String occurrence) {
        List<Audience.Target> targets = Audience.expand(persons, n.audience());
        String school = sites.sites().stream().findFirst().map(Site::name).orElse("");
        Map<String, Template> byLanguage = new HashMap<>();
        Priority priority = n.priority() == null ? Priority.NORMAL : n.priority();
        List<NoticeMessage> out = new ArrayList<>(targets.size());
        for (Audience.Target t : targets) {
            Contact c = t.contact();
            String language = TemplateText.language(c.language());
            String subject;
            String text;
            if (n.templateKind() != null) {
                Template tpl = byLanguage.computeIfAbsent(language,
                        l -> templates.template(n.templateKind(), l).orElseThrow());
                Map<String, String> values = new HashMap<>(n.variables());
                values.putIfAbsent("school", school);
                values.putIfAbsent("guardian", c.person().name());
                values.putIfAbsent("student", String.join(Words.of(language).listSeparator(), t.students()));
                subject = TemplateText.render(tpl.subject(), values).strip();
                text = TemplateText.render(tpl.body(), values).strip();
            } else {
                Text chosen = n.texts().stream().filter(x -> language.equals(x.language())).findFirst()
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
            out.add(new NoticeMessage(c, new Request(c.channel(), null, NOTICE, c.address(), language, subject, text,
                    data, noticeDedupeKey(n.id(), occurrence, c.person().id()), priority, smsFallback ? "sms" : null,
                    smsFallback ? phone : null)));
        }
        return out;
    }

    static String noticeDedupeKey(String noticeId, String occurrence, String personId) {
        return "notice:" + noticeId + ":" + occurrence + ":" + personId;
    }
}
