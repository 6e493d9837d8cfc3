package org.gatehouse.api.service;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.api.Page;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable outbox. A message is stored first, then delivered through a channel service whose properties match,
 * with retry and exponential backoff. While no matching channel is present, messages wait; they are delivered when
 * one appears. A message with a fallback channel moves to it after repeated or permanent failures (a CRITICAL one
 * also when its own channel is absent). Messages below CRITICAL wait out the quiet hours and the per-recipient rate
 * limit of the core configuration.
 */
@ProviderType
public interface OutboxService {
    /** How urgent a message is. CRITICAL ignores quiet hours and rate limits and falls back at once. */
    enum Priority { LOW, NORMAL, CRITICAL }

    /**
     * A message to queue.
     *
     * @param channel         channel kind ({@code webhook}, {@code sms}, {@code email}, {@code mqtt})
     * @param filter          LDAP filter on channel service properties, null for any channel of that kind
     * @param kind            message kind ({@code alarm}, {@code notice}, {@code gate.passage})
     * @param recipient       address in the channel's terms, null for channels with a fixed target
     * @param language        language tag of the text
     * @param subject         subject, may be null
     * @param text            rendered text
     * @param data            structured data
     * @param dedupeKey       messages with the same key are queued once; null for none
     * @param priority        null means NORMAL
     * @param fallbackChannel channel kind to use when the first one keeps failing, null for none
     * @param fallbackRecipient recipient on the fallback channel (a phone number when e-mail falls back to SMS),
     *                          null to keep the same
     */
    record Request(String channel, String filter, String kind, String recipient, String language, String subject,
                   String text, Map<String, String> data, String dedupeKey, Priority priority,
                   String fallbackChannel, String fallbackRecipient) {
    }

    /** Queues a message; validates it first (INVALID with a reason code), stores it, returns it as stored. */
    OutboxMessage enqueue(Request request);

    /** Queues a NORMAL message with no fallback. */
    default OutboxMessage enqueue(String channel, String filter, String kind, String recipient, String language,
                                  String subject, String text, Map<String, String> data, String dedupeKey) {
        return enqueue(new Request(channel, filter, kind, recipient, language, subject, text, data, dedupeKey,
                Priority.NORMAL, null, null));
    }

    /**
     * Records an asynchronous delivery receipt (an SMPP delivery report, a provider callback).
     *
     * @param provider          provider that sent the message
     * @param providerMessageId the provider's id from the {@link org.gatehouse.api.notify.DeliveryReceipt}
     * @param delivered         true if delivered to the person, false if the provider gave up
     * @return true if a sent message matched
     */
    boolean receipt(String provider, String providerMessageId, boolean delivered, String detail);

    Optional<OutboxMessage> get(String id);

    /** @param status null for all; newest first */
    Page<OutboxMessage> query(OutboxMessage.Status status, int offset, int limit);

    /**
     * A stored message.
     *
     * @param id          message id
     * @param channel     channel kind
     * @param filter      channel filter, may be null
     * @param kind        message kind
     * @param recipient   recipient address, may be null
     * @param subject     subject
     * @param status      delivery status
     * @param attempts    tries so far
     * @param created     when queued
     * @param nextAttempt when the next try is due
     * @param sentAt      when delivered, may be null
     * @param lastError   reason of the last failure, may be null
     * @param provider    provider that delivered it, may be null
     * @param priority    priority
     * @param fallbackChannel fallback channel kind, may be null
     * @param channelUsed channel kind the last attempt went through (differs from channel after a fallback)
     * @param providerMessageId the provider's id of the sent message, for receipts; may be null
     */
    record OutboxMessage(String id, String channel, String filter, String kind, String recipient, String subject,
                         Status status, int attempts, Instant created, Instant nextAttempt, Instant sentAt,
                         String lastError, String provider, Priority priority, String fallbackChannel,
                         String channelUsed, String providerMessageId) {
        /** Delivery status. */
        public enum Status { QUEUED, SENT, DELIVERED, FAILED }
    }
}
