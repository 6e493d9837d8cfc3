package org.gatehouse.core.internal.health;

import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.store.Db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.gatehouse.api.service.HealthService;

/** Health of store, spine and outbox, plus the plugins present. */
public final class HealthServiceImpl implements HealthService {
    private final Platform platform;
    private final int queueCapacity;
    private final Supplier<List<PluginInfo>> otherPlugins;

    public HealthServiceImpl(Platform platform, int queueCapacity, Supplier<List<PluginInfo>> otherPlugins) {
        this.platform = platform;
        this.queueCapacity = queueCapacity;
        this.otherPlugins = otherPlugins;
    }

    @Override
    public Health health() {
        Map<String, Status> components = new LinkedHashMap<>();
        Map<String, String> details = new LinkedHashMap<>();
        Long queued = null;
        try {
            long events = platform.db.tx(c -> Db.count(c, "SELECT COUNT(*) FROM EVENTS"));
            queued = platform.outbox.queued();
            components.put("store", Status.UP);
            details.put("store", "Derby, schema version " + platform.schemaVersion + ", " + events + " events");
        } catch (RuntimeException e) {
            components.put("store", Status.DOWN);
            details.put("store", e.getMessage());
        }
        var stats = platform.events.stats();
        if (!platform.events.dispatcherAlive()) {
            components.put("spine", Status.DOWN);
            details.put("spine", "dispatcher not running");
        } else {
            components.put("spine", stats.pending() > queueCapacity * 8 / 10 ? Status.DEGRADED : Status.UP);
            details.put("spine", stats.stored() + " stored, " + stats.duplicates() + " duplicates, " + stats.rejected()
                    + " rejected, " + stats.pending() + " pending since start");
        }
        components.put("outbox", platform.outbox.workerAlive() ? Status.UP : Status.DOWN);
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
        List<PluginInfo> out = new ArrayList<>(platform.devices.plugins());
        out.addAll(otherPlugins.get());
        return out;
    }
}
