package org.gatehouse.rest.internal;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.bus.CXFBusFactory;

/**
 * Creates the bundle's own CXF bus without making it the process-wide or thread default bus, so that shutting it
 * down never affects endpoints of other bundles. In Karaf, every bus gets the HTTP transport of the CXF OSGi servlet
 * (its HTTPTransportFactory service), so relative addresses bind below {@code org.apache.cxf.servlet.context}.
 */
public final class PrivateBus {
    private PrivateBus() {
    }

    /** @return a new bus, created with this bundle's class loader as thread context class loader */
    public static Bus create() {
        Thread thread = Thread.currentThread();
        ClassLoader previousLoader = thread.getContextClassLoader();
        Bus previousThreadBus = BusFactory.getThreadDefaultBus(false);
        Bus previousDefault = BusFactory.getDefaultBus(false);
        thread.setContextClassLoader(PrivateBus.class.getClassLoader());
        try {
            Bus bus = new CXFBusFactory().createBus();
            synchronized (BusFactory.class) {
                if (previousDefault == null && BusFactory.getDefaultBus(false) == bus) {
                    BusFactory.setDefaultBus(null);
                }
            }
            return bus;
        } finally {
            BusFactory.setThreadDefaultBus(previousThreadBus);
            thread.setContextClassLoader(previousLoader);
        }
    }
}
