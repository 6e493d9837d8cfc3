package org.gatehouse.camel.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import java.util.ArrayList;
import java.util.List;

import org.gatehouse.api.Alarm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.TemplateService;
import org.gatehouse.api.Severity;
import org.gatehouse.api.service.OutboxService.Priority;
import org.gatehouse.api.service.OutboxService.Request;
import org.gatehouse.api.service.AlarmService.Transition;

/**
 * Queues the body in the outbox and replaces it with the stored {@code OutboxMessage}.
 * An Alarm body is rendered by {@link AlarmText}; a Map body gives subject, text and data; any other body is the text.
 */
public class NotifyProducer extends DefaultProducer {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyProducer.class);
    private static final int SUBJECT_MAX = 80;

    NotifyProducer(NotifyEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public NotifyEndpoint getEndpoint() {
        return (NotifyEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        NotifyEndpoint ep = getEndpoint();
        Message in = exchange.getIn();
        Object body = in.getBody();
        if (NotifyComponent.ZONE_STAFF.equals(ep.getChannel())) {
            in.setBody(toZoneStaff(ep, in, body));
            return;
        }
        if (NotifyComponent.ON_DUTY.equals(ep.getChannel())) {
            in.setBody(toOnDuty(ep, in, body));
            return;
        }
        if (NotifyComponent.GUARDIANS.equals(ep.getChannel())) {
            in.setBody(toGuardians(ep, in, body));
            return;
        }
        String recipient = in.getHeader(GatehouseHeaders.NOTIFY_RECIPIENT, ep.getRecipient(), String.class);
        String kind;
        String subject;
        String text;
        Map<String, String> data;
        String dedupeKey;
        if (body instanceof Alarm alarm) {
            String transition = in.getHeader(GatehouseHeaders.ALARM_TRANSITION, Transition.RAISED.name(), String.class);
            kind = ep.getKind() == null ? "alarm" : ep.getKind();
            String[] rendered = render(ep, alarm, transition, ep.getLanguage());
            subject = rendered[0];
            text = rendered[1];
            data = AlarmText.data(alarm);
            data.put("transition", transition);
            dedupeKey = dedupeKey(alarm, transition, ep.getChannel());
        } else if (body instanceof Map<?, ?> map) {
            kind = ep.getKind() == null ? "message" : ep.getKind();
            data = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (k != null && v != null) {
                    data.put(k.toString(), v.toString());
                }
            });
            text = data.getOrDefault("text", "");
            subject = data.getOrDefault("subject", in.getHeader(GatehouseHeaders.NOTIFY_SUBJECT, firstLine(text), String.class));
            dedupeKey = in.getHeader(GatehouseHeaders.NOTIFY_DEDUPE_KEY, String.class);
        } else {
            kind = ep.getKind() == null ? "message" : ep.getKind();
            text = in.getMandatoryBody(String.class);
            subject = in.getHeader(GatehouseHeaders.NOTIFY_SUBJECT, firstLine(text), String.class);
            data = Map.of();
            dedupeKey = in.getHeader(GatehouseHeaders.NOTIFY_DEDUPE_KEY, String.class);
        }
        Priority priority = priority(ep.getPriority(), body);
        in.setBody(ep.getComponent().outbox().enqueue(new Request(ep.getChannel(), ep.getFilter(), kind, recipient,
                ep.getLanguage(), subject, text, data, dedupeKey, priority, blank(ep.getFallback()),
                in.getHeader(GatehouseHeaders.NOTIFY_FALLBACK_RECIPIENT, String.class))));
    }

    /**
     * One message per responsible staff member of the alarm's zone, in that person's language: by SMS when they have
     * a phone, with e-mail as fallback, else by e-mail. Returns the queued messages (empty when the zone has none).
     */
    private List<OutboxService.OutboxMessage> toZoneStaff(NotifyEndpoint ep, Message in, Object body) {
        if (!(body instanceof Alarm alarm)) {
            throw new IllegalArgumentException("gatehouse-notify:zone-staff needs an Alarm body, not "
                    + (body == null ? "null" : body.getClass().getSimpleName()));
        }
        List<OutboxService.OutboxMessage> out = new ArrayList<>();
        if (alarm.zoneId() == null) {
            LOG.info("Alarm #{} has no zone: no zone staff to notify", alarm.id());
            return out;
        }
        PersonService persons = ep.getComponent().persons();
        if (persons == null) {
            LOG.warn("Alarm #{}: no person service, zone staff of {} not notified", alarm.id(), alarm.zoneId());
            return out;
        }
        String transition = in.getHeader(GatehouseHeaders.ALARM_TRANSITION, Transition.RAISED.name(), String.class);
        Map<String, List<PersonService.Contact>> byPerson = new LinkedHashMap<>();
        for (PersonService.Contact c : persons.zoneContacts(alarm.zoneId())) {
            byPerson.computeIfAbsent(c.person().id(), k -> new ArrayList<>()).add(c);
        }
        Priority priority = priority(ep.getPriority(), body);
        for (List<PersonService.Contact> contacts : byPerson.values()) {
            PersonService.Contact first = contacts.get(0);
            PersonService.Contact second = contacts.size() > 1 ? contacts.get(1) : null;
            String language = first.language() == null ? ep.getLanguage() : first.language();
            Map<String, String> data = AlarmText.data(alarm);
            data.put("transition", transition);
            data.put("personId", first.person().id());
            String[] rendered = render(ep, alarm, transition, language);
            out.add(ep.getComponent().outbox().enqueue(new Request(first.channel(), null, "alarm", first.address(),
                    language, rendered[0], rendered[1], data, dedupeKey(alarm, transition, first.channel() + "-" + first.person().id()), priority,
                    second == null ? null : second.channel(), second == null ? null : second.address())));
        }
        LOG.info("Alarm #{} queued to {} responsible staff of zone {}", alarm.id(), out.size(), alarm.zoneId());
        return out;
    }

    /**
     * One message per person on duty now (on the endpoint's post, or on any post), in that person's language: by SMS
     * when they have a phone (with e-mail as fallback when they have one too), else by e-mail. Returns the queued
     * messages (empty when nobody is on duty or there is no roster). The dedupe key is the one zone-staff uses for
     * the same person and channel, so a guard who is both responsible for the zone and on duty gets one message.
     */
    private List<OutboxService.OutboxMessage> toOnDuty(NotifyEndpoint ep, Message in, Object body) {
        if (!(body instanceof Alarm alarm)) {
            throw new IllegalArgumentException("gatehouse-notify:on-duty needs an Alarm body, not "
                    + (body == null ? "null" : body.getClass().getSimpleName()));
        }
        List<OutboxService.OutboxMessage> out = new ArrayList<>();
        DutyService duty = ep.getComponent().duty();
        if (duty == null) {
            LOG.warn("Alarm #{}: no duty roster service, people on duty not notified", alarm.id());
            return out;
        }
        String transition = in.getHeader(GatehouseHeaders.ALARM_TRANSITION, Transition.RAISED.name(), String.class);
        Priority priority = priority(ep.getPriority(), body);
        String post = ep.getPost();
        for (PersonService.Contact c : duty.contacts(post, java.time.Instant.now())) {
            String language = c.language() == null ? ep.getLanguage() : c.language();
            Map<String, String> data = AlarmText.data(alarm);
            data.put("transition", transition);
            data.put("personId", c.person().id());
            data.put("dutyPost", post == null ? "*" : post);
            boolean emailFallback = "sms".equals(c.channel()) && c.person().email() != null;
            String[] rendered = render(ep, alarm, transition, language);
            out.add(ep.getComponent().outbox().enqueue(new Request(c.channel(), null, "alarm", c.address(), language,
                    rendered[0], rendered[1], data,
                    dedupeKey(alarm, transition, c.channel() + "-" + c.person().id()), priority,
                    emailFallback ? "email" : null, emailFallback ? c.person().email() : null)));
        }
        if (out.isEmpty()) {
            LOG.warn("Alarm #{} ({}): nobody reachable on duty{}", alarm.id(), transition,
                    post == null ? "" : " on post " + post);
        } else {
            LOG.info("Alarm #{} ({}) queued to {} people on duty{}", alarm.id(), transition, out.size(),
                    post == null ? "" : " on post " + post);
        }
        return out;
    }

    /**
     * One message per guardian bound to the student of a {@code gate.passage} event, on the guardian's preferred
     * channel and in their language, rendered from the {@code gate.passage} template; the data carries
     * {@code snapshotUrl} (header {@link GatehouseHeaders#SNAPSHOT_URL}), passage, student and guardian ids. A stranger
     * (no person) or a person with no guardian gives no message.
     */
    private List<OutboxService.OutboxMessage> toGuardians(NotifyEndpoint ep, Message in, Object body) {
        if (!(body instanceof org.gatehouse.api.SecurityEvent event)) {
            throw new IllegalArgumentException("gatehouse-notify:guardians needs a SecurityEvent body, not "
                    + (body == null ? "null" : body.getClass().getSimpleName()));
        }
        List<OutboxService.OutboxMessage> out = new ArrayList<>();
        String studentId = event.personId();
        if (studentId == null) {
            return out;
        }
        PersonService persons = ep.getComponent().persons();
        TemplateService templates = ep.getComponent().templates();
        if (persons == null || templates == null) {
            LOG.warn("Event {}: no person or template service, guardians of {} not notified", event.id(), studentId);
            return out;
        }
        List<PersonService.Contact> contacts = persons.guardianContacts(studentId);
        if (contacts.isEmpty()) {
            return out;
        }
        String student = persons.person(studentId, "gatehouse-notify").map(org.gatehouse.api.Person::name)
                .orElse(studentId);
        String passageId = event.attributes().getOrDefault("passageId", event.id());
        String gate = in.getHeader(GatehouseHeaders.GATE_NAME, event.deviceId(), String.class);
        String snapshotUrl = in.getHeader(GatehouseHeaders.SNAPSHOT_URL, String.class);
        String time = java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                .format(event.time().atZone(java.time.ZoneId.of(ep.getTimezone())));
        String kind = ep.getKind() == null ? "gate.passage" : ep.getKind();
        for (PersonService.Contact c : contacts) {
            boolean zh = AlarmText.locale(c.language() == null ? ep.getLanguage() : c.language())
                    == java.util.Locale.SIMPLIFIED_CHINESE;
            String lang = zh ? "zh-CN" : "en";
            boolean in2 = !"out".equals(event.attributes().get("direction"));
            String temperature = event.attributes().get("temperature");
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put("student", student);
            vars.put("time", time);
            vars.put("gate", gate);
            vars.put("direction", zh ? (in2 ? "入校" : "离校") : (in2 ? "entered school" : "left school"));
            vars.put("temperature", temperature == null ? ""
                    : zh ? "体温 " + temperature + "℃。" : "Body temperature " + temperature + " °C.");
            TemplateService.Rendered r = templates.render(kind, lang, vars);
            Map<String, String> data = new LinkedHashMap<>();
            data.put("passageId", passageId);
            data.put("eventId", event.id());
            data.put("studentId", studentId);
            data.put("guardianId", c.person().id());
            data.put("direction", in2 ? "in" : "out");
            if (snapshotUrl != null) {
                data.put("snapshotUrl", snapshotUrl);
            }
            if (temperature != null) {
                data.put("temperature", temperature);
            }
            out.add(ep.getComponent().outbox().enqueue(new Request(c.channel(), null, kind, c.address(), lang,
                    r.subject(), r.text(), data, "passage:" + passageId + ":" + c.person().id(),
                    priority(ep.getPriority(), body), null, null)));
        }
        LOG.info("Passage {} of {} queued to {} guardians", passageId, studentId, out.size());
        return out;
    }

    /**
     * Subject and text of an alarm: from the custom {@code alarm} template of the language when one was saved through
     * the TemplateService (checked at save time), else from {@link AlarmText}.
     */
    static String[] render(NotifyEndpoint ep, Alarm alarm, String transition, String language) {
        TemplateService templates = ep.getComponent().templates();
        if (templates != null) {
            String lang = AlarmText.locale(language) == java.util.Locale.SIMPLIFIED_CHINESE ? "zh-CN" : "en";
            if (templates.template("alarm", lang).map(TemplateService.Template::custom).orElse(false)) {
                TemplateService.Rendered r = templates.render("alarm", lang, AlarmText.variables(alarm, transition,
                        lang));
                return new String[] {r.subject(), r.text()};
            }
        }
        return new String[] {AlarmText.subject(alarm, transition, language), AlarmText.text(alarm, language)};
    }

    /** An explicit priority wins; otherwise a CRITICAL alarm is a CRITICAL message and everything else NORMAL. */
    static Priority priority(String configured, Object body) {
        if (configured != null && !configured.isBlank()) {
            try {
                return Priority.valueOf(configured.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("priority '" + configured + "' is not LOW, NORMAL or CRITICAL");
            }
        }
        return body instanceof Alarm a && a.severity() == Severity.CRITICAL ? Priority.CRITICAL : Priority.NORMAL;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /**
     * @return {@code alarm-<id>-<transition>-<count>-<channel>}; an escalation also carries its level
     * ({@code ESCALATED.2}) so that each level is queued once
     */
    static String dedupeKey(Alarm alarm, String transition, String channel) {
        String t = Transition.ESCALATED.name().equals(transition) ? transition + "." + alarm.escalationLevel() : transition;
        return "alarm-" + alarm.id() + "-" + t + "-" + alarm.count() + "-" + channel;
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() <= SUBJECT_MAX ? line : line.substring(0, SUBJECT_MAX - 1) + "…";
    }
}
