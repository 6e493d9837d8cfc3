package org.gatehouse.notify.email.internal;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;

import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;

import org.gatehouse.support.config.Configs;
import org.gatehouse.support.config.Secrets;

/**
 * Validated settings of one e-mail channel.
 *
 * @param host             SMTP server
 * @param port             SMTP port
 * @param starttls         use STARTTLS when offered
 * @param starttlsRequired fail unless STARTTLS succeeds
 * @param ssl              SMTPS (TLS from the first byte)
 * @param username         SMTP AUTH user, empty for none
 * @param password         SMTP AUTH password
 * @param from             sender address
 * @param connectTimeout   TCP connect timeout
 * @param timeout          socket read and write timeout
 * @param provider         value of the service property {@code gatehouse.notify.provider}
 */
record EmailSettings(String host, int port, boolean starttls, boolean starttlsRequired, boolean ssl, String username,
                     String password, InternetAddress from, Duration connectTimeout, Duration timeout,
                     String provider) {

    /** Environment variable that supplies the password when the configuration leaves it empty. */
    static final String PASSWORD_ENV = Secrets.variable(EmailComponent.PID, "password");

    EmailSettings {
        username = username == null ? "" : username.trim();
        password = password == null ? "" : password;
        Configs.required("host", host);
        Configs.port("port", port);
        if (from == null) {
            throw new IllegalArgumentException("from is required");
        }
        Configs.notEmpty("provider", provider);
        if (!Configs.positive(connectTimeout, timeout)) {
            throw new IllegalArgumentException("connect.timeout.ms and timeout.ms must be > 0");
        }
        if (connectTimeout.toMillis() > Integer.MAX_VALUE || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connect.timeout.ms and timeout.ms must be < 2^31");
        }
        if (!username.isEmpty() && password.isEmpty()) {
            throw new IllegalArgumentException("password is required when username is set (set it in the "
                    + "configuration or in the environment variable " + PASSWORD_ENV + ")");
        }
    }

    /** @return whether SMTP AUTH is used */
    boolean authenticated() {
        return !username.isEmpty();
    }

    /** @return the javax.mail transport protocol */
    String protocol() {
        return ssl ? "smtps" : "smtp";
    }

    /**
     * Reads and validates a configuration.
     *
     * @param env looks up environment variables
     */
    static EmailSettings from(EmailConfig config, UnaryOperator<String> env) {
        return new EmailSettings(Configs.trim(config.host()), config.port(), config.starttls(),
                config.starttls_required(), config.ssl(), config.username(),
                Secrets.orEnvironment(config.password(), PASSWORD_ENV, env), parseFrom(config.from()),
                Duration.ofMillis(config.connect_timeout_ms()), Duration.ofMillis(config.timeout_ms()),
                Configs.trim(config.provider()));
    }

    /** @throws IllegalArgumentException unless the value is one strict RFC 822 address with a domain */
    static InternetAddress parseFrom(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("from is required");
        }
        try {
            InternetAddress parsed = new InternetAddress(value.trim(), true);
            if (parsed.isGroup()) {
                throw new IllegalArgumentException("from '" + value + "' must be one address, not a group");
            }
            // Re-create it so that a non-ASCII display name is RFC 2047-encoded in UTF-8.
            return parsed.getPersonal() == null ? parsed
                    : new InternetAddress(parsed.getAddress(), parsed.getPersonal(), StandardCharsets.UTF_8.name());
        } catch (AddressException e) {
            throw new IllegalArgumentException("from '" + value + "' is not a valid e-mail address: "
                    + e.getMessage());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is not supported", e);
        }
    }

    @Override
    public String toString() { // never shows the password
        return "EmailSettings[" + protocol() + "://" + host + ":" + port + ", starttls=" + starttls
                + (starttlsRequired ? " (required)" : "") + ", user=" + (authenticated() ? username : "none")
                + ", from=" + from.getAddress() + ", provider=" + provider + "]";
    }
}
