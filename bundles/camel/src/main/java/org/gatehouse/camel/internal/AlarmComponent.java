package org.gatehouse.camel.internal;

import java.util.Map;
import java.util.Objects;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.gatehouse.api.service.AlarmService;

/**
 * {@code gatehouse-alarm:raised?transitions=RAISED,ESCALATED} consumes alarm transitions;
 * {@code gatehouse-alarm:raise} and {@code gatehouse-alarm:clear} raise and clear alarms.
 */
public class AlarmComponent extends DefaultComponent {
    public static final String SCHEME = "gatehouse-alarm";

    private final AlarmService alarms;

    public AlarmComponent(AlarmService alarms) {
        this.alarms = Objects.requireNonNull(alarms, "alarms");
    }

    AlarmService alarms() {
        return alarms;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!AlarmEndpoint.PATHS.contains(remaining)) {
            throw new IllegalArgumentException("gatehouse-alarm path must be one of " + AlarmEndpoint.PATHS + ": " + uri);
        }
        AlarmEndpoint endpoint = new AlarmEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
