package org.gatehouse.api.device;

import java.time.Instant;

/**
 * Counters of a {@link PayloadMapper} since its driver started.
 *
 * @param received      messages received
 * @param mapped        messages that gave events
 * @param unmatched     messages no rule matched (logged once per minute with a count, not per message)
 * @param failed        messages that could not be read at all (not JSON when JSON was expected, a bad value type)
 * @param lastReceived  when the last message arrived; null before the first
 * @param lastUnmatched the last unmatched or failed message, cut to 200 characters, with its reason; null if none
 * @since 1.2
 */
public record MappingStats(long received, long mapped, long unmatched, long failed, Instant lastReceived,
                           String lastUnmatched) {
}
