package org.gatehouse.camel.internal;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.gatehouse.api.service.EventService;

/** {@code gatehouse-event:<typePattern>} consumes events of the spine; {@code gatehouse-event:ingest} ingests. */
public class EventComponent extends ServiceComponent<EventService> {
    public static final String SCHEME = "gatehouse-event";

    public EventComponent(EventService events) {
        super(events, "events");
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        return configured(new EventEndpoint(uri, this, path(remaining, uri,
                "gatehouse-event needs a type pattern or 'ingest'")), parameters);
    }
}
