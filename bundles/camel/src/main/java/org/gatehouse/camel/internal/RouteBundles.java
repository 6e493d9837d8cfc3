package org.gatehouse.camel.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bookkeeping of route bundles in one started CamelContext: which builder added which route ids, so that
 * removing a builder stops and removes exactly its routes. Builders added before {@link #start} wait in order.
 * Not thread-safe: the owner synchronises.
 */
final class RouteBundles {
    private static final Logger LOG = LoggerFactory.getLogger(RouteBundles.class);

    private final Map<RoutesBuilder, String> pending = new LinkedHashMap<>();
    private final Map<RoutesBuilder, Added> added = new IdentityHashMap<>();
    private CamelContext context;

    private record Added(String name, List<String> routeIds) {
    }

    /** Uses a started context from now on and adds the routes of every builder queued so far. */
    void start(CamelContext started) {
        this.context = started;
        Map<RoutesBuilder, String> queued = new LinkedHashMap<>(pending);
        pending.clear();
        queued.forEach(this::add);
    }

    /** Forgets the context; the routes go with it. Builders stay known and are added again on the next start. */
    void stop() {
        if (context == null) {
            return;
        }
        added.forEach((builder, a) -> pending.put(builder, a.name()));
        added.clear();
        context = null;
    }

    /**
     * Adds a builder's routes, or queues the builder until {@link #start}.
     *
     * @param name what to call it in the log, e.g. its bundle's symbolic name
     * @return the route ids added; empty if queued or failed
     */
    List<String> add(RoutesBuilder builder, String name) {
        if (context == null) {
            pending.put(builder, name);
            return List.of();
        }
        if (added.containsKey(builder)) {
            return added.get(builder).routeIds();
        }
        Set<String> before = routeIds();
        try {
            context.addRoutes(builder);
        } catch (Exception | LinkageError e) {
            List<String> partial = newIds(before);
            partial.forEach(this::removeRoute);
            LOG.warn("Route bundle {} failed to add its routes: {}", name, String.valueOf(e));
            LOG.debug("Route bundle {} failed", name, e);
            return List.of();
        }
        List<String> ids = newIds(before);
        added.put(builder, new Added(name, ids));
        LOG.info("Route bundle {} added routes {}", name, ids);
        return ids;
    }

    /** Stops and removes exactly the routes the builder added, or forgets it if it was queued. */
    List<String> remove(RoutesBuilder builder) {
        pending.remove(builder);
        Added a = added.remove(builder);
        if (a == null || context == null) {
            return List.of();
        }
        a.routeIds().forEach(this::removeRoute);
        LOG.info("Route bundle {} removed routes {}", a.name(), a.routeIds());
        return a.routeIds();
    }

    /** @return route ids per builder name, for diagnostics and tests */
    Map<String, List<String>> routesByBundle() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        added.values().forEach(a -> out.put(a.name(), a.routeIds()));
        return out;
    }

    private Set<String> routeIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (Route r : context.getRoutes()) {
            ids.add(r.getRouteId());
        }
        return ids;
    }

    private List<String> newIds(Set<String> before) {
        List<String> ids = new ArrayList<>(routeIds());
        ids.removeAll(before);
        return ids;
    }

    private void removeRoute(String id) {
        try {
            context.getRouteController().stopRoute(id);
            if (!context.removeRoute(id)) {
                LOG.warn("Route {} could not be removed", id);
            }
            ModelCamelContext model = context.adapt(ModelCamelContext.class);
            RouteDefinition def = model.getRouteDefinition(id);
            if (def != null) {
                model.removeRouteDefinition(def);
            }
        } catch (Exception e) {
            LOG.warn("Route {} could not be removed: {}", id, String.valueOf(e));
            LOG.debug("Route {} could not be removed", id, e);
        }
    }
}
