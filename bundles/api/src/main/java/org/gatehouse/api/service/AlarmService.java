package org.gatehouse.api.service;

import java.util.Optional;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.Page;
import org.gatehouse.api.SecurityEvent;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Owns the alarm life cycle: raised, acknowledged, resolved, or cleared by a restore event. Repeats of an active
 * alarm's source fold into it with a count. Unacknowledged alarms escalate one level per escalation period.
 * Every transition goes to the audit trail and to subscribers, and is published on EventAdmin
 * {@code gatehouse/alarm/<transition>}.
 */
@ProviderType
public interface AlarmService {
    /**
     * Event attribute that narrows what repeats fold together: with it the source key is
     * {@code <device>/<type>/<source>} (e.g. one stranger cluster, one watchlist entry), without it
     * {@code <device>/<type>}.
     *
     * @since 1.6
     */
    String SOURCE_ATTRIBUTE = "alarm.source";

    /** Source key of an event: {@code <device>/<type>}, or {@code <device>/<type>/<alarm.source>}. */
    static String sourceKey(SecurityEvent event) {
        String source = event.attributes() == null ? null : event.attributes().get(SOURCE_ATTRIBUTE);
        return event.deviceId() + "/" + event.type() + (source == null || source.isBlank() ? "" : "/" + source);
    }

    /** Raises an alarm for an event, or folds it into the active alarm of the same source. */
    Alarm raise(SecurityEvent event, String message);

    /** Clears the active alarm of the event's source, if any, as the system. */
    Optional<Alarm> clear(SecurityEvent restoreEvent);

    /** @throws org.gatehouse.api.GatehouseException NOT_FOUND, or CONFLICT if not in state RAISED */
    Alarm acknowledge(long id, String user, String note);

    /** @throws org.gatehouse.api.GatehouseException NOT_FOUND, or CONFLICT if already closed */
    Alarm resolve(long id, String user, String note);

    Optional<Alarm> get(long id);

    Page<Alarm> query(AlarmQuery query);

    /**
     * Subscribes to transitions, delivered after they are stored.
     *
     * @return closes the subscription
     */
    AutoCloseable subscribe(AlarmListener listener);

    /** Kinds of alarm transition. */
    /**
     * The alarm's timeline, oldest first: its events, transitions, messages and deliveries, reminders, who acknowledged
     * and resolved it.
     *
     * @throws org.gatehouse.api.GatehouseException NOT_FOUND {@code unknown-alarm}
     * @since 1.7
     */
    default java.util.List<org.gatehouse.api.AlarmStep> timeline(long id) {
        throw new UnsupportedOperationException("timeline");
    }

    /**
     * Transitions. {@code REMINDED} (since 1.7): an unacknowledged CRITICAL alarm reminds the people on duty again every
     * reminder period until someone acknowledges it.
     */
    enum Transition { RAISED, REPEATED, ACKNOWLEDGED, RESOLVED, CLEARED, ESCALATED, REMINDED }

    /** Receives alarm transitions. */
    @FunctionalInterface
    interface AlarmListener {
        void onTransition(Transition transition, Alarm alarm) throws Exception;
    }
}
