package org.gatehouse.core.internal.health;

import org.osgi.annotation.bundle.Capability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.gatehouse.api.service.EventService.SpineStats;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.gatehouse.api.service.HealthService;

/**
 * Health of store, spine and outbox, plus the plugins present. It owns no table: what it reports comes from the
 * domains through {@link Probes}, which the composition root fills.
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.service.HealthService")
public final class HealthServiceImpl implements HealthService {
    /** What the health check reads from the other domains. */
    public record Probes(int schemaVersion, LongSupplier storedEvents, Supplier<SpineStats> spine,
                         BooleanSupplier dispatcherAlive, LongSupplier queuedMessages, BooleanSupplier outboxAlive) {
    }

    private final Probes probes;
    private final int queueCapacity;
    private final Supplier<List<PluginInfo>> plugins;

    public HealthServiceImpl(Probes probes, int queueCapacity, Supplier<List<PluginInfo>> plugins) {
        this.probes = probes;
        this.queueCapacity = queueCapacity;
        this.plugins = plugins;
    }

    @Override
    public Health health() {
        Map<String, Status> components = new LinkedHashMap<>();
        Map<String, String> details = new LinkedHashMap<>();
        Long queued = null;
        try {
            long events = probes.storedEvents().getAsLong();
            queued = probes.queuedMessages().getAsLong();
            components.put("store", Status.UP);
            details.put("store", "Derby, schema version " + probes.schemaVersion() + ", " + events + " events");
        } catch (RuntimeException e) {
            components.put("store", Status.DOWN);
            details.put("store", e.getMessage());
        }
        var stats = probes.spine().get();
        if (!probes.dispatcherAlive().getAsBoolean()) {
            components.put("spine", Status.DOWN);
            details.put("spine", "dispatcher not running");
        } else {
            components.put("spine", stats.pending() > queueCapacity * 8 / 10 ? Status.DEGRADED : Status.UP);
            details.put("spine", stats.stored() + " stored, " + stats.duplicates() + " duplicates, " + stats.rejected()
                    + " rejected, " + stats.pending() + " pending since start");
        }
        components.put("outbox", probes.outboxAlive().getAsBoolean() ? Status.UP : Status.DOWN);
        details.put("outbox", queued == null ? "unknown" : queued + " messages queued");
        Status overall = Status.UP;
        for (Map.Entry<String, Status> e : components.entrySet()) {
            if (e.getValue() == Status.DOWN && !"outbox".equals(e.getKey())) {
                overall = Status.DOWN;
            } else if (e.getValue() != Status.UP && overall == Status.UP) {
                overall = Status.DEGRADED;
            }
        }
        return new Health(overall, components, details, plugins());
    }

    @Override
    public List<PluginInfo> plugins() {
        return new ArrayList<>(plugins.get());
    }
}
