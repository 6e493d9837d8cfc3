package org.gatehouse.routes.rules.internal;

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
import org.gatehouse.api.perimeter.ArmingSchedule;
import org.gatehouse.api.perimeter.ArmingService;
import org.gatehouse.api.perimeter.FenceEvents;
import org.gatehouse.api.perimeter.ZoneArming;
import org.junit.jupiter.api.Test;

/**
 * The rules route with an arming service: an intrusion in a disarmed zone raises nothing, tamper always raises, a
 * restore still clears, and an arming service that fails lets the event raise. The arming service here is a stand-in
 * with fixed answers (the real one, on the real spine, is exercised by the core's ArmingServiceTest and PerimeterIT).
 */
class AlarmRulesArmingTest extends CamelTestSupport {
    /** Zone "off" is disarmed, "broken" cannot be read, every other is armed. */
    static final class FixedArming implements ArmingService {
        @Override
        public boolean alarms(SecurityEvent event) {
            if ("broken".equals(event.zoneId())) {
                throw new IllegalStateException("store down");
            }
            return FenceEvents.ALWAYS_ALARM.contains(event.type()) || !"off".equals(event.zoneId());
        }

        @Override
        public List<ZoneArming> zones() {
            return List.of();
        }

        @Override
        public ZoneArming zone(String zoneId) {
            return new ZoneArming(zoneId, zoneId, !"off".equals(zoneId), "fixed", null, null, null, null,
                    new ArmingSchedule(List.of()), null);
        }

        @Override
        public ZoneArming arm(String zoneId, boolean armed, Instant until, String reason, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ZoneArming bypass(String zoneId, String reason, Instant until, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ZoneArming endBypass(String zoneId, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ZoneArming schedule(String zoneId, ArmingSchedule schedule, String actor) {
            throw new UnsupportedOperationException();
        }
    }

    static SecurityEvent event(String id, String type, String zone, boolean restore) {
        return new SecurityEvent(id, Instant.EPOCH, "campus", "fence-n1", zone, type, Severity.MAJOR,
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
        return new AlarmRulesRoutes(new AlarmRules(Severity.WARNING, List.of(), List.of()), "direct:events",
                new FixedArming());
    }

    @Test
    void intrusionsInADisarmedZoneAreOnlyRecorded() throws Exception {
        MockEndpoint raise = getMockEndpoint("gatehouse-alarm:raise");
        MockEndpoint clear = getMockEndpoint("gatehouse-alarm:clear");
        raise.expectedBodiesReceived(
                event("e2", FenceEvents.TAMPER, "off", false),
                event("e3", FenceEvents.INTRUSION, "north", false),
                event("e5", FenceEvents.INTRUSION, "broken", false));
        clear.expectedBodiesReceived(event("e4", FenceEvents.INTRUSION, "off", true));

        template.sendBody("direct:events", event("e1", FenceEvents.INTRUSION, "off", false));
        template.sendBody("direct:events", event("e2", FenceEvents.TAMPER, "off", false));
        template.sendBody("direct:events", event("e3", FenceEvents.INTRUSION, "north", false));
        template.sendBody("direct:events", event("e4", FenceEvents.INTRUSION, "off", true));
        template.sendBody("direct:events", event("e5", FenceEvents.INTRUSION, "broken", false));

        MockEndpoint.assertIsSatisfied(raise, clear);
    }
}
