package org.gatehouse.routes.alarm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/** The notify route with gatehouse-alarm replaced by direct: and gatehouse-notify by recording mock endpoints. */
class AlarmNotifyRoutesTest extends CamelTestSupport {
    /** A mock component that accepts any option and records the options of each channel's endpoint. */
    static final class RecordingNotify extends MockComponent {
        final Map<String, MockEndpoint> endpoints = new LinkedHashMap<>();
        final Map<String, Map<String, Object>> options = new LinkedHashMap<>();

        @Override
        protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
            MockEndpoint endpoint = new MockEndpoint(uri, this);
            endpoints.put(remaining, endpoint);
            options.put(remaining, new LinkedHashMap<>(parameters));
            parameters.clear();
            return endpoint;
        }
    }

    private final RecordingNotify notify = new RecordingNotify();

    static Alarm alarm(long id, Severity severity) {
        return new Alarm(id, "fence-1/fence.intrusion", "fence.intrusion", severity, "campus", "north-fence",
                "fence-1", null, AlarmState.RAISED, 1, Instant.EPOCH, Instant.EPOCH, "e1", 0, null, null, null,
                null, null);
    }

    static final NotifyPlan PLAN = new NotifyPlan(List.of("webhook", "sms"),
            List.of("sms=(&(gatehouse.notify.provider=acme-sms)(region=cn))", "email=(x=y)"), "RAISED, escalated",
            "zh-CN", Severity.MAJOR);

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("gatehouse-notify", notify);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new AlarmNotifyRoutes(PLAN, "direct:alarms");
    }

    @Test
    void severeAlarmsReachEveryChannelWithItsFilterAndLanguage() throws Exception {
        assertEquals(Set.of("webhook", "sms"), notify.endpoints.keySet());
        assertEquals(Map.of("language", "zh-CN"), notify.options.get("webhook"));
        assertEquals(Map.of("language", "zh-CN", "filter", "(&(gatehouse.notify.provider=acme-sms)(region=cn))"),
                notify.options.get("sms"));

        MockEndpoint webhook = notify.endpoints.get("webhook");
        MockEndpoint sms = notify.endpoints.get("sms");
        webhook.expectedBodiesReceived(alarm(1, Severity.MAJOR), alarm(3, Severity.CRITICAL));
        sms.expectedBodiesReceived(alarm(1, Severity.MAJOR), alarm(3, Severity.CRITICAL));
        sms.expectedHeaderValuesReceivedInAnyOrder("GatehouseAlarmTransition", "RAISED", "ESCALATED");

        template.sendBodyAndHeader("direct:alarms", alarm(1, Severity.MAJOR), "GatehouseAlarmTransition", "RAISED");
        template.sendBodyAndHeader("direct:alarms", alarm(2, Severity.WARNING), "GatehouseAlarmTransition", "RAISED");
        template.sendBodyAndHeader("direct:alarms", alarm(3, Severity.CRITICAL), "GatehouseAlarmTransition",
                "ESCALATED");
        MockEndpoint.assertIsSatisfied(webhook, sms);
        assertEquals(AlarmNotifyRoutes.ROUTE_ID, context.getRoutes().get(0).getRouteId());
    }

    @Test
    void planBuildsSourceAndTargetUris() {
        assertEquals("gatehouse-alarm:raised?transitions=RAISED,ESCALATED", PLAN.sourceUri());
        assertEquals(List.of("gatehouse-notify:webhook?language=zh-CN",
                "gatehouse-notify:sms?language=zh-CN&filter=RAW{(&(gatehouse.notify.provider=acme-sms)(region=cn))}"),
                PLAN.targetUris());
        assertEquals(Set.of("email"), PLAN.unusedFilterKinds());
    }

    @Test
    void planDefaultsAndCommaSeparatedChannels() {
        NotifyPlan p = new NotifyPlan(List.of("webhook, sms"), List.of(), "RAISED,ESCALATED", null, Severity.WARNING);
        assertEquals(List.of("webhook", "sms"), p.channels());
        assertEquals("gatehouse-notify:sms?language=zh-CN", p.targetUris().get(1));
        NotifyPlan q = new NotifyPlan(List.of("sms", "email"),
                List.of("sms=(|(gatehouse.notify.provider=a)(gatehouse.notify.provider=b)), email=(x=1,2)"),
                "RAISED", "en", Severity.WARNING);
        assertEquals(List.of("gatehouse-notify:sms?language=en&filter=RAW{(|(gatehouse.notify.provider=a)"
                        + "(gatehouse.notify.provider=b))}", "gatehouse-notify:email?language=en&filter=RAW{(x=1,2)}"),
                q.targetUris());
    }

    @Test
    void planRejectsMalformedEntries() {
        assertThrows(IllegalArgumentException.class,
                () -> new NotifyPlan(List.of("SMS!"), List.of(), "RAISED", "en", Severity.WARNING));
        assertThrows(IllegalArgumentException.class,
                () -> new NotifyPlan(List.of("sms"), List.of("sms:(a=b)"), "RAISED", "en", Severity.WARNING));
    }

    @Test
    void fallbacksArePassedToTheNotifyEndpoint() {
        NotifyPlan p = new NotifyPlan(List.of("push", "webhook"), List.of(), "RAISED", "en", Severity.WARNING,
                List.of("push=sms"));
        assertEquals(List.of("gatehouse-notify:push?language=en&fallback=sms", "gatehouse-notify:webhook?language=en"),
                p.targetUris());
        assertThrows(IllegalArgumentException.class, () -> new NotifyPlan(List.of("push"), List.of(), "RAISED", "en",
                Severity.WARNING, List.of("push")));
    }
}
