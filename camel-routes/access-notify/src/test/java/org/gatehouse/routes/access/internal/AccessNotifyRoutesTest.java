package org.gatehouse.routes.access.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.mock.MockComponent;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.junit.jupiter.api.Test;

/** Passages of identified persons reach gatehouse-notify:guardians with the snapshot link; strangers do not. */
class AccessNotifyRoutesTest extends CamelTestSupport {
    /** Records what reaches gatehouse-notify in a mock endpoint per URI. */
    static final class RecordingNotify extends MockComponent {
        volatile MockEndpoint last;
        volatile String remaining;
        final Map<String, Object> options = new java.util.LinkedHashMap<>();

        @Override
        protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
            this.remaining = remaining;
            options.putAll(parameters);
            parameters.clear();
            MockEndpoint m = new MockEndpoint(uri, this);
            last = m;
            return m;
        }
    }

    private final RecordingNotify notify = new RecordingNotify();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("gatehouse-notify", notify);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        AccessNotifyRoutes r = new AccessNotifyRoutes("direct:passages", "https://school.example/api/", "en",
                "Asia/Shanghai");
        r.sites = (org.gatehouse.api.service.SiteService) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.gatehouse.api.service.SiteService.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("device")) {
                        return "gate-1".equals(args[0]) ? java.util.Optional.of(new org.gatehouse.api.Device("gate-1",
                                "s1", "main-gate", "facegate", "http", "正门闸机 1", null, Map.of()))
                                : java.util.Optional.empty();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return r;
    }

    static SecurityEvent passage(String id, String person) {
        return new SecurityEvent("passage-" + id, Instant.parse("2026-03-02T00:05:00Z"), "s1", "gate-1", "main-gate",
                person == null ? "gate.stranger" : "gate.passage", Severity.INFO,
                person == null ? Map.of("passageId", id, "direction", "in")
                        : Map.of("passageId", id, "direction", "in", "personId", person), null, person);
    }

    @Test
    void passagesOfPersonsGoToTheirGuardiansWithTheSnapshotLink() throws Exception {
        MockEndpoint guardians = notify.last;
        assertEquals("guardians", notify.remaining);
        assertEquals(Map.of("language", "en", "timezone", "Asia/Shanghai"), notify.options);
        guardians.expectedMessageCount(2);
        template.sendBody("direct:passages", passage("7", "stu-1"));
        template.sendBody("direct:passages", passage("8", null));
        template.sendBody("direct:passages", passage("9", "stu-2"));
        guardians.assertIsSatisfied();
        assertEquals("https://school.example/api/passages/7/snapshot",
                guardians.getReceivedExchanges().get(0).getIn().getHeader("GatehouseSnapshotUrl"));
        assertEquals("正门闸机 1", guardians.getReceivedExchanges().get(0).getIn().getHeader("GatehouseGateName"));
        assertEquals("stu-2", guardians.getReceivedExchanges().get(1).getIn().getBody(SecurityEvent.class).personId());
        assertNull(AccessNotifyRoutes.snapshotUrl(null, passage("7", "x")), "no base URL: no link");
    }
}
