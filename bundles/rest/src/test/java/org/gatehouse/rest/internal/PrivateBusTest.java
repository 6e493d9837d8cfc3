package org.gatehouse.rest.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.junit.jupiter.api.Test;

class PrivateBusTest {
    @Test
    void doesNotBecomeADefaultBus() {
        Bus defaultBefore = BusFactory.getDefaultBus(false);
        Bus threadBefore = BusFactory.getThreadDefaultBus(false);
        ClassLoader loaderBefore = Thread.currentThread().getContextClassLoader();
        Bus bus = PrivateBus.create();
        try {
            assertNotNull(bus);
            assertSame(defaultBefore, BusFactory.getDefaultBus(false));
            assertSame(threadBefore, BusFactory.getThreadDefaultBus(false));
            assertSame(loaderBefore, Thread.currentThread().getContextClassLoader());
        } finally {
            bus.shutdown(true);
        }
    }
}
