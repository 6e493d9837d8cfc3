package org.gatehouse.camel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.gatehouse.api.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The route bundle bookkeeping, run on a plain DefaultCamelContext instead of the OSGi one. */
class GatehouseCamelContextTest {
    private final Fakes.Events events = new Fakes.Events();
    private final Fakes.Alarms alarms = new Fakes.Alarms();
    private final Fakes.Outbox outbox = new Fakes.Outbox();
    private final GatehouseCamelContext platform = new GatehouseCamelContext(events, alarms, outbox,
            Fakes.unsupported(org.gatehouse.api.service.MessageService.class));

    @AfterEach
    void tearDown() {
        platform.deactivate();
    }

    private static RouteBuilder routes(String... ids) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (String id : ids) {
                    from("gatehouse-event:" + id + ".*").routeId(id).to("gatehouse-alarm:raise");
                }
            }
        };
    }

    private List<String> routeIds() {
        return platform.context().getRoutes().stream().map(Route::getRouteId).sorted().toList();
    }

    private ServiceStatus status(String id) {
        return platform.context().getRouteController().getRouteStatus(id);
    }

    @Test
    void buildersBoundBeforeStartAreAddedOnStartAndRoutesRun() throws Exception {
        RouteBuilder a = routes("fence");
        assertEquals(List.of(), platform.addRoutes(a, "a"));
        platform.start(new DefaultCamelContext());
        assertEquals("gatehouse", platform.context().getName());
        assertEquals(List.of("fence"), routeIds());
        assertEquals(ServiceStatus.Started, status("fence"));
        assertEquals(Map.of("a", List.of("fence")), platform.routesByBundle());

        events.publish(Fakes.event("fence.intrusion", Severity.MAJOR));
        assertEquals(List.of("raise fence.intrusion null"), alarms.calls);
    }

    @Test
    void unbindRemovesExactlyTheBuildersRoutesAndRebindAddsThemAgain() throws Exception {
        platform.start(new DefaultCamelContext());
        RouteBuilder a = routes("fence", "gate");
        RouteBuilder b = routes("face");
        assertEquals(List.of("fence", "gate"), platform.addRoutes(a, "a"));
        assertEquals(List.of("face"), platform.addRoutes(b, "b"));
        assertEquals(List.of("face", "fence", "gate"), routeIds());
        assertEquals(3, events.subs.size());

        assertEquals(List.of("fence", "gate"), platform.removeRoutes(a));
        assertEquals(List.of("face"), routeIds());
        assertNull(status("fence"));
        assertEquals(1, events.subs.size());
        CamelContext ctx = platform.context();
        assertNull(ctx.adapt(org.apache.camel.model.ModelCamelContext.class).getRouteDefinition("fence"));

        assertEquals(List.of("fence", "gate"), platform.addRoutes(a, "a"));
        assertEquals(List.of("face", "fence", "gate"), routeIds());
        assertEquals(ServiceStatus.Started, status("gate"));
        events.publish(Fakes.event("gate.forced", Severity.MAJOR));
        assertEquals(List.of("raise gate.forced null"), alarms.calls);
        assertEquals(List.of(), platform.removeRoutes(routes("other")));
    }

    @Test
    void aFailingBuilderIsLoggedAndDoesNotStopOthers() {
        platform.start(new DefaultCamelContext());
        RouteBuilder bad = new RouteBuilder() {
            @Override
            public void configure() {
                from("gatehouse-event:ok.*").routeId("partial").to("mock:x");
                from("gatehouse-alarm:nonsense").routeId("bad").to("mock:x");
            }
        };
        assertEquals(List.of(), platform.addRoutes(bad, "bad"));
        assertEquals(List.of(), routeIds());
        assertEquals(List.of("face"), platform.addRoutes(routes("face"), "good"));
        assertEquals(List.of("face"), routeIds());
        assertTrue(platform.routesByBundle().containsKey("good"));
    }

    @Test
    void deactivateStopsTheContextAndUnsubscribes() {
        platform.start(new DefaultCamelContext());
        platform.addRoutes(routes("fence"), "a");
        CamelContext ctx = platform.context();
        platform.deactivate();
        assertTrue(ctx.isStopped());
        assertTrue(events.subs.isEmpty());
    }
}
