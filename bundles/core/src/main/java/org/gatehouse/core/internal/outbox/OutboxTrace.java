package org.gatehouse.core.internal.outbox;

import java.time.Instant;
import java.util.List;

import org.gatehouse.api.service.OutboxService.OutboxMessage;

/**
 * The outbox as a trace reads it (the alarm timeline): the messages of a dedupe key prefix, each with every delivery
 * attempt (the one way another domain reads table OUTBOX_ATTEMPTS).
 */
public interface OutboxTrace {
    /**
     * One delivery attempt, or a final outcome that was no attempt (expired, a delivery receipt).
     *
     * @param attempt   the message's attempt number (a receipt carries the number of the attempt it reports on)
     * @param outcome   {@link #SENT} (handed to the channel), {@link #DELIVERED} (the channel or a receipt confirmed
     *                  it), {@link #RETRY} (failed, tried again later) or {@link #FAILED} (failed for good)
     * @param channel   channel kind used
     * @param provider  channel provider, may be null
     * @param recipient address it went to
     * @param error     why it failed, or the receipt's detail; null when sent
     */
    record Attempt(int attempt, Instant time, String outcome, String channel, String provider, String recipient,
                   String error) {
        public static final String SENT = "SENT";
        public static final String DELIVERED = "DELIVERED";
        public static final String RETRY = "RETRY";
        public static final String FAILED = "FAILED";

        /** @return whether the message reached its channel (or its recipient) */
        public boolean ok() {
            return SENT.equals(outcome) || DELIVERED.equals(outcome);
        }
    }

    /**
     * A message with its dedupe key, its language and its attempts, oldest first (none stored for a message queued
     * before schema 18).
     */
    record Traced(OutboxMessage message, String dedupeKey, String language, List<Attempt> attempts) {
    }

    /**
     * @param dedupePrefix a dedupe key prefix, taken literally ({@code alarm-12-})
     * @param max          at most this many messages, oldest first
     */
    List<Traced> trace(String dedupePrefix, int max);
}
