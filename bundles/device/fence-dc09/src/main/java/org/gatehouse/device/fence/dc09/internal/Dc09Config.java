package org.gatehouse.device.fence.dc09.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of one DC-09 receiver (one listening port). Accounts, zones and codes are open-ended keys read from
 * the raw properties: {@code account.<acct>.key}, {@code account.<acct>.device}, {@code zone.<acct>.<zone>},
 * {@code code.<code>}; see the reference cfg.
 */
@ObjectClassDefinition(id = Dc09Component.PID, name = "Gatehouse SIA DC-09 receiver",
        description = "Receives alarm panel and fence controller reports (SIA DC-09, ADM-CID and SIA-DCS) over TCP and "
                + "UDP on one port.")
public @interface Dc09Config {

    @AttributeDefinition(name = "Device id", description = "Id of the receiver device itself (type fence).")
    String device_id();

    @AttributeDefinition(name = "Host", description = "Address to listen on.", required = false)
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", description = "TCP and UDP port to listen on.", min = "0", max = "65535")
    int port();

    @AttributeDefinition(name = "Max connections", description = "TCP connections served at once; more are closed.",
            required = false, min = "1", max = "10000")
    int max_connections() default 64;

    @AttributeDefinition(name = "Idle timeout (seconds)", description = "A TCP connection silent this long is closed.",
            required = false, min = "1")
    int idle_timeout_seconds() default 60;

    @AttributeDefinition(name = "Supervision (seconds)", description = "Link test period of every account; silence "
            + "for 2.5 periods raises fence.link.lost. 0: off.", required = false, min = "0")
    int supervision_seconds() default 0;

    @AttributeDefinition(name = "Timestamp past (seconds)", description = "Oldest accepted timestamp before now.",
            required = false, min = "1")
    int timestamp_past_seconds() default 40;

    @AttributeDefinition(name = "Timestamp future (seconds)", description = "Newest accepted timestamp after now.",
            required = false, min = "1")
    int timestamp_future_seconds() default 20;

    @AttributeDefinition(name = "Repeat window", description = "Sequence numbers per account remembered to recognise "
            + "a repeated message.", required = false, min = "1", max = "10000")
    int repeat_window() default 64;
}
