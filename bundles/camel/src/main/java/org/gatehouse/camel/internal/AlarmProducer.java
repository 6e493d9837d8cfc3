package org.gatehouse.camel.internal;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.gatehouse.api.SecurityEvent;

/** {@code raise}: body SecurityEvent in, Alarm out. {@code clear}: body SecurityEvent in, cleared Alarm or null out. */
public class AlarmProducer extends DefaultProducer {
    AlarmProducer(AlarmEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public AlarmEndpoint getEndpoint() {
        return (AlarmEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SecurityEvent event = exchange.getIn().getMandatoryBody(SecurityEvent.class);
        if (AlarmEndpoint.RAISE.equals(getEndpoint().getPath())) {
            String message = exchange.getIn().getHeader(GatehouseHeaders.ALARM_MESSAGE, String.class);
            exchange.getIn().setBody(getEndpoint().getComponent().service().raise(event, message));
        } else {
            exchange.getIn().setBody(getEndpoint().getComponent().service().clear(event).orElse(null));
        }
    }
}
