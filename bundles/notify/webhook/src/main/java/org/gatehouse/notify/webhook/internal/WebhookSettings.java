package org.gatehouse.notify.webhook.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Validated settings of one webhook channel.
 *
 * @param url            target URL, http or https
 * @param secret         HMAC key, empty for unsigned requests
 * @param provider       value of the service property {@code gatehouse.notify.provider}
 * @param connectTimeout connect timeout
 * @param requestTimeout timeout of the whole request
 * @param headerName     extra header name, empty for none
 * @param headerValue    extra header value
 */
record WebhookSettings(URI url, String secret, String provider, Duration connectTimeout, Duration requestTimeout,
                       String headerName, String headerValue) {

    /** Environment variable that supplies the secret when the configuration leaves it empty. */
    static final String SECRET_ENV = "ORG_GATEHOUSE_NOTIFY_WEBHOOK_SECRET";

    WebhookSettings {
        secret = secret == null ? "" : secret;
        headerName = headerName == null ? "" : headerName.trim();
        headerValue = headerValue == null ? "" : headerValue;
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException("provider must not be empty");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("connect.timeout.ms and request.timeout.ms must be > 0");
        }
        if (!headerName.isEmpty()) {
            try {
                HttpRequest.newBuilder(url).header(headerName, headerValue);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("header.name '" + headerName + "' cannot be set: "
                        + e.getMessage());
            }
        }
    }

    /** @return whether requests are signed */
    boolean signed() {
        return !secret.isEmpty();
    }

    /**
     * Reads and validates a configuration.
     *
     * @param env looks up environment variables
     */
    static WebhookSettings from(WebhookConfig config, UnaryOperator<String> env) {
        String secret = config.secret();
        if (secret == null || secret.isEmpty()) {
            String fromEnv = env.apply(SECRET_ENV);
            secret = fromEnv == null ? "" : fromEnv;
        }
        return new WebhookSettings(parseUrl(config.url()), secret, trim(config.provider()),
                Duration.ofMillis(config.connect_timeout_ms()), Duration.ofMillis(config.request_timeout_ms()),
                config.header_name(), config.header_value());
    }

    /** @throws IllegalArgumentException unless the value is an absolute http or https URL with a host */
    static URI parseUrl(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("url is required");
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url '" + value + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("url '" + value + "' must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("url '" + value + "' has no host");
        }
        return uri;
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    @Override
    public String toString() { // never shows the secret
        return "WebhookSettings[url=" + url + ", signed=" + signed() + ", provider=" + provider + "]";
    }
}
