package org.gatehouse.notify.webhook.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.UnaryOperator;

import org.gatehouse.support.config.Configs;
import org.gatehouse.support.config.Secrets;

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
    static final String SECRET_ENV = Secrets.variable(WebhookComponent.PID, "secret");

    WebhookSettings {
        secret = secret == null ? "" : secret;
        headerName = headerName == null ? "" : headerName.trim();
        headerValue = headerValue == null ? "" : headerValue;
        Configs.notEmpty("provider", provider);
        if (!Configs.positive(connectTimeout, requestTimeout)) {
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
        return new WebhookSettings(parseUrl(config.url()), Secrets.orEnvironment(config.secret(), SECRET_ENV, env),
                Configs.trim(config.provider()),
                Duration.ofMillis(config.connect_timeout_ms()), Duration.ofMillis(config.request_timeout_ms()),
                config.header_name(), config.header_value());
    }

    /** @throws IllegalArgumentException unless the value is an absolute http or https URL with a host */
    static URI parseUrl(String value) {
        return Configs.url("url", value, "http", "https");
    }

    @Override
    public String toString() { // never shows the secret
        return "WebhookSettings[url=" + url + ", signed=" + signed() + ", provider=" + provider + "]";
    }
}
