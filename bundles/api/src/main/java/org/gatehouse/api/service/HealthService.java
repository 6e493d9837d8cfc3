package org.gatehouse.api.service;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** Health of the platform and the plugins it found. */
@ProviderType
public interface HealthService {
    /** @return overall health: UP only when the store and spine are UP */
    Health health();

    /** @return every device driver, recognition engine and notification channel present, with its status */
    List<PluginInfo> plugins();

    /** Overall status values. */
    enum Status { UP, DEGRADED, DOWN }

    /**
     * Platform health.
     *
     * @param status     overall
     * @param components status of store, spine, alarms, outbox
     * @param details    one line per component, for people
     * @param plugins    plugins present
     */
    record Health(Status status, Map<String, Status> components, Map<String, String> details,
                  List<PluginInfo> plugins) {
    }

    /**
     * A plugin service present in the container.
     *
     * @param kind   {@code driver}, {@code engine} or {@code channel}
     * @param id     device id, engine id or provider
     * @param type   device type, engine capability or channel kind
     * @param bundle symbolic name of the bundle that provides it
     * @param status its status (device status, channel health)
     */
    record PluginInfo(String kind, String id, String type, String bundle, String status) {
    }
}
