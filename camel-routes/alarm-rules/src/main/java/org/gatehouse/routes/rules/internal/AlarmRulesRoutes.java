package org.gatehouse.routes.rules.internal;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.PredicateBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.perimeter.ArmingService;
import org.gatehouse.routes.rules.internal.AlarmRules.Decision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route {@value #ROUTE_ID}: every event of the spine is matched against the {@link AlarmRules};
 * restore events clear their alarm, events that qualify raise one. Published as a RoutesBuilder service that the
 * platform CamelContext picks up. A configuration change restarts the component, so the route is removed and added.
 * The configuration PID is the component name; the configuration is optional (DS defaults).
 *
 * <p>Perimeter arming: an event that would raise is first put to the {@link ArmingService} when one is present (an
 * intrusion in a disarmed or bypassed perimeter zone is only recorded: stored by the spine, no alarm); without the
 * service every such event raises, as before.
 */
@Component(name = "org.gatehouse.routes.rules", service = RoutesBuilder.class, property = "gatehouse.routes=true")
@Designate(ocd = AlarmRulesConfig.class)
public class AlarmRulesRoutes extends RouteBuilder {
    public static final String ROUTE_ID = "gatehouse-alarm-rules";
    static final String SOURCE = "gatehouse-event:*";
    private static final Logger LOG = LoggerFactory.getLogger(AlarmRulesRoutes.class);

    /** The arming of the perimeter zones; absent: events raise as the rules say. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ArmingService arming;

    private AlarmRules rules;
    private final String source;

    /** For DS. */
    public AlarmRulesRoutes() {
        this.source = SOURCE;
    }

    /** For tests: other rules and another source endpoint. */
    AlarmRulesRoutes(AlarmRules rules, String source) {
        this(rules, source, null);
    }

    /** For tests: with the arming service (null: none). */
    AlarmRulesRoutes(AlarmRules rules, String source, ArmingService arming) {
        this.rules = rules;
        this.source = source;
        this.arming = arming;
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
                .when(PredicateBuilder.and(rules.is(Decision.RAISE), this::armed)).to("gatehouse-alarm:raise")
            .end();
    }

    /** Whether the arming lets the event raise (true without an arming service or when it fails). */
    boolean armed(Exchange exchange) {
        ArmingService a = arming;
        if (a == null) {
            return true;
        }
        SecurityEvent e = exchange.getIn().getBody(SecurityEvent.class);
        try {
            if (a.alarms(e)) {
                return true;
            }
        } catch (RuntimeException ex) {
            LOG.warn("Arming of the zone of event {} not known ({}); the event raises", e.id(), ex.toString());
            return true;
        }
        LOG.debug("Event {} ({}) in zone {} only recorded: the zone is disarmed or bypassed", e.id(), e.type(),
                e.zoneId());
        return false;
    }
}
