package org.gatehouse.api.notify;

/**
 * Proof that a channel accepted a message.
 *
 * @param providerMessageId the far end's id for the message, may be null
 * @param delivered         true if the far end confirmed delivery to the person, false if only accepted
 * @param detail            free text (HTTP status, gateway answer)
 */
public record DeliveryReceipt(String providerMessageId, boolean delivered, String detail) {
}
