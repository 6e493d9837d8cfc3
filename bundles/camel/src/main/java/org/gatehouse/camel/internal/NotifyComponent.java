package org.gatehouse.camel.internal;

import java.util.Map;
import java.util.Objects;

import org.apache.camel.Endpoint;
import org.gatehouse.api.service.MessageService;
import org.gatehouse.api.service.OutboxService;

/**
 * {@code gatehouse-notify:<channel>?filter=&kind=&language=&recipient=} queues a message in the outbox;
 * {@code gatehouse-notify:zone-staff} queues one message per responsible staff member of the alarm's zone;
 * {@code gatehouse-notify:on-duty?post=} one message per person on duty now (on that post, or any post);
 * {@code gatehouse-notify:guardians} one message per guardian of the student of a passage (or, with a Map body of
 * template values and {@code ?kind=}, of the student in header GatehouseNotifyTarget);
 * {@code gatehouse-notify:persons?kind=} one message per person named in GatehouseNotifyTarget (comma-separated ids);
 * {@code gatehouse-notify:homeroom?kind=} one message per homeroom teacher of the class in GatehouseNotifyTarget.
 * Recipients, languages,
 * texts and dedupe keys of alarms and passages are the {@link MessageService}'s; this component only maps the
 * exchange to a call of it.
 */
public class NotifyComponent extends ServiceComponent<OutboxService> {
    public static final String SCHEME = "gatehouse-notify";

    /** Path that sends to the responsible staff of the alarm's zone instead of a fixed channel. */
    public static final String ZONE_STAFF = "zone-staff";

    /**
     * Path that sends a {@code gate.passage} event of a student to each bound guardian, in their language and on their
     * preferred channel (message kind {@code gate.passage}, dedupe key {@code passage:<passageId>:<guardianId>}).
     */
    public static final String GUARDIANS = "guardians";

    /** Path that sends a template kind to the persons named in header GatehouseNotifyTarget. */
    public static final String PERSONS = "persons";

    /** Path that sends a template kind to the homeroom teachers of the class in header GatehouseNotifyTarget. */
    public static final String HOMEROOM = "homeroom";

    /** Path that sends to the people on duty now ({@code ?post=leader} for one post). */
    public static final String ON_DUTY = "on-duty";

    private final MessageService messages;

    /**
     * @param outbox   queues Map and text bodies as they are
     * @param messages renders and queues alarms and passages
     */
    public NotifyComponent(OutboxService outbox, MessageService messages) {
        super(outbox, "outbox");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    OutboxService outbox() {
        return service();
    }

    MessageService messages() {
        return messages;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        return configured(new NotifyEndpoint(uri, this, path(remaining, uri, "gatehouse-notify needs a channel kind")),
                parameters);
    }
}
