package org.gatehouse.support.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Checks of configuration values that several plugins make. Each throws an {@link IllegalArgumentException} whose
 * message starts with the configuration key, so that the one log line of a refused configuration says what to fix.
 */
public final class Configs {
    private static final Pattern DUTY_POST = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

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

    // ---------------------------------------------------------------- message routes' common keys

    /**
     * {@code public.base.url}: where people reach Gatehouse, for the links in messages.
     *
     * @return the http(s) address without a trailing slash, null when blank (no links)
     * @throws IllegalArgumentException {@code public.base.url must be an http(s) address like ...}
     */
    public static String publicBaseUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String t = url.strip().replaceAll("/+$", "");
        try {
            URI u = new URI(t);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null
                    || u.getQuery() != null || u.getFragment() != null) {
                throw new URISyntaxException(t, "not an http(s) address");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("public.base.url must be an http(s) address like"
                    + " https://school.example, not '" + url.strip() + "'");
        }
        return t;
    }

    /**
     * {@code language}: the language of messages.
     *
     * @return {@code zh-CN} or {@code en}
     * @throws IllegalArgumentException for anything else
     */
    public static String language(String language) {
        String lang = language == null ? "" : language.strip();
        if (!lang.equals("zh-CN") && !lang.equals("en")) {
            throw new IllegalArgumentException("language must be zh-CN or en, not '" + lang + "'");
        }
        return lang;
    }

    /**
     * {@code timezone}: the zone of the times in messages.
     *
     * @throws IllegalArgumentException when it is not a time zone id
     */
    public static ZoneId timezone(String timezone) {
        try {
            return ZoneId.of(timezone == null ? "" : timezone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timezone '" + timezone + "' is not a time zone (e.g. Asia/Shanghai)");
        }
    }

    /**
     * {@code duty.post}: a duty post (lower-kebab case) told as well.
     *
     * @return the post, null when blank (nobody on duty is told)
     * @throws IllegalArgumentException when it is not lower-kebab case
     */
    public static String dutyPost(String dutyPost) {
        String post = dutyPost == null || dutyPost.isBlank() ? null : dutyPost.strip();
        if (post != null && !DUTY_POST.matcher(post).matches()) {
            throw new IllegalArgumentException("duty.post must be a post in lower-kebab case (e.g. leader), not '"
                    + post + "'");
        }
        return post;
    }

    /**
     * {@code snapshot.link.hours}: validity of a signed snapshot link.
     *
     * @throws IllegalArgumentException outside 1..8760
     */
    public static Duration snapshotLinkHours(int hours) {
        if (hours < 1 || hours > 24 * 365) {
            throw new IllegalArgumentException("snapshot.link.hours must be 1..8760, not " + hours);
        }
        return Duration.ofHours(hours);
    }
}
