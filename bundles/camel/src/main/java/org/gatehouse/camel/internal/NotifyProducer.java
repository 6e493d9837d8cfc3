package org.gatehouse.camel.internal;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.service.AlarmService.Transition;
import org.gatehouse.api.service.MessageService;
import org.gatehouse.api.service.MessageService.Delivery;
import org.gatehouse.api.service.MessageService.Recipients;
import org.gatehouse.api.service.OutboxService.OutboxMessage;
import org.gatehouse.api.service.OutboxService.Priority;
import org.gatehouse.api.service.OutboxService.Request;

/**
 * Maps an exchange to the message service and replaces the body with what was queued: an Alarm body goes to
 * {@link MessageService#alarm} (on the path {@code zone-staff} to {@link MessageService#alarmToZoneStaff}, on
 * {@code on-duty} to {@link MessageService#alarmToOnDuty}), a passage event on {@code guardians} to
 * {@link MessageService#passageToGuardians}. A Map body gives subject, text and data and any other body is the text:
 * those are queued in the outbox as they are.
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
        MessageService messages = ep.getComponent().messages();
        Message in = exchange.getIn();
        Object body = in.getBody();
        Delivery delivery = delivery(ep, in);
        switch (ep.getChannel()) {
            case NotifyComponent.ZONE_STAFF -> in.setBody(messages.alarmToZoneStaff(alarm(ep, body), transition(in),
                    delivery));
            case NotifyComponent.ON_DUTY -> in.setBody(messages.alarmToOnDuty(alarm(ep, body), transition(in),
                    ep.getPost(), delivery));
            case NotifyComponent.PERSONS -> in.setBody(send(ep, in, body, Recipients.PERSONS, delivery));
            case NotifyComponent.HOMEROOM -> in.setBody(send(ep, in, body, Recipients.HOMEROOM, delivery));
            case NotifyComponent.GUARDIANS -> in.setBody(body instanceof Map<?, ?>
                    ? send(ep, in, body, Recipients.GUARDIANS, delivery)
                    : messages.passageToGuardians(passage(ep, body),
                    in.getHeader(GatehouseHeaders.GATE_NAME, String.class),
                    in.getHeader(GatehouseHeaders.SNAPSHOT_URL, String.class), ZoneId.of(ep.getTimezone()), delivery));
            default -> in.setBody(body instanceof Alarm alarm ? messages.alarm(alarm, transition(in), delivery)
                    : ep.getComponent().outbox().enqueue(plain(ep, in, body, delivery)));
        }
    }

    /** The endpoint's options, with the recipient and fallback recipient headers. */
    private static Delivery delivery(NotifyEndpoint ep, Message in) {
        return new Delivery(ep.getChannel(), ep.getFilter(),
                in.getHeader(GatehouseHeaders.NOTIFY_RECIPIENT, ep.getRecipient(), String.class), ep.getKind(),
                ep.getLanguage(), priority(ep.getPriority()), ep.getFallback(),
                in.getHeader(GatehouseHeaders.NOTIFY_FALLBACK_RECIPIENT, String.class));
    }

    /**
     * A Map body of template values to {@link MessageService#send}: the kind is the endpoint's, the target the header
     * GatehouseNotifyTarget (else the recipient option), the dedupe key the header GatehouseNotifyDedupeKey.
     */
    private static List<OutboxMessage> send(NotifyEndpoint ep, Message in, Object body, Recipients audience,
                                            Delivery d) {
        if (!(body instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(NotifyComponent.SCHEME + ":" + ep.getChannel()
                    + " needs a Map body of template values, not " + (body == null ? "null"
                    : body.getClass().getSimpleName()));
        }
        if (ep.getKind() == null || ep.getKind().isBlank()) {
            throw new IllegalArgumentException(NotifyComponent.SCHEME + ":" + ep.getChannel()
                    + " needs the option kind (the template kind)");
        }
        Map<String, String> values = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k != null && v != null) {
                values.put(k.toString(), v.toString());
            }
        });
        String target = in.getHeader(GatehouseHeaders.NOTIFY_TARGET, ep.getRecipient(), String.class);
        return ep.getComponent().messages().send(ep.getKind(), audience, target, values,
                in.getHeader(GatehouseHeaders.NOTIFY_DEDUPE_KEY, String.class), d);
    }

    /** A Map body (subject, text and data) or a text body, queued as it is. */
    private static Request plain(NotifyEndpoint ep, Message in, Object body, Delivery d) throws Exception {
        String text;
        Map<String, String> data = new LinkedHashMap<>();
        if (body instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (k != null && v != null) {
                    data.put(k.toString(), v.toString());
                }
            });
            text = data.getOrDefault("text", "");
        } else {
            text = in.getMandatoryBody(String.class);
        }
        String subject = data.getOrDefault("subject", in.getHeader(GatehouseHeaders.NOTIFY_SUBJECT, firstLine(text),
                String.class));
        String fallback = d.fallbackChannel() == null || d.fallbackChannel().isBlank() ? null : d.fallbackChannel();
        return new Request(d.channel(), d.filter(), d.kind() == null ? "message" : d.kind(), d.recipient(),
                d.language(), subject, text, data, in.getHeader(GatehouseHeaders.NOTIFY_DEDUPE_KEY, String.class),
                d.priority() == null ? Priority.NORMAL : d.priority(), fallback, d.fallbackRecipient());
    }

    private static Alarm alarm(NotifyEndpoint ep, Object body) {
        if (body instanceof Alarm alarm) {
            return alarm;
        }
        throw new IllegalArgumentException(NotifyComponent.SCHEME + ":" + ep.getChannel() + " needs an Alarm body, not "
                + (body == null ? "null" : body.getClass().getSimpleName()));
    }

    private static SecurityEvent passage(NotifyEndpoint ep, Object body) {
        if (body instanceof SecurityEvent event) {
            return event;
        }
        throw new IllegalArgumentException(NotifyComponent.SCHEME + ":" + ep.getChannel()
                + " needs a SecurityEvent body, not " + (body == null ? "null" : body.getClass().getSimpleName()));
    }

    /** @return the transition of header GatehouseAlarmTransition, RAISED when it is absent */
    private static Transition transition(Message in) {
        String t = in.getHeader(GatehouseHeaders.ALARM_TRANSITION, String.class);
        try {
            return t == null || t.isBlank() ? Transition.RAISED : Transition.valueOf(t.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(GatehouseHeaders.ALARM_TRANSITION + " '" + t + "' is not one of "
                    + Arrays.toString(Transition.values()));
        }
    }

    /** @return the configured priority, null when none is (the message service then takes it from the alarm) */
    static Priority priority(String configured) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        try {
            return Priority.valueOf(configured.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("priority '" + configured + "' is not LOW, NORMAL or CRITICAL");
        }
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() <= SUBJECT_MAX ? line : line.substring(0, SUBJECT_MAX - 1) + "…";
    }
}
