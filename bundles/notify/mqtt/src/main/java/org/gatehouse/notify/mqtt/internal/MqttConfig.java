package org.gatehouse.notify.mqtt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of one MQTT broker connection; one factory configuration per broker or account. */
@ObjectClassDefinition(id = "org.gatehouse.notify.mqtt", name = "Gatehouse MQTT channel",
        description = "Publishes notifications as JSON to an MQTT 3.1.1 broker.")
public @interface MqttConfig {

    @AttributeDefinition(name = "Broker URL", description = "tcp://host:port or ssl://host:port of the broker.")
    String broker_url();

    @AttributeDefinition(name = "Client id", description = "MQTT client identifier; empty means gatehouse-<provider>. "
            + "It must be unique on the broker.", required = false)
    String client_id() default "";

    @AttributeDefinition(name = "User name", description = "Empty connects without credentials.", required = false)
    String username() default "";

    @AttributeDefinition(name = "Password", description = "Empty takes ORG_GATEHOUSE_NOTIFY_MQTT_PASSWORD from the "
            + "environment when a user name is set.", required = false, type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(name = "Topic", description = "Topic template; {recipient} (null: all) and {kind} are "
            + "replaced. Wildcards + and # are refused.", required = false)
    String topic() default MqttSettings.DEFAULT_TOPIC;

    @AttributeDefinition(name = "QoS", required = false, options = {
        @Option(value = "0", label = "0: at most once"),
        @Option(value = "1", label = "1: at least once (PUBACK)"),
        @Option(value = "2", label = "2: exactly once (PUBCOMP)")})
    int qos() default 1;

    @AttributeDefinition(name = "Retained", description = "Ask the broker to keep the last message of each topic.",
            required = false)
    boolean retained() default false;

    @AttributeDefinition(name = "Connect timeout (s)", description = "Connect timeout, and the longest wait for the "
            + "broker's acknowledgement of a publish.", required = false, min = "1")
    int connect_timeout_seconds() default 5;

    @AttributeDefinition(name = "Keep-alive (s)", description = "MQTT keep-alive interval; 0 disables it.",
            required = false, min = "0")
    int keepalive_seconds() default 30;

    @AttributeDefinition(name = "Provider", description = "Value of the service property gatehouse.notify.provider.",
            required = false)
    String provider() default "mqtt";
}
