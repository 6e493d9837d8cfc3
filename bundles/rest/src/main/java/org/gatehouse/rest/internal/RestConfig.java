package org.gatehouse.rest.internal;

/**
 * Settings of the REST server.
 *
 * @param tokenTtlMinutes lifetime of issued bearer tokens
 * @param maxBodyBytes    largest request body accepted
 */
public record RestConfig(long tokenTtlMinutes, long maxBodyBytes) {
    public static final long DEFAULT_TOKEN_TTL_MINUTES = 480;
    public static final long DEFAULT_MAX_BODY_BYTES = 1_048_576;

    public RestConfig {
        if (tokenTtlMinutes <= 0) {
            throw new IllegalArgumentException("token.ttl.minutes must be positive");
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("max.body.bytes must be positive");
        }
    }

    /** @return the defaults */
    public static RestConfig defaults() {
        return new RestConfig(DEFAULT_TOKEN_TTL_MINUTES, DEFAULT_MAX_BODY_BYTES);
    }
}
