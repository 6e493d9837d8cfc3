package org.gatehouse.api.device;

import java.util.List;

import org.gatehouse.api.SecurityEvent;

/**
 * What a sample message would become ({@link PayloadMapper#test}).
 *
 * @param matched whether a rule matched and gave at least one event
 * @param rule    the rule that matched, as configured (e.g. {@code ns=2;s=Fence.Zone3.Alarm == true}); null if none
 * @param events  the events it would report (not stored); empty when nothing matched
 * @param error   why nothing matched or the message is malformed, for the integrator (one line); null when matched
 * @since 1.2
 */
public record MappingResult(boolean matched, String rule, List<SecurityEvent> events, String error) {
    public MappingResult {
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** @return a result for a message that gives no event, with the reason */
    public static MappingResult unmatched(String error) {
        return new MappingResult(false, null, List.of(), error);
    }
}
