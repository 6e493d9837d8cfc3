package org.gatehouse.notify.mqtt.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;

/** A real MQTT broker (Moquette) in this JVM, on a loopback port; can be stopped and started again on that port. */
final class MoquetteBroker implements AutoCloseable {

    private final int port;
    private final Path dataDir;
    private final String user;
    private final String password;
    private Server server;

    /**
     * @param user     null for a broker that lets anyone in; otherwise the only user, and anonymous clients are refused
     */
    MoquetteBroker(Path dataDir, String user, String password) throws IOException {
        this.port = freePort();
        this.dataDir = dataDir;
        this.user = user;
        this.password = password;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    synchronized void start() throws IOException {
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("data_path", dataDir.toString());
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("use_metrics", "false");
        p.setProperty("use_bugsnag", "false");
        p.setProperty("netty.epoll", "false");
        p.setProperty("allow_anonymous", Boolean.toString(user == null));
        IAuthenticator authenticator = user == null ? null
                : (clientId, name, secret) -> user.equals(name) && secret != null
                        && password.equals(new String(secret, java.nio.charset.StandardCharsets.UTF_8));
        server = new Server();
        server.startServer(new MemoryConfig(p), List.of(), null, authenticator, null);
    }

    synchronized void stop() {
        if (server != null) {
            server.stopServer();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
