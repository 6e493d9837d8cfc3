package org.gatehouse.core.internal.outbox;

import java.util.List;

import org.gatehouse.api.notify.NotificationChannel;

/** Finds notification channel services by kind and filter. */
public interface ChannelDirectory {
    /** A channel service and its provider key. */
    record Found(String provider, NotificationChannel channel) {
    }

    /**
     * @param kind   channel kind
     * @param filter LDAP filter on the service properties, may be null
     * @return matching channels, best first; empty while none is present
     * @throws IllegalArgumentException if the filter is not valid LDAP
     */
    List<Found> find(String kind, String filter);

    /** Validates a filter without looking anything up. */
    void checkFilter(String filter);
}
