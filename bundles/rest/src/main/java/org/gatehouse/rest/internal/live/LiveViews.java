package org.gatehouse.rest.internal.live;

import java.util.Map;
import java.util.Optional;

import org.gatehouse.api.device.LiveView;

/** The cameras' live views by device id ({@link LiveViewTracker} in Karaf; a map in tests). */
@FunctionalInterface
public interface LiveViews {
    /** @return the live view of a device, empty when no driver publishes one */
    Optional<LiveView> of(String deviceId);

    /** @return live views from a fixed map */
    static LiveViews of(Map<String, LiveView> views) {
        return id -> Optional.ofNullable(id == null ? null : views.get(id));
    }

    /** @return no live view at all */
    static LiveViews none() {
        return id -> Optional.empty();
    }
}
