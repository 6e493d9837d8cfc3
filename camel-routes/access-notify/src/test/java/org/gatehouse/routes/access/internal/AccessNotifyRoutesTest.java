package org.gatehouse.routes.access.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.mock.MockComponent;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.service.SignedLinks;
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
                "Asia/Shanghai", 10, 72);
        r.links = LINKS;
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

    /**
     * Stands for the core's signing service (tested with its real HMAC key in the core and through REST /s/{token}):
     * the token shows what was signed.
     */
    static final SignedLinks LINKS = new SignedLinks() {
        @Override
        public String sign(String subject, Duration ttl) {
            return "signed(" + subject + "," + ttl + ")";
        }

        @Override
        public Optional<String> verify(String token) {
            return Optional.empty();
        }
    };

    static SecurityEvent passage(String id, String person) {
        return passage(id, person, "in", Instant.parse("2026-03-02T00:05:00Z"));
    }

    static SecurityEvent passage(String id, String person, String direction, Instant at) {
        return new SecurityEvent("passage-" + id, at, "s1", "gate-1", "main-gate",
                person == null ? "gate.stranger" : "gate.passage", Severity.INFO,
                person == null ? Map.of("passageId", id, "direction", direction)
                        : Map.of("passageId", id, "direction", direction, "personId", person), null, person);
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
        assertEquals("https://school.example/api/s/signed(passage:7,PT72H)",
                guardians.getReceivedExchanges().get(0).getIn().getHeader("GatehouseSnapshotUrl"));
        assertEquals("正门闸机 1", guardians.getReceivedExchanges().get(0).getIn().getHeader("GatehouseGateName"));
        assertEquals("stu-2", guardians.getReceivedExchanges().get(1).getIn().getBody(SecurityEvent.class).personId());
        assertNull(AccessNotifyRoutes.snapshotUrl(null, LINKS, Duration.ofHours(1), passage("7", "x")),
                "no base URL: no link");
        assertNull(AccessNotifyRoutes.snapshotUrl("https://x", null, Duration.ofHours(1), passage("7", "x")),
                "no signing service: no link");
    }

    @Test
    void atMostOneMessagePerStudentAndDirectionWithinTheWindow() throws Exception {
        MockEndpoint guardians = notify.last;
        guardians.expectedMessageCount(4);
        Instant t = Instant.parse("2026-03-02T00:05:00Z");
        template.sendBody("direct:passages", passage("20", "stu-1", "in", t));
        template.sendBody("direct:passages", passage("21", "stu-1", "in", t.plusSeconds(60)));
        template.sendBody("direct:passages", passage("22", "stu-1", "out", t.plusSeconds(120)));
        template.sendBody("direct:passages", passage("23", "stu-2", "in", t.plusSeconds(130)));
        template.sendBody("direct:passages", passage("24", "stu-1", "in", t.plusSeconds(9 * 60 + 59)));
        template.sendBody("direct:passages", passage("25", "stu-1", "in", t.plusSeconds(10 * 60)));
        guardians.assertIsSatisfied();
        List<String> sent = guardians.getReceivedExchanges().stream()
                .map(x -> x.getIn().getBody(SecurityEvent.class).id()).toList();
        assertEquals(List.of("passage-20", "passage-22", "passage-23", "passage-25"), sent);
    }
}
