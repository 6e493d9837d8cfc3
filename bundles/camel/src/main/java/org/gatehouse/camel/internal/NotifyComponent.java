package org.gatehouse.camel.internal;

import java.util.Map;
import java.util.Objects;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.TemplateService;

/**
 * {@code gatehouse-notify:<channel>?filter=&kind=&language=&recipient=} queues a message in the outbox;
 * {@code gatehouse-notify:zone-staff} queues one message per responsible staff member of the alarm's zone;
 * {@code gatehouse-notify:on-duty?post=} one message per person on duty now (on that post, or any post).
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
    private final java.util.function.Supplier<PersonService> persons;
    private volatile java.util.function.Supplier<DutyService> duty = () -> null;
    private volatile java.util.function.Supplier<TemplateService> templates = () -> null;

    public NotifyComponent(OutboxService outbox) {
        this(outbox, () -> null);
    }

    /** @param persons the person service if present (zone-staff needs it), else null */
    public NotifyComponent(OutboxService outbox, java.util.function.Supplier<PersonService> persons) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.persons = Objects.requireNonNull(persons, "persons");
    }

    OutboxService outbox() {
        return outbox;
    }

    PersonService persons() {
        return persons.get();
    }

    /** @param duty the duty roster if present ({@code on-duty} needs it) */
    public NotifyComponent duty(java.util.function.Supplier<DutyService> duty) {
        this.duty = Objects.requireNonNull(duty, "duty");
        return this;
    }

    DutyService duty() {
        return duty.get();
    }

    /** @param templates the template service if present: a custom {@code alarm} template then renders alarms */
    public NotifyComponent templates(java.util.function.Supplier<TemplateService> templates) {
        this.templates = Objects.requireNonNull(templates, "templates");
        return this;
    }

    TemplateService templates() {
        return templates.get();
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
