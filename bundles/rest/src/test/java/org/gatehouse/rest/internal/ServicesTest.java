package org.gatehouse.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.rest.internal.common.ApiException;
import org.junit.jupiter.api.Test;

/** The one registration table: absent types are 503, unlisted types are a programming error. */
class ServicesTest {
    final InMemoryServices mem = new InMemoryServices();

    @Test
    void anAbsentServiceIs503NamingIt() {
        Services services = new Services(mem.alarms, null);
        assertSame(mem.alarms, services.get(AlarmService.class));
        assertFalse(services.available(SiteService.class));
        ApiException e = assertThrows(ApiException.class, () -> services.get(SiteService.class));
        assertEquals(503, e.status());
        assertEquals("service-unavailable", e.code());
        assertTrue(e.getMessage().contains("SiteService"), e.getMessage());
    }

    @Test
    void putAndProvideReplaceTheServiceAtOnce() {
        Services services = new Services();
        services.put(SiteService.class, mem.sites);
        assertSame(mem.sites, services.get(SiteService.class));
        services.put(SiteService.class, null);
        assertFalse(services.available(SiteService.class));
        AtomicReference<SiteService> current = new AtomicReference<>();
        services.provide(SiteService.class, current::get);
        assertThrows(ApiException.class, () -> services.get(SiteService.class));
        InMemoryServices other = new InMemoryServices();
        current.set(other.sites);
        assertSame(other.sites, services.get(SiteService.class));
    }

    @Test
    void everyTypeIsListedOnceAndUnlistedOnesAreRefused() {
        assertEquals(Services.TYPES.size(), Services.TYPES.stream().distinct().count());
        Services services = new Services(mem.sites, mem.events, mem.alarms, mem.audit, mem.outbox, mem.health,
                mem.control, mem.people, mem.faces);
        assertEquals(9, Services.TYPES.stream().filter(services::available).count());
        assertThrows(IllegalArgumentException.class, () -> services.get(Runnable.class));
        assertThrows(IllegalArgumentException.class, () -> new Services(mem.sites, new InMemoryServices().sites));
        assertThrows(IllegalArgumentException.class, () -> new Services("not a service"));
    }
}
