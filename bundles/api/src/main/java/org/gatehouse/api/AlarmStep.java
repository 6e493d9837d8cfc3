package org.gatehouse.api;

import java.time.Instant;
import java.util.Map;

/**
 * One step of an alarm's timeline, for tracing afterwards: the event, the alarm's transitions, each message and each
 * delivery attempt, reminders, acknowledgement and resolution, with who and when.
 *
 * @param time   when
 * @param kind   {@code event}, {@code raised}, {@code repeated}, {@code message} (queued to a recipient),
 *               {@code delivered}, {@code failed}, {@code reminded}, {@code escalated}, {@code acknowledged},
 *               {@code resolved}, {@code cleared}, {@code feedback}
 * @param actor  who did it (a user, {@code system}, a channel), may be null
 * @param detail a line for people (a recipient and channel, a note)
 * @param data   the step's facts (event id, message id, recipient, channel, attempt, error)
 * @since 1.1
 */
public record AlarmStep(Instant time, String kind, String actor, String detail, Map<String, String> data) {
    public AlarmStep {
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
