package org.gatehouse.core.internal.alarm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmStep;
import org.gatehouse.api.AuditEntry;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.service.AuditService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.OutboxService.OutboxMessage;
import org.gatehouse.core.internal.outbox.OutboxTrace;
import org.gatehouse.core.internal.outbox.OutboxTrace.Attempt;

/**
 * Builds an alarm's timeline from the three places that know about it: the events linked to it (ALARM_EVENTS), its
 * audit lines (raise, acknowledge, resolve, clear, escalate, remind, feedback: subject {@code alarm}) and its outbox
 * messages with each delivery attempt. Steps are sorted by time; steps of the same millisecond keep that order.
 */
final class AlarmTimeline {
    /** One event linked to an alarm: when it folded in and its number among the alarm's events (1 = the raise). */
    record Link(String eventId, Instant time, int nr) {
    }

    /** Some of the alarm's links and how many there are. */
    record Linked(List<Link> links, long total) {
    }

    private AlarmTimeline() {
    }

    static List<AlarmStep> of(Alarm alarm, Linked linked, AuditService audit, EventService events,
                              OutboxTrace outbox) {
        List<AlarmStep> steps = new ArrayList<>();
        events(alarm, linked, events, steps);
        audit(alarm, audit, steps);
        if (outbox != null) {
            for (OutboxTrace.Traced t : outbox.trace("alarm-" + alarm.id() + "-", AlarmServiceImpl.TIMELINE_MAX)) {
                message(alarm, t, steps);
            }
        }
        steps.sort(Comparator.comparing(AlarmStep::time)); // stable: the same millisecond keeps the order above
        return steps;
    }

    private static void events(Alarm alarm, Linked linked, EventService events, List<AlarmStep> steps) {
        List<Link> links = linked.links();
        if (links.isEmpty() && alarm.lastEventId() != null) {
            // an alarm raised before schema 18 knows only its last event
            links = List.of(new Link(alarm.lastEventId(), alarm.lastAt(), alarm.count()));
        }
        Link previous = null;
        for (Link l : links) {
            Optional<SecurityEvent> e = events == null ? Optional.empty() : events.get(l.eventId());
            Map<String, String> data = new LinkedHashMap<>();
            data.put("eventId", l.eventId());
            data.put("n", String.valueOf(l.nr()));
            e.ifPresent(ev -> {
                put(data, "type", ev.type());
                put(data, "severity", ev.severity());
                put(data, "deviceId", ev.deviceId());
                put(data, "zoneId", ev.zoneId());
                put(data, "eventTime", ev.time());
            });
            String what = e.map(ev -> ev.severity() + " " + ev.type() + " at " + ev.deviceId()
                    + (ev.zoneId() == null ? "" : " in " + ev.zoneId())).orElse("event " + l.eventId());
            String skipped = previous != null && l.nr() > previous.nr() + 1
                    ? " (" + (l.nr() - previous.nr() - 1) + " repeats before it not listed)" : "";
            if (l.nr() <= 1) {
                steps.add(new AlarmStep(l.time(), "event", e.map(SecurityEvent::deviceId).orElse(null), what, data));
            } else {
                steps.add(new AlarmStep(l.time(), "repeated", e.map(SecurityEvent::deviceId).orElse(null),
                        what + ", event " + l.nr() + " of the alarm" + skipped, data));
            }
            previous = l;
        }
    }

    private static void audit(Alarm alarm, AuditService audit, List<AlarmStep> steps) {
        List<AuditEntry> entries = new ArrayList<>();
        for (int off = 0; off < AlarmServiceImpl.TIMELINE_MAX; off += 200) {
            List<AuditEntry> page = audit.query("alarm", Long.toString(alarm.id()), null, off, 200).items();
            entries.addAll(page);
            if (page.size() < 200) {
                break;
            }
        }
        entries.sort(Comparator.comparingLong(AuditEntry::id));
        for (AuditEntry a : entries) {
            Map<String, String> data = new LinkedHashMap<>();
            data.put("auditId", String.valueOf(a.id()));
            data.put("action", a.action());
            steps.add(new AlarmStep(a.time(), kind(a.action()), a.actor(), a.detail(), data));
        }
    }

