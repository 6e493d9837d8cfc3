package org.gatehouse.camel.internal;

import java.util.Map;
import java.util.Objects;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** A {@code gatehouse-*} component over one platform service, whose endpoints take their options from the URI. */
abstract class ServiceComponent<S> extends DefaultComponent {
    private final S service;

    ServiceComponent(S service, String name) {
        this.service = Objects.requireNonNull(service, name);
    }

    S service() {
        return service;
    }

    /** @return the endpoint with the URI's options set on it */
    protected <E extends Endpoint> E configured(E endpoint, Map<String, Object> parameters) throws Exception {
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /**
     * @return the URI's path
     * @throws IllegalArgumentException naming what is needed and the URI when the path is blank
     */
    static String path(String remaining, String uri, String needed) {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException(needed + ": " + uri);
        }
        return remaining;
    }
}
