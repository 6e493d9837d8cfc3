package org.gatehouse.camel.internal;

import java.util.Map;
import java.util.Objects;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.gatehouse.api.service.EventService;

/** {@code gatehouse-event:<typePattern>} consumes events of the spine; {@code gatehouse-event:ingest} ingests. */
public class EventComponent extends DefaultComponent {
    public static final String SCHEME = "gatehouse-event";

    private final EventService events;

    public EventComponent(EventService events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    EventService events() {
        return events;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("gatehouse-event needs a type pattern or 'ingest': " + uri);
        }
        EventEndpoint endpoint = new EventEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
