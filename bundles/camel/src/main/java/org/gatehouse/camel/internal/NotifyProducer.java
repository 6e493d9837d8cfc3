package org.gatehouse.camel.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.Severity;
import org.gatehouse.api.service.OutboxService.Priority;
import org.gatehouse.api.service.OutboxService.Request;
import org.gatehouse.api.service.AlarmService.Transition;

/**
 * Queues the body in the outbox and replaces it with the stored {@code OutboxMessage}.
 * An Alarm body is rendered by {@link AlarmText}; a Map body gives subject, text and data; any other body is the text.
 */
public class NotifyProducer extends DefaultProducer {
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
        String recipient = in.getHeader(GatehouseHeaders.NOTIFY_RECIPIENT, ep.getRecipient(), String.class);
        String kind;
        String subject;
        String text;
        Map<String, String> data;
        String dedupeKey;
        if (body instanceof Alarm alarm) {
            String transition = in.getHeader(GatehouseHeaders.ALARM_TRANSITION, Transition.RAISED.name(), String.class);
            kind = ep.getKind() == null ? "alarm" : ep.getKind();
            subject = AlarmText.subject(alarm, transition, ep.getLanguage());
            text = AlarmText.text(alarm, ep.getLanguage());
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
