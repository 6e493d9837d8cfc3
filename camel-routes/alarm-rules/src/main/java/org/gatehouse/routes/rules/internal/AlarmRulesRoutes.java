package org.gatehouse.routes.rules.internal;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.gatehouse.routes.rules.internal.AlarmRules.Decision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Route {@value #ROUTE_ID}: every event of the spine is matched against the {@link AlarmRules};
 * restore events clear their alarm, events that qualify raise one. Published as a RoutesBuilder service that the
 * platform CamelContext picks up. A configuration change restarts the component, so the route is removed and added.
 * The configuration PID is the component name; the configuration is optional (DS defaults).
 */
@Component(name = "org.gatehouse.routes.rules", service = RoutesBuilder.class, property = "gatehouse.routes=true")
@Designate(ocd = AlarmRulesConfig.class)
public class AlarmRulesRoutes extends RouteBuilder {
    public static final String ROUTE_ID = "gatehouse-alarm-rules";
    static final String SOURCE = "gatehouse-event:*";

    private AlarmRules rules;
    private final String source;

    /** For DS. */
    public AlarmRulesRoutes() {
        this.source = SOURCE;
    }

    /** For tests: other rules and another source endpoint. */
    AlarmRulesRoutes(AlarmRules rules, String source) {
        this.rules = rules;
        this.source = source;
    }

    @Activate
    void activate(AlarmRulesConfig config) {
        rules = AlarmRules.of(config);
    }

    @Override
    public void configure() {
        from(source).routeId(ROUTE_ID).description("Alarm rules: " + rules)
            .choice()
                .when(rules.is(Decision.CLEAR)).to("gatehouse-alarm:clear")
                .when(rules.is(Decision.IGNORE)).stop()
                .when(rules.is(Decision.RAISE)).to("gatehouse-alarm:raise")
            .end();
    }
}
