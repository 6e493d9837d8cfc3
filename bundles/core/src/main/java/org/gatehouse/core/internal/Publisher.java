package org.gatehouse.core.internal;

import java.util.Map;

/** Where core publishes topics (EventAdmin in OSGi, nothing in plain Java). */
@FunctionalInterface
public interface Publisher {
    /** Publishes asynchronously; must not throw. */
    void post(String topic, Map<String, Object> properties);

    Publisher NONE = (topic, properties) -> { };
}
