package org.gatehouse.rest.internal;

/**
 * Settings of the REST server.
 *
 * @param tokenTtlMinutes lifetime of issued bearer tokens
 * @param maxBodyBytes    largest request body accepted
 * @param maxUploadBytes  largest image upload accepted on the face paths ({@link BodyLimitFilter#UPLOAD_PATHS})
 * @param maxImportBytes  largest CSV file accepted on POST /persons/import ({@link BodyLimitFilter#IMPORT_PATH})
 * @param publicBaseUrl   the site's public address ({@code https://school.example}): links the API hands out (a
 *                        visit invitation) are absolute with it; empty: they are paths
 */
public record RestConfig(long tokenTtlMinutes, long maxBodyBytes, long maxUploadBytes, long maxImportBytes,
                         String publicBaseUrl) {
    public static final long DEFAULT_TOKEN_TTL_MINUTES = 480;
    public static final long DEFAULT_MAX_BODY_BYTES = 1_048_576;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 10 * 1_048_576;
    /** 5 MiB: 1,000 students with two guardians each is about 0.25 MiB of CSV. */
    public static final long DEFAULT_MAX_IMPORT_BYTES = 5 * 1_048_576;

    public RestConfig(long tokenTtlMinutes, long maxBodyBytes, long maxUploadBytes, long maxImportBytes) {
        this(tokenTtlMinutes, maxBodyBytes, maxUploadBytes, maxImportBytes, "");
    }

    public RestConfig(long tokenTtlMinutes, long maxBodyBytes, long maxUploadBytes) {
        this(tokenTtlMinutes, maxBodyBytes, maxUploadBytes, Math.max(maxBodyBytes, DEFAULT_MAX_IMPORT_BYTES));
    }

    public RestConfig(long tokenTtlMinutes, long maxBodyBytes) {
        this(tokenTtlMinutes, maxBodyBytes, Math.max(maxBodyBytes, DEFAULT_MAX_UPLOAD_BYTES));
    }

    public RestConfig {
        if (tokenTtlMinutes <= 0) {
            throw new IllegalArgumentException("token.ttl.minutes must be positive");
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("max.body.bytes must be positive");
        }
        if (maxUploadBytes <= 0) {
            throw new IllegalArgumentException("max.upload.bytes must be positive");
        }
        if (maxImportBytes <= 0) {
            throw new IllegalArgumentException("max.import.bytes must be positive");
        }
        publicBaseUrl = publicBaseUrl == null ? "" : publicBaseUrl.strip();
    }

    /** @return the defaults */
    public static RestConfig defaults() {
        return new RestConfig(DEFAULT_TOKEN_TTL_MINUTES, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_UPLOAD_BYTES,
                DEFAULT_MAX_IMPORT_BYTES);
    }
}
