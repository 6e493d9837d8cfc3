package org.gatehouse.camel.internal;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.service.AlarmService.Transition;

/** Subscribes to alarm transitions while started and delivers those the endpoint selects. */
public class AlarmConsumer extends DefaultConsumer {
    private AutoCloseable subscription;

    AlarmConsumer(AlarmEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public AlarmEndpoint getEndpoint() {
        return (AlarmEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        subscription = getEndpoint().getComponent().alarms().subscribe(this::onTransition);
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

    void onTransition(Transition transition, Alarm alarm) throws Exception {
        if (!getEndpoint().transitionSet().contains(transition)) {
            return;
        }
        Exchange exchange = createExchange(false);
        try {
            exchange.getIn().setBody(alarm);
            exchange.getIn().setHeader(GatehouseHeaders.ALARM_TRANSITION, transition.name());
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing alarm " + alarm.id() + " " + transition,
                        exchange, exchange.getException());
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
