package org.gatehouse.routes.alarm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockComponent;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.Severity;
import org.junit.jupiter.api.Test;

/** Critical alarms reach everyone on duty; escalations reach the duty leader. */
class AlarmNotifyOnDutyTest extends CamelTestSupport {
    private final AlarmNotifyRoutesTest.RecordingNotify notify = new AlarmNotifyRoutesTest.RecordingNotify();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("gatehouse-notify", notify);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new AlarmNotifyRoutes(new NotifyPlan(List.of("webhook"), List.of(), "RAISED,ESCALATED", "en",
                Severity.WARNING), "direct:alarms", Severity.CRITICAL, "leader");
    }

    @Test
    void criticalAlarmsGoToEveryoneOnDutyAndEscalationsToTheLeader() throws Exception {
        assertEquals(Set.of("webhook", "on-duty"), notify.endpoints.keySet());
        MockEndpoint webhook = notify.endpoints.get("webhook");
        MockEndpoint onDuty = notify.endpoints.values().stream().filter(e -> e.getEndpointUri().contains("on-duty")
                && !e.getEndpointUri().contains("post=")).findFirst().orElseThrow();
        webhook.expectedMessageCount(3);
        template.sendBodyAndHeader("direct:alarms", AlarmNotifyRoutesTest.alarm(1, Severity.MAJOR),
                "GatehouseAlarmTransition", "RAISED");
        template.sendBodyAndHeader("direct:alarms", AlarmNotifyRoutesTest.alarm(2, Severity.CRITICAL),
                "GatehouseAlarmTransition", "RAISED");
        template.sendBodyAndHeader("direct:alarms", AlarmNotifyRoutesTest.alarm(3, Severity.MAJOR),
                "GatehouseAlarmTransition", "ESCALATED");
        webhook.assertIsSatisfied();
        // both on-duty endpoints are created under the key "on-duty"; the recording keeps the last one (post=leader)
        List<Object> bodies = new java.util.ArrayList<>();
        List<String> uris = new java.util.ArrayList<>();
        for (var ep : context.getEndpoints()) {
            if (ep instanceof MockEndpoint m && ep.getEndpointUri().contains("on-duty")) {
                for (var ex : m.getReceivedExchanges()) {
                    bodies.add(((org.gatehouse.api.Alarm) ex.getIn().getBody()).id());
                    uris.add(ep.getEndpointUri());
                }
            }
        }
        assertEquals(2, bodies.size(), "the CRITICAL raise and the escalation; not the MAJOR raise");
        assertTrue(bodies.contains(2L) && bodies.contains(3L), bodies.toString());
        assertTrue(uris.get(bodies.indexOf(3L)).contains("post=leader"), uris.toString());
        assertTrue(!uris.get(bodies.indexOf(2L)).contains("post="), uris.toString());
        assertEquals(onDuty.getEndpointUri().contains("on-duty"), true);
    }
}
