package org.gatehouse.api.notify;

/** A message was not delivered. */
public class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public DeliveryException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public DeliveryException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** @return true if a later try may succeed (network down, 5xx), false if it never will (bad address) */
    public boolean retryable() {
        return retryable;
    }
}
