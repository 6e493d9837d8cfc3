package org.gatehouse.support.notify;

import java.util.Set;

import org.gatehouse.api.notify.ChannelHealth;
import org.gatehouse.api.notify.DeliveryException;
import org.gatehouse.api.notify.NotificationChannel;

/**
 * What every notification channel of the plugins has besides its {@link #send}: fixed capabilities, and a health as
 * its last send left it. {@link ChannelHealth#UNKNOWN} before the first send, {@code UP} after a delivery
 * ({@link #up}), {@code DOWN} after a failure a later try may fix (network, timeout, 5xx), {@code DEGRADED} after a
 * permanent refusal: the far end answers but rejects us or the message (bad credentials, bad recipient).
 */
public abstract class AbstractChannel implements NotificationChannel {
    private final Set<Capability> capabilities;
    private volatile ChannelHealth health = ChannelHealth.UNKNOWN;

    protected AbstractChannel(Set<Capability> capabilities) {
        this.capabilities = Set.copyOf(capabilities);
    }

    @Override
    public final Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public final ChannelHealth health() {
        return health;
    }

    /** Records a delivery. */
    protected final void up() {
        health = ChannelHealth.UP;
    }

    /**
     * Records a failure.
     *
     * @param retryable whether a later try may succeed; the outbox retries only those
     * @param cause     may be null
     * @return the exception for the channel to throw
     */
    protected final DeliveryException fail(String message, boolean retryable, Throwable cause) {
        health = retryable ? ChannelHealth.DOWN : ChannelHealth.DEGRADED;
        return cause == null ? new DeliveryException(message, retryable)
                : new DeliveryException(message, retryable, cause);
    }

    /**
     * @return the recipient as a phone number (see {@link PhoneNumbers#normalize})
     * @throws DeliveryException permanent, when it is not one
     */
    protected final String phoneNumber(String recipient) throws DeliveryException {
        String number = PhoneNumbers.normalize(recipient);
        if (number == null) {
            throw fail("recipient '" + recipient + "' is not a phone number (+ and 6 to 15 digits)", false, null);
        }
        return number;
    }
}
