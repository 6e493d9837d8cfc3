package org.gatehouse.device.fence.modbus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of one Modbus TCP device; one factory configuration per device. The point map is read from the
 * configuration's other keys: {@code point.<name>}, {@code zone.<name>}, {@code severity.<name>}, {@code relay.<n>}
 * (see the README).
 */
@ObjectClassDefinition(id = ModbusComponent.PID, name = "Gatehouse Modbus TCP fence",
        description = "A fence controller or I/O module polled over Modbus TCP; points are configured as "
                + "point.<type> = <di|coil|hr|ir>:<address>[:<bit>][:<op><value>].")
public @interface ModbusConfig {

    @AttributeDefinition(name = "Device id", description = "Id of the registered fence device this is.")
    String device_id();

    @AttributeDefinition(name = "Host", description = "Host name or IP address of the Modbus TCP server.")
    String host();

    @AttributeDefinition(name = "Port", description = "TCP port of the Modbus server.", required = false,
            min = "1", max = "65535")
    int port() default 502;

    @AttributeDefinition(name = "Unit id", description = "Unit (slave) id of the requests, 0-255; 1 for most I/O "
            + "modules, the serial address behind a gateway.", required = false, min = "0", max = "255")
    int unit_id() default 1;

    @AttributeDefinition(name = "Poll interval (ms)", description = "Time between two reads of every point.",
            required = false, min = "10")
    long poll_ms() default 500;

    @AttributeDefinition(name = "Timeout (ms)", description = "How long a connect or a request waits for the device.",
            required = false, min = "10")
    long timeout_ms() default 1000;

    @AttributeDefinition(name = "Longest back-off (ms)", description = "The longest wait between two reconnect "
            + "attempts to a device that does not answer (it doubles from poll.ms).", required = false, min = "10")
    long backoff_max_ms() default 30000;

    @AttributeDefinition(name = "Arm", description = "The write of the arm command: coil:<address>:<0|1> or "
            + "hr:<address>:<value>. Empty: arm is not supported.", required = false)
    String command_arm() default "";

    @AttributeDefinition(name = "Disarm", description = "The write of the disarm command, as command.arm.",
            required = false)
    String command_disarm() default "";
}
