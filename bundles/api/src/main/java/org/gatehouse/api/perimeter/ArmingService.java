package org.gatehouse.api.perimeter;

import java.time.Instant;
import java.util.List;

import org.gatehouse.api.SecurityEvent;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Arming of the perimeter zones (zones of kind PERIMETER). Every change is audited with its actor and published as an
 * event {@code zone.armed} / {@code zone.disarmed} / {@code zone.bypassed} / {@code zone.bypass.ended} on the
 * spine (device {@code gatehouse}, zone set; attribute {@code source}: schedule|manual|bypass) so routes, the console
 * stream and OPC UA see it.
 */
@ProviderType
public interface ArmingService {
    /** @return every perimeter zone's arming now, by zone id */
    List<ZoneArming> zones();

    /**
     * @throws org.gatehouse.api.GatehouseException NOT_FOUND {@code unknown-zone}; INVALID {@code not-perimeter}
     */
    ZoneArming zone(String zoneId);

    /**
     * Arms or disarms by hand.
     *
     * @param until  end of the manual state; null: until the schedule next changes the state (or for ever without one)
     * @param reason why, may be null for arming, required (1..500) for disarming
     * @throws org.gatehouse.api.GatehouseException NOT_FOUND {@code unknown-zone}; INVALID {@code not-perimeter},
     *                                              {@code reason-required}, {@code bad-until}
     */
    ZoneArming arm(String zoneId, boolean armed, Instant until, String reason, String actor);

    /**
     * Bypasses one zone until a time.
     *
     * @throws org.gatehouse.api.GatehouseException INVALID {@code reason-required}, {@code bad-until} (past, or beyond
     *                                              the configured maximum)
     */
    ZoneArming bypass(String zoneId, String reason, Instant until, String actor);

    /** Ends a bypass before its time; no-op without one. */
    ZoneArming endBypass(String zoneId, String actor);

    /** Replaces the zone's schedule; an empty one leaves the zone to its armed flag and to the hand. */
    ZoneArming schedule(String zoneId, ArmingSchedule schedule, String actor);

    /**
     * Whether a fence event raises an alarm: types in {@link FenceEvents#ALWAYS_ALARM} always; types in
     * {@link FenceEvents#ARMED_ONLY} only when the event's zone is {@link ZoneArming#alarming()}; any other type, or an
     * event outside a perimeter zone, true (the alarm rules decide as before).
     */
    boolean alarms(SecurityEvent event);
}
