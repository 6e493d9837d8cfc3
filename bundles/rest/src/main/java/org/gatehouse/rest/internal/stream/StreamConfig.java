package org.gatehouse.rest.internal.stream;

/**
 * Settings of the live stream.
 *
 * @param maxClients    open streams allowed at once (config key {@code stream.max.clients}); more get 503
 * @param queueCapacity messages that may wait for one client before it is closed with {@code event: overflow}
 * @param pingMillis    period of the keep-alive comment {@code : ping}
 * @param pollMillis    period of the one shared poll of the outbox and the device statuses
 * @param refreshMillis period after which the audience of a teacher or guardian is read again
 */
public record StreamConfig(int maxClients, int queueCapacity, long pingMillis, long pollMillis, long refreshMillis) {
    public static final int DEFAULT_MAX_CLIENTS = 200;
    public static final int DEFAULT_QUEUE_CAPACITY = 1000;

    public StreamConfig {
        if (maxClients <= 0) {
            throw new IllegalArgumentException("stream.max.clients must be positive");
        }
        if (queueCapacity <= 0 || pingMillis <= 0 || pollMillis <= 0 || refreshMillis <= 0) {
            throw new IllegalArgumentException("stream queue and periods must be positive");
        }
    }

    /** @return the production settings with that many clients: ping every 15 s, poll every 2 s, refresh every minute */
    public static StreamConfig of(int maxClients) {
        return new StreamConfig(maxClients, DEFAULT_QUEUE_CAPACITY, 15_000, 2_000, 60_000);
    }
}
