package org.gatehouse.notify.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gatehouse.api.notify.DeliveryException;
import org.gatehouse.api.notify.DeliveryReceipt;
import org.gatehouse.api.notify.Notification;
import org.gatehouse.support.json.NotificationJson;
import org.gatehouse.support.notify.AbstractChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each notification once as JSON to an MQTT 3.1.1 broker. The channel keeps one client: it connects on the
 * first send and again on the next send after the connection was lost; there is no background reconnect. Retries and
 * backoff belong to the core outbox, which acts on {@link DeliveryException#retryable()}.
 */
final class MqttChannel extends AbstractChannel {

    static final String CHANNEL_KIND = "mqtt";

    private static final Logger LOG = LoggerFactory.getLogger(MqttChannel.class);
    /** Extra time granted to Paho's own connect timeout before we stop waiting. */
    private static final long GRACE_MILLIS = 1000;
    /** Unacknowledged publishes allowed at once; Paho's default of 10 is low for a burst of alarms. */
    private static final int MAX_IN_FLIGHT = 100;

    private final MqttSettings settings;
    private final Object lock = new Object();
    private MqttAsyncClient client; // guarded by lock
    private boolean closed; // guarded by lock

    MqttChannel(MqttSettings settings) {
        super(EnumSet.of(Capability.TEXT, Capability.RICH));
        this.settings = settings;
    }

    @Override
    public DeliveryReceipt send(Notification n) throws DeliveryException {
        String topic = settings.topicFor(n.recipient(), n.kind());
        String problem = MqttSettings.topicProblem(topic);
        if (problem != null) {
            throw fail("invalid topic for recipient '" + n.recipient() + "': '" + topic + "' " + problem, false, null);
        }
        MqttMessage message = new MqttMessage(payload(n).getBytes(StandardCharsets.UTF_8));
        message.setQos(settings.qos());
        message.setRetained(settings.retained());

        MqttAsyncClient connected = connect();
        long timeout = settings.connectTimeout().toMillis();
        try {
            IMqttDeliveryToken token = connected.publish(topic, message);
            token.waitForCompletion(timeout);
            up();
            int id = token.getMessageId();
            return new DeliveryReceipt(id > 0 ? Integer.toString(id) : null, false, detail(settings.qos()));
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_CLIENT_TIMEOUT) {
                // A broker that does not acknowledge in time is treated as gone: start afresh on the next send.
                discard(connected);
                throw fail("no acknowledgement from " + settings.brokerUrl() + " within " + timeout
                        + " ms publishing to '" + topic + "'", true, e);
            }
            throw classify("cannot publish to '" + topic + "' on " + settings.brokerUrl(), e);
        } catch (IllegalArgumentException e) { // Paho's own topic or message checks
            throw fail("invalid message for topic '" + topic + "': " + e.getMessage(), false, e);
        }
    }

    /** @return a connected client, connecting (again) if there is none or its connection was lost */
    private MqttAsyncClient connect() throws DeliveryException {
        synchronized (lock) {
            if (closed) {
                throw fail("channel " + settings.provider() + " is closed", true, null);
            }
            if (client != null && client.isConnected()) {
                return client;
            }
            if (client != null) {
                discard(client);
                client = null;
            }
            MqttAsyncClient fresh = newClient();
            try {
                IMqttToken token = fresh.connect(options());
                token.waitForCompletion(settings.connectTimeout().toMillis() + GRACE_MILLIS);
            } catch (MqttException e) {
                discard(fresh);
                throw classify("cannot connect to " + settings.brokerUrl(), e);
            }
            LOG.info("MQTT channel '{}' connected to {} as {}", settings.provider(), settings.brokerUrl(),
                    settings.clientId());
            client = fresh;
            return fresh;
        }
    }

    private MqttAsyncClient newClient() throws DeliveryException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Paho finds its network modules with a ServiceLoader; make sure it looks in its own bundle.
        thread.setContextClassLoader(MqttAsyncClient.class.getClassLoader());
        try {
            MqttAsyncClient c = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
            c.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    LOG.warn("MQTT channel '{}' lost its connection to {}: {}", settings.provider(),
                            settings.brokerUrl(), cause == null ? "closed" : cause.getMessage());
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    // the channel subscribes to nothing
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // send() waits on the token itself
                }
            });
            return c;
        } catch (MqttException | IllegalArgumentException e) {
            throw fail("cannot create an MQTT client for " + settings.brokerUrl() + ": " + e.getMessage(), false, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(MAX_IN_FLIGHT);
        options.setConnectionTimeout((int) settings.connectTimeout().toSeconds());
        options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        if (settings.authenticated()) {
            options.setUserName(settings.username());
            if (!settings.password().isEmpty()) {
                options.setPassword(settings.password().toCharArray());
            }
        }
        return options;
    }

    /**
     * Maps a Paho failure to a delivery exception. Refusals that a later try cannot change (bad user name or password,
     * not authorized, client id or protocol refused) are permanent; everything else (refused or lost connection,
     * timeout, broker unavailable) is retryable.
     */
    private DeliveryException classify(String what, MqttException e) {
        int code = e.getReasonCode();
        return switch (code) {
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION -> fail(what + ": bad user name or password "
                    + "(CONNACK 4); authentication failures are permanent, fix username/password", false, e);
            case MqttException.REASON_CODE_NOT_AUTHORIZED -> fail(what + ": not authorized (CONNACK 5); "
                    + "authorization failures are permanent, fix the credentials or the broker's access rules", false,
                    e);
            case MqttException.REASON_CODE_INVALID_CLIENT_ID -> fail(what + ": client id '" + settings.clientId()
                    + "' refused (CONNACK 2)", false, e);
            case MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION -> fail(what
                    + ": the broker does not speak MQTT 3.1.1 (CONNACK 1)", false, e);
            default -> fail(what + ": " + describe(e), true, e);
        };
    }

    private static String describe(MqttException e) {
        StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
        s.append(" (reason ").append(e.getReasonCode()).append(')');
        if (e.getCause() != null) {
            s.append(": ").append(e.getCause());
        }
        return s.toString();
    }

    private static String detail(int qos) {
        return switch (qos) {
            case 0 -> "QoS 0 sent";
            case 2 -> "PUBCOMP";
            default -> "PUBACK";
        };
    }

    /** Drops a client without waiting for the broker; frees its threads and socket. */
    private void discard(MqttAsyncClient c) {
        synchronized (lock) {
            if (client == c) {
                client = null;
            }
        }
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 100, false);
            }
        } catch (MqttException | RuntimeException e) {
            // going away anyway
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("closing MQTT client {}: {}", settings.clientId(), e.toString());
        }
    }

    /** Disconnects politely and releases the client; later sends fail (retryable). */
    void close() {
        MqttAsyncClient c;
        synchronized (lock) {
            closed = true;
            c = client;
            client = null;
        }
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect(GRACE_MILLIS).waitForCompletion(2 * GRACE_MILLIS);
            }
        } catch (MqttException | RuntimeException e) {
            LOG.debug("disconnecting MQTT client {}: {}", settings.clientId(), e.toString());
        }
        discard(c);
    }

    /** @return the JSON payload of a notification, UTF-8 when sent */
    static String payload(Notification n) {
        return NotificationJson.write(n);
    }
}
