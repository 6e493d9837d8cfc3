package org.gatehouse.device.gate.zkteco.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of one ZKTeco PUSH terminal; one factory configuration per terminal. */
@ObjectClassDefinition(id = ZkComponent.PID, name = "Gatehouse ZKTeco face terminal",
        description = "A ZKTeco face terminal speaking the PUSH (iclock) protocol to this server's HTTP port.")
public @interface ZkConfig {

    @AttributeDefinition(name = "Device id", description = "Id of the registered facegate device this terminal is.")
    String device_id();

    @AttributeDefinition(name = "Serial number", description = "The terminal's serial number (SN), as it sends it.")
    String serial();

    @AttributeDefinition(name = "Addresses", description = "IP addresses the terminal calls from, comma separated; "
            + "requests with its SN from elsewhere are refused. Empty: any address.", required = false)
    String addresses() default "";

    @AttributeDefinition(name = "Time zone", description = "Time zone of the terminal's clock (IANA id).",
            required = false)
    String timezone() default "Asia/Shanghai";

    @AttributeDefinition(name = "Heartbeat timeout (seconds)",
            description = "Silence after which the terminal is OFFLINE and device.offline is raised.", required = false,
            min = "1")
    long heartbeat_timeout_seconds() default 120;

    @AttributeDefinition(name = "Command timeout (seconds)",
            description = "How long a command waits for the terminal to fetch and answer it.", required = false,
            min = "1")
    long command_timeout_seconds() default 60;

    @AttributeDefinition(name = "Sync rate (persons per second)",
            description = "At most this many persons pushed or removed per second.", required = false, min = "1")
    int sync_max_per_second() default 5;

    @AttributeDefinition(name = "Sync in flight (persons)",
            description = "At most this many persons pushed or removed at once: their commands go out together at "
                    + "the terminal's polls.", required = false, min = "1", max = "500")
    int sync_in_flight() default 50;

    @AttributeDefinition(name = "Commands per request",
            description = "At most this many commands handed out at one poll (getrequest).", required = false,
            min = "1", max = "1000")
    int commands_per_request() default 50;

    @AttributeDefinition(name = "Command bytes per request (KiB)",
            description = "At most this many KiB of commands handed out at one poll; a longer command goes alone.",
            required = false, min = "1", max = "65536")
    int commands_max_kb() default 1024;

    @AttributeDefinition(name = "Poll interval (seconds)",
            description = "Delay the terminal is told to wait between two command polls (option Delay).",
            required = false, min = "1")
    int poll_seconds() default 10;

    @AttributeDefinition(name = "Photo wait (ms)",
            description = "How long a punch waits for its picture before it is recorded without; 0 never waits.",
            required = false, min = "0")
    long photo_wait_ms() default 3000;

    @AttributeDefinition(name = "Face command", description = "biophoto (DATA UPDATE BIOPHOTO, newer firmware) or "
            + "userpic (DATA UPDATE USERPIC, older firmware).", required = false)
    String face_command() default "biophoto";

    @AttributeDefinition(name = "Open command", description = "Command text that opens the door (firmware specific).",
            required = false)
    String open_command() default "AC_UNLOCK";
}
