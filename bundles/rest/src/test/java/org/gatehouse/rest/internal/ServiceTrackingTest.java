package org.gatehouse.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.felix.framework.FrameworkFactory;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.rest.internal.common.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;

/** The services of the REST API come and go in a real OSGi service registry (Felix, as in Karaf). */
class ServiceTrackingTest {
    Framework framework;
    BundleContext context;

    @BeforeEach
    void start() throws Exception {
        Path storage = Path.of("target/felix-" + UUID.randomUUID()).toAbsolutePath();
        framework = new FrameworkFactory().newFramework(Map.of(Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        context = framework.getBundleContext();
    }

    @AfterEach
    void stop() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    @Test
    void aServiceThatComesGoesAndComesBackIsUsedWithoutARestart() {
        InMemoryServices mem = new InMemoryServices();
        ServiceRegistration<AlarmService> alarms = context.registerService(AlarmService.class, mem.alarms, null);
        try (ServiceTracking tracking = new ServiceTracking(context)) {
            tracking.announce();
            Services services = tracking.services();
            assertSame(mem.alarms, services.get(AlarmService.class));
            assertEquals(Services.TYPES.size() - 1, tracking.missing().size());
            assertEquals(503, assertThrows(ApiException.class, () -> services.get(SiteService.class)).status());

            ServiceRegistration<SiteService> sites = context.registerService(SiteService.class, mem.sites, null);
            assertSame(mem.sites, services.get(SiteService.class));
            InMemoryServices better = new InMemoryServices();
            Hashtable<String, Object> ranked = new Hashtable<>(Map.of(Constants.SERVICE_RANKING, 10));
            ServiceRegistration<SiteService> second = context.registerService(SiteService.class, better.sites, ranked);
            assertSame(better.sites, services.get(SiteService.class), "the best ranked service is used");
            second.unregister();
            assertSame(mem.sites, services.get(SiteService.class), "the other one takes over");
            sites.unregister();
            assertFalse(services.available(SiteService.class));
            assertEquals(503, assertThrows(ApiException.class, () -> services.get(SiteService.class)).status());
            assertSame(mem.alarms, services.get(AlarmService.class), "the others keep working");

            context.registerService(SiteService.class, better.sites, null);
            assertSame(better.sites, services.get(SiteService.class), "a service that comes back is used at once");
        } finally {
            alarms.unregister();
        }
    }

    @Test
    void closingStopsTracking() {
        InMemoryServices mem = new InMemoryServices();
        ServiceTracking tracking = new ServiceTracking(context);
        context.registerService(SiteService.class, mem.sites, null);
        assertSame(mem.sites, tracking.services().get(SiteService.class));
        tracking.close();
        assertEquals(List.of(), List.of(context.getBundle().getRegisteredServices()).stream()
                .filter(r -> r.getUsingBundles() != null).toList(), "every tracked service was released");
    }
}
