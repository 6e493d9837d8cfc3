package org.gatehouse.api.service;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.api.Page;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable outbox. A message is stored first, then delivered through a channel service whose properties match,
 * with retry and backoff. While no matching channel is present, messages wait; they are delivered when one appears.
 */
@ProviderType
public interface OutboxService {
    /**
     * Queues a message.
     *
     * @param channel   channel kind ({@code webhook}, {@code sms}, ...)
     * @param filter    LDAP filter on channel service properties, null for any channel of that kind
     * @param dedupeKey messages with the same key are queued once; null for none
     * @return the stored message
     */
    OutboxMessage enqueue(String channel, String filter, String kind, String recipient, String language,
                          String subject, String text, Map<String, String> data, String dedupeKey);

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
     */
    record OutboxMessage(String id, String channel, String filter, String kind, String recipient, String subject,
                         Status status, int attempts, Instant created, Instant nextAttempt, Instant sentAt,
                         String lastError, String provider) {
        /** Delivery status. */
        public enum Status { QUEUED, SENT, DELIVERED, FAILED }
    }
}
