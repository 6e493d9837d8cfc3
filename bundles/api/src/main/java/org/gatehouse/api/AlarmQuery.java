package org.gatehouse.api;

import java.util.Set;

/**
 * A filter on alarms; null or empty fields do not filter. Results are newest first.
 *
 * @param states   states to include
 * @param siteId   site
 * @param zoneId   zone
 * @param type     exact type, or a prefix ending in {@code *} ({@code fence.*}); null for all (since 1.1)
 * @param offset   first row
 * @param limit    page size, 1..1000
 */
public record AlarmQuery(Set<AlarmState> states, String siteId, String zoneId, String type, int offset, int limit) {
    public AlarmQuery {
        states = states == null ? Set.of() : Set.copyOf(states);
    }

    /** A filter of every type (the shape before 1.1). */
    public AlarmQuery(Set<AlarmState> states, String siteId, String zoneId, int offset, int limit) {
        this(states, siteId, zoneId, null, offset, limit);
    }

    /** @return active (raised or acknowledged) alarms, newest first */
    public static AlarmQuery active(int limit) {
        return new AlarmQuery(Set.of(AlarmState.RAISED, AlarmState.ACKNOWLEDGED), null, null, 0, limit);
    }
}
