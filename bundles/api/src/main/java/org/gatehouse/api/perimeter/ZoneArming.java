package org.gatehouse.api.perimeter;

import java.time.Instant;

/**
 * The arming of one perimeter zone now.
 *
 * @param zoneId     the zone (kind PERIMETER)
 * @param name       its name
 * @param armed      whether it is armed now (schedule or hand); a bypassed zone may be armed and still not alarm
 * @param source     what decides it now: {@code schedule}, {@code manual} (armed or disarmed by hand until
 *                   {@code manualUntil}, or until the schedule next changes when that is null), {@code fixed} (no
 *                   schedule: the zone's own armed flag)
 * @param by         who armed or disarmed it by hand (null for the schedule)
 * @param since      when the current state began, may be null when unknown
 * @param manualUntil end of a manual state, null for none or "until the schedule next changes"
 * @param nextChange when the schedule next changes the state, null for never
 * @param schedule   the zone's schedule (empty windows: none)
 * @param bypass     an active bypass, null for none
 */
public record ZoneArming(String zoneId, String name, boolean armed, String source, String by, Instant since,
                         Instant manualUntil, Instant nextChange, ArmingSchedule schedule, ZoneBypass bypass) {
    /** @return true when an intrusion in this zone raises an alarm now: armed and not bypassed */
    public boolean alarming() {
        return armed && bypass == null;
    }
}