    /** @return the step kind of an audit action on an alarm; another action keeps its name */
    static String kind(String action) {
        return switch (action) {
            case "alarm-raise" -> "raised";
            case "alarm-acknowledge" -> "acknowledged";
            case "alarm-resolve" -> "resolved";
            case "alarm-clear" -> "cleared";
            case "alarm-escalate" -> "escalated";
            case "alarm-remind" -> "reminded";
            default -> action.endsWith("-feedback") ? "feedback" : action;
        };
    }

    private static void message(Alarm alarm, OutboxTrace.Traced t, List<AlarmStep> steps) {
        OutboxMessage m = t.message();
        String transition = transition(alarm, t.dedupeKey());
        Map<String, String> data = new LinkedHashMap<>();
        data.put("messageId", m.id());
        put(data, "channel", m.channel());
        put(data, "recipient", m.recipient());
        put(data, "kind", m.kind());
        put(data, "language", t.language());
        put(data, "priority", m.priority());
        put(data, "status", m.status());
        put(data, "transition", transition);
        put(data, "subject", m.subject());
        steps.add(new AlarmStep(m.created(), "message", "system", (transition == null ? "" : transition + " ")
                + "message to " + (m.recipient() == null ? "the " + m.channel() + " channel"
                : m.recipient() + " via " + m.channel()), data));
        if (t.attempts().isEmpty()) {
            legacyDelivery(m, steps);
            return;
        }
        for (Attempt a : t.attempts()) {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("messageId", m.id());
            d.put("attempt", String.valueOf(a.attempt()));
            d.put("outcome", a.outcome());
            put(d, "channel", a.channel());
            put(d, "provider", a.provider());
            put(d, "recipient", a.recipient());
            put(d, "error", a.error());
            String to = (a.recipient() == null ? "" : " to " + a.recipient()) + " via " + a.channel()
                    + (a.provider() == null ? "" : " (" + a.provider() + ")");
            if (a.ok()) {
                steps.add(new AlarmStep(a.time(), "delivered", a.provider() == null ? a.channel() : a.provider(),
                        (Attempt.DELIVERED.equals(a.outcome()) ? "delivered" : "handed to the channel") + to
                                + (a.attempt() > 1 ? ", attempt " + a.attempt() : ""), d));
            } else {
                d.put("final", String.valueOf(Attempt.FAILED.equals(a.outcome())));
                steps.add(new AlarmStep(a.time(), "failed", a.provider() == null ? a.channel() : a.provider(),
                        "attempt " + a.attempt() + to + " failed: " + a.error()
                                + (Attempt.RETRY.equals(a.outcome()) ? " (will retry)" : ""), d));
            }
        }
    }

    /** A message queued before schema 18 has no attempts stored: its last state stands for them. */
    private static void legacyDelivery(OutboxMessage m, List<AlarmStep> steps) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("messageId", m.id());
        d.put("attempt", String.valueOf(m.attempts()));
        put(d, "channel", m.channelUsed() == null ? m.channel() : m.channelUsed());
        put(d, "provider", m.provider());
        put(d, "recipient", m.recipient());
        if (m.sentAt() != null) {
            steps.add(new AlarmStep(m.sentAt(), "delivered", m.provider(), "handed to the channel via "
                    + d.get("channel"), d));
        } else if (m.status() == OutboxMessage.Status.FAILED) {
            put(d, "error", m.lastError());
            steps.add(new AlarmStep(m.nextAttempt(), "failed", m.provider(), "failed: " + m.lastError(), d));
        }
    }

    /**
     * @return the transition of a dedupe key {@code alarm-<id>-<TRANSITION>[.<n>]-...} without its level or number,
     * null when it has none
     */
    static String transition(Alarm alarm, String dedupeKey) {
        String prefix = "alarm-" + alarm.id() + "-";
        if (dedupeKey == null || !dedupeKey.startsWith(prefix)) {
            return null;
        }
        String rest = dedupeKey.substring(prefix.length());
        int dash = rest.indexOf('-');
        String t = dash < 0 ? rest : rest.substring(0, dash);
        int dot = t.indexOf('.'); // ESCALATED.2, REMINDED.3
        return dot < 0 ? t : t.substring(0, dot);
    }

    private static void put(Map<String, String> data, String key, Object value) {
        if (value != null) {
            data.put(key, value.toString());
        }
    }
}
