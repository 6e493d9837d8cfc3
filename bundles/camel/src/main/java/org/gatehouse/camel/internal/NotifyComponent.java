package org.gatehouse.camel.internal;

import java.util.Map;
import java.util.Objects;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.gatehouse.api.service.OutboxService;

/** {@code gatehouse-notify:<channel>?filter=&kind=&language=&recipient=} queues a message in the outbox. */
public class NotifyComponent extends DefaultComponent {
    public static final String SCHEME = "gatehouse-notify";

    private final OutboxService outbox;

    public NotifyComponent(OutboxService outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    OutboxService outbox() {
        return outbox;
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
