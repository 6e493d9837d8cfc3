package org.gatehouse.camel.internal;

import org.apache.camel.Processor;
import org.gatehouse.api.SecurityEvent;

/** Subscribes to the spine while started; each event becomes one exchange, processed on the dispatcher thread. */
public class EventConsumer extends SubscribingConsumer {
    EventConsumer(EventEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public EventEndpoint getEndpoint() {
        return (EventEndpoint) super.getEndpoint();
    }

    @Override
    protected AutoCloseable subscribe() throws Exception {
        return getEndpoint().getComponent().service().subscribe(getEndpoint().getPath(), this::onEvent);
    }

    void onEvent(SecurityEvent event) throws Exception {
        process(in -> {
            in.setBody(event);
            in.setHeader(GatehouseHeaders.EVENT_TYPE, event.type());
            in.setHeader(GatehouseHeaders.DEVICE_ID, event.deviceId());
            in.setHeader(GatehouseHeaders.SEVERITY, event.severity() == null ? null : event.severity().name());
        }, "event " + event.id());
    }
}
