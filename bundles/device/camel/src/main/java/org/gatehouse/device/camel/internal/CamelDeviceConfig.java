package org.gatehouse.device.camel.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of one device by Camel URI; one factory configuration per device. The mapping rules
 * {@code map.<n>.when|restore|type|device|zone|severity|id|time|attr.<name>} are read from the raw properties.
 */
@ObjectClassDefinition(id = CamelDeviceComponent.PID, name = "Gatehouse device by Camel URI",
        description = "A Camel consumer URI (MQTT, TCP lines, files...) whose messages become events by rules.")
public @interface CamelDeviceConfig {

    @AttributeDefinition(name = "Device id", description = "Id of the device (registered, or registered at the only"
            + " site on first start).")
    String device_id();

    @AttributeDefinition(name = "Camel URI", description = "A Camel consumer URI, e.g. paho:fence/+/state?brokerUrl="
            + "tcp://127.0.0.1:1883, netty:tcp://0.0.0.0:5020?textline=true&sync=false, file:/var/spool/x?delete=true")
    String uri();

    @AttributeDefinition(name = "Format", description = "json (rules are JSONPath predicates) or text (rules are"
            + " regular expressions).", required = false)
    String format() default "json";

    @AttributeDefinition(name = "Device type", description = "Type of the device when it is registered from here"
            + " (fence, sensor, ...).", required = false)
    String device_type() default "sensor";

    @AttributeDefinition(name = "Status check (seconds)", description = "How often the route is checked and"
            + " restarted when it failed (broker away).", required = false, min = "1")
    int status_check_seconds() default 5;

    @AttributeDefinition(name = "Unmatched log period (seconds)", description = "Messages that give no event are"
            + " logged at most once per period, with their count and one example.", required = false, min = "1")
    int unmatched_log_seconds() default 60;
}
