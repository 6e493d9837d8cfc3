package org.gatehouse.device.simulator.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of one simulated device; one factory configuration per device. */
@ObjectClassDefinition(id = "org.gatehouse.device.simulator", name = "Gatehouse device simulator",
        description = "A simulated device that emits events periodically or on command, for demos and load tests.")
public @interface SimulatorConfig {

    @AttributeDefinition(name = "Device id", description = "Id of the registered device this simulator plays.")
    String device_id();

    @AttributeDefinition(name = "Device type", description = "Device type (fence, camera, facegate, thermo, pir).",
            required = false)
    String device_type() default "fence";

    @AttributeDefinition(name = "Event type", description = "Type of the events it emits.", required = false)
    String event_type() default "fence.intrusion";

    @AttributeDefinition(name = "Severity", description = "Severity of the events: INFO, WARNING, MAJOR, CRITICAL.",
            required = false)
    String severity() default "MAJOR";

    @AttributeDefinition(name = "Interval (seconds)", description = "Seconds between events; 0 emits only on command.",
            required = false, min = "0")
    long interval_seconds() default 60;

    @AttributeDefinition(name = "Restore after (seconds)",
            description = "Seconds after each event until its restore event; 0 never sends restore events.",
            required = false, min = "0")
    long restore_after_seconds() default 10;
}
