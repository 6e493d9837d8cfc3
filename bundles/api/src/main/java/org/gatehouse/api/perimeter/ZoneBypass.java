package org.gatehouse.api.perimeter;

import java.time.Instant;

/**
 * A bypass: an armed zone's intrusions are only recorded until {@code until} (a gardener at the fence, a faulty
 * detector waiting for repair). Tamper and wire cut still alarm.
 *
 * @param zoneId the zone
 * @param reason why (required, 1..500 characters)
 * @param by     who bypassed it
 * @param from   when
 * @param until  when it ends by itself (required, at most the configured maximum ahead)
 */
public record ZoneBypass(String zoneId, String reason, String by, Instant from, Instant until) {
}
