package org.gatehouse.routes.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockComponent;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.junit.jupiter.api.Test;

/** The rules route with gatehouse-event replaced by direct: and gatehouse-alarm by mock endpoints. */
class AlarmRulesRoutesTest extends CamelTestSupport {
    static SecurityEvent event(String type, Severity severity, boolean restore) {
        return new SecurityEvent("e1", Instant.EPOCH, "campus", "dev-1", "z", type, severity,
                restore ? Map.of(SecurityEvent.ATTR_STATE, SecurityEvent.STATE_RESTORE) : Map.of(), null, null);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("gatehouse-alarm", new MockComponent());
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        AlarmRules rules = new AlarmRules(Severity.MAJOR, List.of("gate.forced", "face.watchlist*"),
                List.of("fence.test", "camera.*"));
        return new AlarmRulesRoutes(rules, "direct:events");
    }

    @Test
    void eventsRaiseClearOrAreIgnored() throws Exception {
        MockEndpoint raise = getMockEndpoint("gatehouse-alarm:raise");
        MockEndpoint clear = getMockEndpoint("gatehouse-alarm:clear");
        raise.expectedBodiesReceived(
                event("fence.intrusion", Severity.MAJOR, false),
                event("fire.smoke", Severity.CRITICAL, false),
                event("gate.forced", Severity.INFO, false),
                event("face.watchlist.match", null, false));
        clear.expectedBodiesReceived(event("fence.intrusion", Severity.INFO, true));

        template.sendBody("direct:events", event("fence.intrusion", Severity.MAJOR, false));
        template.sendBody("direct:events", event("fire.smoke", Severity.CRITICAL, false));
        template.sendBody("direct:events", event("gate.forced", Severity.INFO, false));
        template.sendBody("direct:events", event("face.watchlist.match", null, false));
        template.sendBody("direct:events", event("fence.intrusion", Severity.INFO, true));
        // below the minimum, ignored types (even when severe or a restore)
        template.sendBody("direct:events", event("fence.vibration", Severity.WARNING, false));
        template.sendBody("direct:events", event("fence.test", Severity.CRITICAL, false));
        template.sendBody("direct:events", event("camera.tamper", Severity.MAJOR, false));
        template.sendBody("direct:events", event("camera.tamper", Severity.MAJOR, true));

        MockEndpoint.assertIsSatisfied(raise, clear);
        assertEquals(AlarmRulesRoutes.ROUTE_ID, context.getRoutes().get(0).getRouteId());
    }

    @Test
    void defaultsRaiseFromWarningAndIgnoreNothing() {
        AlarmRules rules = new AlarmRules(Severity.WARNING, List.of(), List.of());
        assertEquals(AlarmRules.Decision.RAISE, rules.decide(event("fence.vibration", Severity.WARNING, false)));
        assertEquals(AlarmRules.Decision.DROP, rules.decide(event("gate.passage", Severity.INFO, false)));
        assertEquals(AlarmRules.Decision.DROP, rules.decide(event("gate.passage", null, false)));
        assertEquals(AlarmRules.Decision.CLEAR, rules.decide(event("gate.passage", Severity.INFO, true)));
    }

    @Test
    void commaSeparatedTypesInOneEntryAreSplit() {
        AlarmRules rules = new AlarmRules(Severity.CRITICAL, List.of("a.b, c.d"), List.of());
        assertEquals(AlarmRules.Decision.RAISE, rules.decide(event("c.d", Severity.INFO, false)));
    }
}
