package org.gatehouse.camel.internal;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.gatehouse.api.SecurityEvent;

/** Ingests the body (a {@link SecurityEvent}) and replaces it with the {@code IngestResult}. */
public class EventProducer extends DefaultProducer {
    EventProducer(EventEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public EventEndpoint getEndpoint() {
        return (EventEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SecurityEvent event = exchange.getIn().getMandatoryBody(SecurityEvent.class);
        exchange.getIn().setBody(getEndpoint().getComponent().service().ingest(event));
    }
}
