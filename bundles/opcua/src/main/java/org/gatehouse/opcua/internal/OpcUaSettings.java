package org.gatehouse.opcua.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

import org.gatehouse.support.config.Configs;

/**
 * The server's settings, checked.
 *
 * @param port          opc.tcp port
 * @param bindAddress   address to listen on
 * @param hostname      host name in the endpoint URLs
 * @param securityNone  whether the None endpoint is offered
 * @param anonymous     whether anonymous clients may connect (read-only)
 * @param realm         JAAS realm of the users
 * @param directory     directory of the certificate and the PKI
 * @param resync        time between two reads of the model
 */
public record OpcUaSettings(int port, String bindAddress, String hostname, boolean securityNone, boolean anonymous,
                            String realm, Path directory, Duration resync) {
    /** The namespace of the Gatehouse nodes. */
    public static final String NAMESPACE_URI = "urn:gatehouse:opcua";
    /** The path of the endpoints. */
    public static final String PATH = "/gatehouse";

    public OpcUaSettings {
        Configs.port("port", port);
        bindAddress = Configs.notEmpty("bind.address", bindAddress);
        if (hostname == null || hostname.isBlank()) {
            hostname = defaultHostname(bindAddress);
        }
        if (resync == null || resync.isNegative() || resync.isZero()) {
            throw new IllegalArgumentException("resync.seconds must be positive");
        }
        if (realm == null || realm.isBlank()) {
            throw new IllegalArgumentException("realm must not be empty");
        }
    }

    static OpcUaSettings from(OpcUaConfig config, Path etc) {
        String dir = Configs.trim(config.directory());
        Path directory = dir == null || dir.isEmpty() ? etc.resolve("opcua") : etc.resolve(dir);
        if (config.resync_seconds() < 1) {
            throw new IllegalArgumentException("resync.seconds must be at least 1, not " + config.resync_seconds());
        }
        return new OpcUaSettings(config.port(), config.bind_address(), Configs.trim(config.hostname()),
                config.security_none(), config.anonymous(), Configs.trim(config.realm()), directory,
                Duration.ofSeconds(config.resync_seconds()));
    }

    /** @return the application URI: {@code urn:gatehouse:<hostname>:opcua} */
    public String applicationUri() {
        return "urn:gatehouse:" + hostname + ":opcua";
    }

    /** @return the endpoint URL */
    public String endpointUrl() {
        return "opc.tcp://" + hostname + ":" + port + PATH;
    }

    static String defaultHostname(String bindAddress) {
        try {
            InetAddress bind = InetAddress.getByName(bindAddress);
            if (bind.isLoopbackAddress()) {
                return bindAddress;
            }
            if (!bind.isAnyLocalAddress()) {
                return bindAddress;
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind.address " + bindAddress + " is not an address of this host");
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
