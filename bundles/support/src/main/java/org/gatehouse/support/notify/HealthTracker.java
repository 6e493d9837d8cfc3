package org.gatehouse.support.notify;

import org.gatehouse.api.notify.ChannelHealth;
import org.gatehouse.api.notify.DeliveryException;

/**
 * A channel's health, as its last send left it: {@link ChannelHealth#UNKNOWN} before the first send, {@code UP} after
 * a delivery, {@code DOWN} after a failure a later try may fix (network, timeout, 5xx), {@code DEGRADED} after a
 * permanent refusal (the far end answers but rejects us: bad credentials, bad recipient). Thread-safe.
 */
public final class HealthTracker {
    private volatile ChannelHealth health = ChannelHealth.UNKNOWN;

    /** @return the current health */
    public ChannelHealth get() {
        return health;
    }

    /** Records a delivery. */
    public void up() {
        health = ChannelHealth.UP;
    }

    /**
     * Records a failure.
     *
     * @param retryable whether a later try may succeed; the outbox retries only those
     * @param cause     may be null
     * @return the exception for the channel to throw
     */
    public DeliveryException fail(String message, boolean retryable, Throwable cause) {
        health = retryable ? ChannelHealth.DOWN : ChannelHealth.DEGRADED;
        return cause == null ? new DeliveryException(message, retryable)
                : new DeliveryException(message, retryable, cause);
    }
}
