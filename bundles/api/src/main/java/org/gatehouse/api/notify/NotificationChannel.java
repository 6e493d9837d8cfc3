package org.gatehouse.api.notify;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way to reach people or systems (SMS, e-mail, push, webhook), published as an OSGi service, one per account.
 * Retries, rate limits and fallback belong to the core outbox, not to channels: {@link #send} tries once.
 */
@ConsumerType
public interface NotificationChannel {
    /** Service property: channel kind ({@code sms}, {@code email}, {@code push}, {@code webhook}). */
    String CHANNEL = "gatehouse.notify.channel";
    /** Service property: provider key ({@code acme-sms}); with several accounts, use the alias too. */
    String PROVIDER = "gatehouse.notify.provider";

    /** What a channel can carry. */
    enum Capability { TEXT, RICH, IMAGE, RECEIPT }

    /** @return what this channel can carry */
    Set<Capability> capabilities();

    /**
     * Sends one notification, once.
     *
     * @throws DeliveryException when it was not delivered; {@link DeliveryException#retryable()} says whether a later
     *                           try may succeed
     */
    DeliveryReceipt send(Notification notification) throws DeliveryException;

    /** @return the channel's own view of its health */
    default ChannelHealth health() {
        return ChannelHealth.UNKNOWN;
    }
}
