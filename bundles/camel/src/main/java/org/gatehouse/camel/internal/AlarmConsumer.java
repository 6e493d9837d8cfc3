package org.gatehouse.camel.internal;

import org.apache.camel.Processor;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.service.AlarmService.Transition;

/** Subscribes to alarm transitions while started and delivers those the endpoint selects. */
public class AlarmConsumer extends SubscribingConsumer {
    AlarmConsumer(AlarmEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public AlarmEndpoint getEndpoint() {
        return (AlarmEndpoint) super.getEndpoint();
    }

    @Override
    protected AutoCloseable subscribe() throws Exception {
        return getEndpoint().getComponent().service().subscribe(this::onTransition);
    }

    void onTransition(Transition transition, Alarm alarm) throws Exception {
        if (!getEndpoint().transitionSet().contains(transition)) {
            return;
        }
        process(in -> {
            in.setBody(alarm);
            in.setHeader(GatehouseHeaders.ALARM_TRANSITION, transition.name());
        }, "alarm " + alarm.id() + " " + transition);
    }
}
