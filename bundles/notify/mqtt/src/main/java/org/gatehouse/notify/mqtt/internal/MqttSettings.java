package org.gatehouse.notify.mqtt.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.gatehouse.support.config.Configs;
import org.gatehouse.support.config.Secrets;

/**
 * Validated settings of one MQTT channel.
 *
 * @param brokerUrl      {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId       MQTT client identifier
 * @param username       user name, empty to connect without credentials
 * @param password       password, empty for none
 * @param topic          topic template with the placeholders {@code {recipient}} and {@code {kind}}
 * @param qos            0, 1 or 2
 * @param retained       whether messages are published with the retain flag
 * @param connectTimeout connect timeout, also the longest wait for a publish to be acknowledged
 * @param keepAlive      MQTT keep-alive interval, zero for none
 * @param provider       value of the service property {@code gatehouse.notify.provider}
 */
record MqttSettings(String brokerUrl, String clientId, String username, String password, String topic, int qos,
                    boolean retained, Duration connectTimeout, Duration keepAlive, String provider) {

    /** Environment variable that supplies the password when the configuration leaves it empty. */
    static final String PASSWORD_ENV = Secrets.variable(MqttComponent.PID, "password");
    static final String DEFAULT_TOPIC = "gatehouse/notify/{recipient}";
    static final String RECIPIENT = "{recipient}";
    static final String KIND = "{kind}";
    /** Topic level used when a notification has no recipient. */
    static final String ALL_RECIPIENTS = "all";
    /** Topic level used when a notification has no kind. */
    static final String NO_KIND = "unknown";

    private static final int MAX_TOPIC_BYTES = 65535;

    MqttSettings {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        Configs.notEmpty("provider", provider);
        Configs.notEmpty("client.id", clientId);
        if (clientId.getBytes(StandardCharsets.UTF_8).length > MAX_TOPIC_BYTES) {
            throw new IllegalArgumentException("client.id is too long");
        }
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, not " + qos);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect.timeout.seconds must be > 0");
        }
        if (keepAlive.isNegative()) {
            throw new IllegalArgumentException("keepalive.seconds must be >= 0");
        }
        if (username.isEmpty() && !password.isEmpty()) {
            throw new IllegalArgumentException("password is set but username is empty (MQTT 3.1.1 sends a password "
                    + "only with a user name)");
        }
        Configs.notEmpty("topic", topic);
        String problem = topicProblem(expand(topic, "recipient", "kind"));
        if (problem != null) {
            throw new IllegalArgumentException("topic '" + topic + "' " + problem);
        }
    }

    /**
     * Reads and validates a configuration.
     *
     * @param env looks up environment variables
     * @throws IllegalArgumentException with a message that names the bad key
     */
    static MqttSettings from(MqttConfig config, UnaryOperator<String> env) {
        String provider = Configs.trim(config.provider());
        String clientId = Configs.trim(config.client_id());
        if (clientId == null || clientId.isEmpty()) {
            clientId = "gatehouse-" + provider;
        }
        String username = Configs.trim(config.username());
        String password = username == null || username.isEmpty() ? config.password()
                : Secrets.orEnvironment(config.password(), PASSWORD_ENV, env);
        String topic = Configs.trim(config.topic());
        return new MqttSettings(parseBrokerUrl(config.broker_url()), clientId, username, password,
                topic == null || topic.isEmpty() ? DEFAULT_TOPIC : topic, config.qos(), config.retained(),
                Duration.ofSeconds(config.connect_timeout_seconds()), Duration.ofSeconds(config.keepalive_seconds()),
                provider);
    }

    /**
     * @return the URL in the form Paho expects
     * @throws IllegalArgumentException unless the value is tcp:// or ssl:// with a host and at most a port
     */
    static String parseBrokerUrl(String value) {
        URI uri = Configs.url("broker.url", value, "tcp", "ssl");
        if ((uri.getPath() != null && !uri.getPath().isEmpty()) || uri.getQuery() != null
                || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("broker.url '" + value + "' must be scheme://host:port only "
                    + "(credentials go into username and password)");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("broker.url '" + value + "' has an invalid port");
        }
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
    }

    /** @return the topic of a notification: the template with the recipient and kind put in */
    String topicFor(String recipient, String kind) {
        return expand(topic, recipient == null || recipient.isEmpty() ? ALL_RECIPIENTS : recipient,
                kind == null || kind.isEmpty() ? NO_KIND : kind);
    }

    private static String expand(String template, String recipient, String kind) {
        return template.replace(RECIPIENT, recipient).replace(KIND, kind);
    }

    /** @return why a topic name cannot be published to, or null if it can */
    static String topicProblem(String topic) {
        if (topic.isEmpty()) {
            return "is empty";
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            return "contains a wildcard (+ or #), which is not allowed in a topic to publish to";
        }
        if (topic.indexOf('\u0000') >= 0) {
            return "contains a NUL character";
        }
        if (topic.startsWith("$")) {
            return "starts with $, which is reserved for the broker";
        }
        if (topic.getBytes(StandardCharsets.UTF_8).length > MAX_TOPIC_BYTES) {
            return "is longer than 65535 bytes";
        }
        return null;
    }

    /** @return whether the connection sends credentials */
    boolean authenticated() {
        return !username.isEmpty();
    }

    @Override
    public String toString() { // never shows the password
        return "MqttSettings[brokerUrl=" + brokerUrl + ", clientId=" + clientId + ", username=" + username
                + ", topic=" + topic + ", qos=" + qos + ", retained=" + retained + ", provider=" + provider + "]";
    }
}
