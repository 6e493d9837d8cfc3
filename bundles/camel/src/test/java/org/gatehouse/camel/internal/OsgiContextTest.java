package org.gatehouse.camel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Array;
import java.lang.reflect.Proxy;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.core.osgi.OsgiDefaultCamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.engine.DefaultLanguageResolver;
import org.apache.camel.spi.Language;
import org.apache.camel.spi.LanguageResolver;
import org.gatehouse.api.Severity;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Camel 3's OsgiDefaultCamelContext initialises in its constructor: checks that routes added through the platform
 * bookkeeping after start() really run on it (STACK.md gotcha 1). The BundleContext is a stub that serves classes and
 * resources from the test class path and the languages of camel-core, and answers null/false/0 otherwise.
 */
class OsgiContextTest {
    private static Object stub(Class<?> r, Object self) {
        if (r == boolean.class) {
            return false;
        }
        if (r == long.class) {
            return 0L;
        }
        if (r == int.class) {
            return 0;
        }
        if (r.isArray()) {
            return Array.newInstance(r.getComponentType(), 0);
        }
        if (r == String.class) {
            return "stub";
        }
        return null;
    }

    private static BundleContext bundleContext() {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, a) -> m.getName().equals("loadClass") ? OsgiContextTest.class.getClassLoader().loadClass((String) a[0])
                        : m.getName().equals("getResource") || m.getName().equals("getEntry") ? OsgiContextTest.class.getClassLoader().getResource((String) a[0])
                        : m.getName().equals("getResources") ? OsgiContextTest.class.getClassLoader().getResources((String) a[0])
                        : stub(m.getReturnType(), p));
        // what camel-core-osgi's activator would publish: a resolver for the languages in camel-core
        ServiceReference<?> languages = (ServiceReference<?>) Proxy.newProxyInstance(
                ServiceReference.class.getClassLoader(), new Class<?>[] {ServiceReference.class},
                (p, m, a) -> stub(m.getReturnType(), p));
        CamelContext plain = new DefaultCamelContext();
        LanguageResolver resolver = (name, ctx) -> {
            Language language = new DefaultLanguageResolver().resolveLanguage(name, plain);
            CamelContextAware.trySetCamelContext(language, ctx);
            return language;
        };
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getBundle" -> bundle;
                    case "getBundles" -> new Bundle[] {bundle};
                    case "getServiceReferences" -> LanguageResolver.class.getName().equals(a[0])
                            ? new ServiceReference<?>[] {languages} : null;
                    case "getService" -> a[0] == languages ? resolver : null;
                    default -> stub(m.getReturnType(), p);
                });
    }

    @Test
    void routesAddedAfterStartRunOnTheOsgiContext() throws Exception {
        Fakes.Events events = new Fakes.Events();
        Fakes.Alarms alarms = new Fakes.Alarms();
        GatehouseCamelContext platform = new GatehouseCamelContext(events, alarms, new Fakes.Outbox(),
                Fakes.unsupported(org.gatehouse.api.service.MessageService.class));
        RouteBuilder early = new RouteBuilder() {
            @Override
            public void configure() {
                from("gatehouse-event:fence.*").routeId("early").to("gatehouse-alarm:raise");
            }
        };
        platform.addRoutes(early, "early");
        platform.start(new OsgiDefaultCamelContext(bundleContext()));
        try {
            assertEquals(ServiceStatus.Started, platform.context().getRouteController().getRouteStatus("early"));
            events.publish(Fakes.event("fence.intrusion", Severity.MAJOR));
            assertEquals(List.of("raise fence.intrusion null"), alarms.calls);
            platform.removeRoutes(early);
            assertEquals(0, platform.context().getRoutes().size());
        } finally {
            platform.deactivate();
        }
    }
}
