package org.gatehouse.device.gate.hikvision.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of one Hikvision face terminal; one factory configuration per terminal. */
@ObjectClassDefinition(id = HikvisionComponent.PID, name = "Gatehouse Hikvision face terminal",
        description = "A Hikvision face terminal (ISAPI): passage events pushed by the terminal, roster and face sync,"
                + " remote door control, heartbeat supervision.")
public @interface HikvisionConfig {

    @AttributeDefinition(name = "Device id", description = "Id of the registered facegate device this terminal is.")
    String device_id();

    @AttributeDefinition(name = "URL", description = "The terminal's ISAPI base, e.g. http://192.168.1.64")
    String url();

    @AttributeDefinition(name = "User name", description = "ISAPI user (Digest authentication).", required = false)
    String username() default "admin";

    @AttributeDefinition(name = "Password", description = "ISAPI password; empty: from the environment variable"
            + " ORG_GATEHOUSE_DEVICE_GATE_HIKVISION_PASSWORD.", required = false, type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(name = "Door", description = "The door number the terminal controls.", required = false,
            min = "1")
    int door() default 1;

    @AttributeDefinition(name = "Direction", description = "in or out, as the device registry should hold it"
            + " (checked and logged; the registry's property decides).", required = false)
    String direction() default "";

    @AttributeDefinition(name = "Listen URL", description = "Where the terminal pushes its events, e.g."
            + " http://192.168.1.10:8181/gatehouse/api/devices/<device.id>/isapi/events; empty: configure the"
            + " terminal by hand.", required = false)
    String listen_url() default "";

    @AttributeDefinition(name = "Token", description = "Accepted as ?token= on the push URL from another address;"
            + " empty: from ORG_GATEHOUSE_DEVICE_GATE_HIKVISION_TOKEN, or only the terminal's address.",
            required = false, type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String token() default "";

    @AttributeDefinition(name = "Heartbeat timeout (seconds)", description = "Silence after which the terminal is"
            + " OFFLINE and an alarm is raised.", required = false, min = "1")
    long heartbeat_timeout_seconds() default 120;

    @AttributeDefinition(name = "Sync interval (seconds)", description = "Longest time between two roster sync"
            + " passes (a roster change starts one at once).", required = false, min = "1")
    long sync_interval_seconds() default 60;

    @AttributeDefinition(name = "Sync rate (persons per second)", description = "How many persons per second the"
            + " sync sends to the terminal.", required = false, min = "1")
    int sync_max_per_second() default 5;

    @AttributeDefinition(name = "Timeout (ms)", description = "Timeout of each request to the terminal.",
            required = false, min = "1")
    long timeout_ms() default 10000;
}
