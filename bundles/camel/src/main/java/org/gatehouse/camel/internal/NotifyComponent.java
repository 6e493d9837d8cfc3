package org.gatehouse.camel.internal;

import java.util.Map;
import java.util.Objects;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.gatehouse.api.service.MessageService;
import org.gatehouse.api.service.OutboxService;

/**
 * {@code gatehouse-notify:<channel>?filter=&kind=&language=&recipient=} queues a message in the outbox;
 * {@code gatehouse-notify:zone-staff} queues one message per responsible staff member of the alarm's zone;
 * {@code gatehouse-notify:on-duty?post=} one message per person on duty now (on that post, or any post);
 * {@code gatehouse-notify:guardians} one message per guardian of the student of a passage. Recipients, languages,
 * texts and dedupe keys of alarms and passages are the {@link MessageService}'s; this component only maps the
 * exchange to a call of it.
 */
public class NotifyComponent extends DefaultComponent {
    public static final String SCHEME = "gatehouse-notify";

    /** Path that sends to the responsible staff of the alarm's zone instead of a fixed channel. */
    public static final String ZONE_STAFF = "zone-staff";

    /**
     * Path that sends a {@code gate.passage} event of a student to each bound guardian, in their language and on their
     * preferred channel (message kind {@code gate.passage}, dedupe key {@code passage:<passageId>:<guardianId>}).
     */
    public static final String GUARDIANS = "guardians";

    /** Path that sends to the people on duty now ({@code ?post=leader} for one post). */
    public static final String ON_DUTY = "on-duty";

    private final OutboxService outbox;
    private final MessageService messages;

    /**
     * @param outbox   queues Map and text bodies as they are
     * @param messages renders and queues alarms and passages
     */
    public NotifyComponent(OutboxService outbox, MessageService messages) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    OutboxService outbox() {
        return outbox;
    }

    MessageService messages() {
        return messages;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("gatehouse-notify needs a channel kind: " + uri);
        }
        NotifyEndpoint endpoint = new NotifyEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
