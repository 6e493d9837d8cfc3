package org.gatehouse.api;

import java.time.Instant;

/**
 * An alarm: a condition that needs a person. Repeats of the same source fold into one alarm while it is active.
 *
 * @param id              alarm id (positive, increasing)
 * @param sourceKey       what the alarm is about; repeats with the same key fold ({@code device/type} by default)
 * @param type            the event type that raised it
 * @param severity        highest severity seen
 * @param siteId          site
 * @param zoneId          zone, may be null
 * @param deviceId        device, may be null
 * @param message         short description for people
 * @param state           life-cycle state
 * @param count           how many events folded into it
 * @param firstAt         when it was raised
 * @param lastAt          when the last event folded into it
 * @param lastEventId     id of that event
 * @param escalationLevel 0 when raised, +1 each time it went unacknowledged for the escalation period
 * @param ackBy           who acknowledged it, may be null
 * @param ackAt           when
 * @param closedBy        who resolved it ({@code system} when cleared by a restore event), may be null
 * @param closedAt        when
 * @param note            last note given on acknowledge or resolve
 */
public record Alarm(long id, String sourceKey, String type, Severity severity, String siteId, String zoneId,
                    String deviceId, String message, AlarmState state, int count, Instant firstAt, Instant lastAt,
                    String lastEventId, int escalationLevel, String ackBy, Instant ackAt, String closedBy,
                    Instant closedAt, String note) {
}
