package org.gatehouse.api.service;

import java.time.ZoneId;
import java.util.List;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.service.AlarmService.Transition;
import org.gatehouse.api.service.OutboxService.OutboxMessage;
import org.gatehouse.api.service.OutboxService.Priority;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Messages about alarms and gate passages, rendered and queued in the {@link OutboxService}. The platform chooses the
 * recipients (the responsible staff of a zone, the people on duty, the guardians of a student), each recipient's
 * language and channel, the text (from the {@link TemplateService} kinds {@code alarm} and {@code gate.passage}, so an
 * override of a template changes what is sent) and the dedupe key, so that repeating a call queues nothing twice.
 * Languages are {@code zh-CN} for any {@code zh} tag and {@code en} for anything else.
 *
 * @since 1.3
 */
@ProviderType
public interface MessageService {
    /**
     * How a message goes out. The fan-outs ({@link #alarmToZoneStaff}, {@link #alarmToOnDuty},
     * {@link #passageToGuardians}) choose each recipient's channel and address and use only {@code kind} (passages),
     * {@code language} and {@code priority}.
     *
     * @param channel           channel kind for {@link #alarm} ({@code webhook}, {@code sms}, {@code email}, ...)
     * @param filter            LDAP filter on channel service properties, null for any channel of the kind
     * @param recipient         recipient address, null for channels with a fixed target
     * @param kind              message kind stored with the message, null for the default ({@code alarm},
     *                          {@code gate.passage}); for a passage it also names the template
     * @param language          language of the message of {@link #alarm} and of recipients who have none; any
     *                          {@code zh} tag is zh-CN, anything else (null included) en
     * @param priority          null for CRITICAL when the alarm is CRITICAL and NORMAL otherwise
     * @param fallbackChannel   channel kind the outbox moves to when the channel keeps failing, null for none
     * @param fallbackRecipient recipient on the fallback channel, null to keep the same
     */
    record Delivery(String channel, String filter, String recipient, String kind, String language, Priority priority,
                    String fallbackChannel, String fallbackRecipient) {
    }

    /**
     * Queues one message about an alarm transition on the delivery's channel, in the delivery's language. The data
     * holds every non-null field of the alarm as a string plus {@code transition}; the dedupe key is
     * {@code alarm-<id>-<transition>-<count>-<channel>}, an escalation using {@code ESCALATED.<level>} as its
     * transition so that each level is queued once.
     *
     * @return the message as stored (the one queued before when the dedupe key is known)
     * @throws org.gatehouse.api.GatehouseException INVALID when the outbox refuses the message
     */
    OutboxMessage alarm(Alarm alarm, Transition transition, Delivery delivery);

    /**
     * Queues one message per responsible staff member of the alarm's zone, in the person's language: by SMS when they
     * have a phone, with e-mail as fallback, else by e-mail. The dedupe key is the one of {@link #alarm} with the
     * channel {@code <channel>-<personId>}, so a person who is also on duty gets one message.
     *
     * @return the queued messages; empty when the alarm has no zone or the zone no staff
     * @throws org.gatehouse.api.GatehouseException NOT_FOUND {@code unknown-zone}
     */
    List<OutboxMessage> alarmToZoneStaff(Alarm alarm, Transition transition, Delivery delivery);

    /**
     * Queues one message per person on duty now, in the person's language: by SMS when they have a phone (with e-mail
     * as fallback when they have one too), else by e-mail. Dedupe keys as for {@link #alarmToZoneStaff}.
     *
     * @param post the duty post (e.g. {@link DutyService#LEADER}), null for every post
     * @return the queued messages; empty when nobody is on duty
     */
    List<OutboxMessage> alarmToOnDuty(Alarm alarm, Transition transition, String post, Delivery delivery);

    /**
     * Queues one message per guardian bound to the student of a {@code gate.passage} event, on the guardian's
     * preferred channel and in their language. The data carries {@code passageId}, {@code eventId},
     * {@code studentId}, {@code guardianId}, {@code direction}, and {@code snapshotUrl} and {@code temperature} when
     * known; the dedupe key is {@code passage:<passageId>:<guardianId>}.
     *
     * @param passage     the event; its attributes {@code passageId}, {@code direction} ({@code in}, {@code out})
     *                    and {@code temperature} are used
     * @param gateName    the gate's name in the text, null for the event's device id
     * @param snapshotUrl link to the snapshot, null for none
     * @param timezone    time zone of the time in the text
     * @return the queued messages; empty for a stranger (no person) or a student with no guardian
     */
    List<OutboxMessage> passageToGuardians(SecurityEvent passage, String gateName, String snapshotUrl, ZoneId timezone,
                                           Delivery delivery);

    /** Whom {@link #send} addresses. */
    enum Recipients {
        /** The persons named in the target (comma-separated person ids), e.g. the school doctors. */
        PERSONS,
        /** The guardians bound to the student named in the target. */
        GUARDIANS,
        /**
         * The homeroom teachers of the class named in the target (STAFF persons whose group is that class); an empty
         * target takes the class of the student {@code studentId} of the values.
         */
        HOMEROOM
    }

    /**
     * Queues one message of a template kind per recipient, on the recipient's channel (a guardian's preferred
     * channel; others by SMS when they have a phone, with e-mail as fallback, else e-mail) and in their language. The
     * values fill the template; when they hold {@code studentId}, the student's {@code student} (name) and
     * {@code group} are added unless given. The data of each message holds the values plus {@code recipientId}; the
     * dedupe key is {@code <dedupeKey>:<recipientId>}, so repeating a call queues nothing twice.
     *
     * @param kind      template kind, e.g. {@code leave.approved}
     * @param audience  who
     * @param target    person ids, a student id or a class, as the audience says
     * @param values    template values (language-neutral: times and dates as digits)
     * @param dedupeKey stable key of what the message is about, e.g. {@code leave.approved:12}
     * @param delivery  only {@code language} (for recipients without one) and {@code priority} are used
     * @return the queued messages; empty when the audience reaches nobody
     * @throws org.gatehouse.api.GatehouseException NOT_FOUND {@code unknown-template-kind}; INVALID
     *                                              {@code missing-target}, {@code template-missing-value}
     * @since 1.5
     */
    List<OutboxMessage> send(String kind, Recipients audience, String target, java.util.Map<String, String> values,
                             String dedupeKey, Delivery delivery);
}
