package org.gatehouse.camel.internal;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.gatehouse.api.SecurityEvent;

/** Subscribes to the spine while started; each event becomes one exchange, processed on the dispatcher thread. */
public class EventConsumer extends DefaultConsumer {
    private AutoCloseable subscription;

    EventConsumer(EventEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public EventEndpoint getEndpoint() {
        return (EventEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        subscription = getEndpoint().getComponent().events().subscribe(getEndpoint().getPath(), this::onEvent);
    }

    @Override
    protected void doStop() throws Exception {
        AutoCloseable s = subscription;
        subscription = null;
        if (s != null) {
            s.close();
        }
        super.doStop();
    }

    void onEvent(SecurityEvent event) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            Message in = exchange.getIn();
            in.setBody(event);
            in.setHeader(GatehouseHeaders.EVENT_TYPE, event.type());
            in.setHeader(GatehouseHeaders.DEVICE_ID, event.deviceId());
            in.setHeader(GatehouseHeaders.SEVERITY, event.severity() == null ? null : event.severity().name());
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing event " + event.id(), exchange,
                        exchange.getException());
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
