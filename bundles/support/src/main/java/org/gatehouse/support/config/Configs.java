package org.gatehouse.support.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Checks of configuration values that several plugins make. Each throws an {@link IllegalArgumentException} whose
 * message starts with the configuration key, so that the one log line of a refused configuration says what to fix.
 */
public final class Configs {

    private Configs() {
    }

    /** @return the value without surrounding white space, null for null */
    public static String trim(String value) {
        return value == null ? null : value.trim();
    }

    /**
     * @return the value, unchanged
     * @throws IllegalArgumentException {@code <key> is required} when it is null or blank
     */
    public static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
        return value;
    }

    /**
     * @return the value, unchanged
     * @throws IllegalArgumentException {@code <key> must not be empty} when it is null or blank
     */
    public static String notEmpty(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be empty");
        }
        return value;
    }

    /**
     * @return the port
     * @throws IllegalArgumentException unless it is a TCP port, 1 to 65535
     */
    public static int port(String key, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(key + " " + port + " is out of range 1-65535");
        }
        return port;
    }

    /** @return whether every duration is longer than zero */
    public static boolean positive(Duration... durations) {
        for (Duration d : durations) {
            if (d.isNegative() || d.isZero()) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param schemes the accepted schemes, lower case, e.g. {@code http, https}
     * @return the absolute URL, with a host and one of the schemes
     * @throws IllegalArgumentException naming the key: missing, not a URL, another scheme, no host
     */
    public static URI url(String key, String value, String... schemes) {
        return url(key, value, value, List.of(schemes));
    }

    /**
     * As {@link #url(String, String, String...)} for a value derived from the configured text (a template filled
     * with sample values): the messages quote {@code shown}, what the operator wrote.
     */
    public static URI url(String key, String value, String shown, List<String> schemes) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + " '" + shown + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            StringJoiner accepted = new StringJoiner(" or ");
            schemes.forEach(s -> accepted.add(s + "://"));
            throw new IllegalArgumentException(key + " '" + shown + "' must start with " + accepted);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(key + " '" + shown + "' has no host");
        }
        return uri;
    }
}
