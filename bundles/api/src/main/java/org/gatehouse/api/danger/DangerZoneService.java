package org.gatehouse.api.danger;

import java.util.List;
import java.util.Optional;

import org.gatehouse.api.SecurityEvent;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Danger zones: their rules, and the warnings presences raise. The core follows {@link PresenceEvents#PRESENCE} on the
 * spine and, for a presence the zone's rule does not allow, ingests a {@link PresenceEvents#WARNING} event (zone,
 * snapshot, {@code camera}, {@code kind}, {@code alarm.source=danger-<zone>}, the rule's severity) which the alarm
 * rules raise and the {@code danger-zones} route sends to the responsible staff. Rule changes are audited.
 */
@ProviderType
public interface DangerZoneService {
    List<DangerZoneRule> rules();

    Optional<DangerZoneRule> rule(String zoneId);

    /**
     * Creates or replaces the rule of a zone.
     *
     * @throws org.gatehouse.api.GatehouseException NOT_FOUND {@code unknown-zone}, {@code unknown-device},
     *                                              {@code unknown-person}; INVALID {@code not-danger-zone},
     *                                              {@code bad-window}, {@code bad-fold}
     */
    DangerZoneRule save(DangerZoneRule rule, String actor);

    void delete(String zoneId, String actor);

    /**
     * What a presence event means now: the warning event that was (or would be) ingested, empty when the presence is
     * allowed, folded into a recent warning, or not in a danger zone with an enabled rule.
     */
    Optional<SecurityEvent> evaluate(SecurityEvent presence);
}
