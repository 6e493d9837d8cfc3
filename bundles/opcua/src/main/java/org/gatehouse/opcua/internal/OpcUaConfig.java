package org.gatehouse.opcua.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the OPC UA server, PID {@code org.gatehouse.opcua.server} (reference cfg in the bundle). */
@ObjectClassDefinition(id = OpcUaComponent.PID, name = "Gatehouse OPC UA server",
        description = "Sites, zones, devices, counters and alarms over OPC UA (opc.tcp), with Basic256Sha256 and "
                + "the users of the Karaf JAAS realm.")
public @interface OpcUaConfig {

    @AttributeDefinition(name = "Port", description = "TCP port of opc.tcp.", required = false, min = "1",
            max = "65535")
    int port() default 4840;

    @AttributeDefinition(name = "Bind address", description = "Address the server listens on; 127.0.0.1 (loopback) "
            + "unless the server must be reached from the network (0.0.0.0: every interface).", required = false)
    String bind_address() default "127.0.0.1";

    @AttributeDefinition(name = "Host name", description = "Host name in the endpoint URLs and the certificate; "
            + "empty: the bind address when it is loopback, else this machine's name.", required = false)
    String hostname() default "";

    @AttributeDefinition(name = "Security None", description = "Offer the endpoint without security (policy None). "
            + "Turn off to allow Basic256Sha256 Sign and SignAndEncrypt only.", required = false)
    boolean security_none() default true;

    @AttributeDefinition(name = "Anonymous", description = "Let clients connect without a user (read-only).",
            required = false)
    boolean anonymous() default true;

    @AttributeDefinition(name = "JAAS realm", description = "Realm that checks user names and passwords; the names "
            + "of its role principals are the Gatehouse roles.", required = false)
    String realm() default "karaf";

    @AttributeDefinition(name = "Directory", description = "Directory of the application certificate and of the PKI "
            + "(trusted/, rejected/); relative to karaf.etc.", required = false)
    String directory() default "opcua";

    @AttributeDefinition(name = "Re-sync (s)", description = "Seconds between two reads of the sites, zones, devices "
            + "and counters (new ones appear, removed ones disappear).", required = false, min = "1")
    int resync_seconds() default 5;
}
