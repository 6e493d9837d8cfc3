package org.gatehouse.camel.internal;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.gatehouse.api.service.AlarmService;

/**
 * {@code gatehouse-alarm:raised?transitions=RAISED,ESCALATED} consumes alarm transitions;
 * {@code gatehouse-alarm:raise} and {@code gatehouse-alarm:clear} raise and clear alarms.
 */
public class AlarmComponent extends ServiceComponent<AlarmService> {
    public static final String SCHEME = "gatehouse-alarm";

    public AlarmComponent(AlarmService alarms) {
        super(alarms, "alarms");
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!AlarmEndpoint.PATHS.contains(remaining)) {
            throw new IllegalArgumentException("gatehouse-alarm path must be one of " + AlarmEndpoint.PATHS + ": " + uri);
        }
        return configured(new AlarmEndpoint(uri, this, remaining), parameters);
    }
}
