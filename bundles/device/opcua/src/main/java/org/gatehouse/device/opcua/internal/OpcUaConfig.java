package org.gatehouse.device.opcua.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of one connection to an OPC UA server; one factory configuration per server. The rules and commands
 * are read from the configuration's other keys: {@code rule.<n>} and {@code command.<name>} (see the README).
 */
@ObjectClassDefinition(id = OpcUaComponent.PID, name = "Gatehouse OPC UA client",
        description = "A third-party OPC UA server whose node values are mapped to events by rules "
                + "rule.<n> = <nodeId> <op> <value> -> <event.type> [device=] [zone=] [severity=] [k=v...].")
public @interface OpcUaConfig {

    @AttributeDefinition(name = "Device id", description = "Id of the registered device that is this connection.")
    String device_id();

    @AttributeDefinition(name = "Endpoint", description = "Endpoint URL of the server, opc.tcp://host:port[/path].")
    String endpoint();

    @AttributeDefinition(name = "Security policy", description = "None or Basic256Sha256.", required = false)
    String security_policy() default "None";

    @AttributeDefinition(name = "Security mode", description = "Sign or SignAndEncrypt (with Basic256Sha256).",
            required = false)
    String security_mode() default "SignAndEncrypt";

    @AttributeDefinition(name = "User name", description = "Empty: anonymous.", required = false)
    String username() default "";

    @AttributeDefinition(name = "Password", description = "Password of the user; ${env:NAME} reads a variable, "
            + "empty reads ORG_GATEHOUSE_DEVICE_OPCUA_PASSWORD.", required = false, type =
            org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(name = "Certificate folder", description = "Where the client certificate is created on "
            + "first use and where trusted server certificates are kept (pki/trusted); empty: etc/opcua-client.",
            required = false)
    String certificate_dir() default "";

    @AttributeDefinition(name = "Server certificate", description = "pki: the server's certificate must be in "
            + "pki/trusted (an unknown one is copied to pki/rejected); any: every server certificate is accepted.",
            required = false)
    String server_trust() default "pki";

    @AttributeDefinition(name = "Publishing interval (ms)", required = false, min = "10")
    long publishing_ms() default 500;

    @AttributeDefinition(name = "Sampling interval (ms)", required = false, min = "0")
    long sampling_ms() default 250;

    @AttributeDefinition(name = "Keep-alive interval (ms)", description = "How often the session is checked; two "
            + "missed answers and the connection is OFFLINE.", required = false, min = "100")
    long keepalive_ms() default 5000;

    @AttributeDefinition(name = "Request timeout (ms)", required = false, min = "100")
    long timeout_ms() default 5000;

    @AttributeDefinition(name = "Longest back-off (ms)", description = "The longest wait between two reconnect "
            + "attempts (from 1 s, doubling).", required = false, min = "1000")
    long backoff_max_ms() default 60000;
}
