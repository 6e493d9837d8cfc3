package org.gatehouse.rest.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link Services} from the OSGi service registry: one tracker per type of {@link Services#TYPES}, each an
 * optional, dynamic, greedy reference (the best ranked service of the type, read on every call). Nothing restarts
 * when a service comes or goes. Once {@link #announce()} was called, a type that goes away is logged in one line,
 * and so is the moment every type is present again.
 */
final class ServiceTracking implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RestComponent.class);

    private final Services services = new Services();
    private final List<ServiceTracker<Object, Object>> trackers = new ArrayList<>();
    private volatile boolean announce;

    ServiceTracking(BundleContext context) {
        for (Class<?> type : Services.TYPES) {
            ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, type.getName(),
                    new Announcer(context, type));
            tracker.open();
            trackers.add(tracker);
            provide(type, tracker);
        }
    }

    private <T> void provide(Class<T> type, ServiceTracker<Object, Object> tracker) {
        services.provide(type, () -> type.cast(tracker.getService()));
    }

    /** @return the services, read from the trackers on every call */
    Services services() {
        return services;
    }

    /** @return the simple names of the types that are absent now */
    List<String> missing() {
        return Services.TYPES.stream().filter(t -> !services.available(t)).map(Class::getSimpleName).toList();
    }

    /** From now on, logs each type that goes away, and the moment every type is present again. */
    void announce() {
        announce = true;
    }

    @Override
    public void close() {
        announce = false;
        trackers.forEach(ServiceTracker::close);
        trackers.clear();
    }

    /** Gets and ungets the tracked services of one type and logs its changes. */
    private final class Announcer implements ServiceTrackerCustomizer<Object, Object> {
        private final BundleContext context;
        private final Class<?> type;

        Announcer(BundleContext context, Class<?> type) {
            this.context = context;
            this.type = type;
        }

        @Override
        public Object addingService(ServiceReference<Object> reference) {
            boolean wasAbsent = announce && !services.available(type);
            Object service = context.getService(reference);
            if (service != null && wasAbsent) {
                boolean othersPresent = Services.TYPES.stream().allMatch(t -> t == type || services.available(t));
                if (othersPresent) {
                    LOG.info("REST: every api service is present ({} was the last)", type.getSimpleName());
                } else {
                    LOG.debug("REST: {} is available", type.getSimpleName());
                }
            }
            return service;
        }

        @Override
        public void modifiedService(ServiceReference<Object> reference, Object service) {
            // the tracker orders by ranking itself
        }

        @Override
        public void removedService(ServiceReference<Object> reference, Object service) {
            context.ungetService(reference);
            if (announce && !services.available(type)) {
                LOG.info("REST: {} went away; the paths that need it answer 503 service-unavailable until it is"
                        + " back", type.getSimpleName());
            }
        }
    }
}
