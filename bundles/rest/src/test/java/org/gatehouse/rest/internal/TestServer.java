package org.gatehouse.rest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;

import org.apache.cxf.Bus;
import org.gatehouse.rest.internal.auth.Authenticator;
import org.gatehouse.rest.internal.auth.TokenService;
import org.gatehouse.rest.internal.auth.UserStore;

/**
 * The real {@link RestServer} on a free loopback port with CXF's Jetty transport and the {@link TestAuthenticator},
 * as the tests of every area run it; {@link #base} is its API address, {@code http://127.0.0.1:<port>/api}.
 */
public final class TestServer implements AutoCloseable {
    public final RestServer server;
    public final String base;
    private final Bus bus;

    private TestServer(RestServer server, String base, Bus bus) {
        this.server = server;
        this.base = base;
        this.bus = bus;
    }

    /** @return a started server with tokens signed by {@code secret} */
    public static TestServer start(Services services, byte[] secret, RestConfig config) {
        String base = "http://127.0.0.1:" + freePort() + "/api";
        RestServer server = new RestServer(services, new TestAuthenticator(),
                new TokenService(secret, Duration.ofMinutes(config.tokenTtlMinutes()), Clock.systemUTC()), config);
        Bus bus = PrivateBus.create();
        server.start(bus, base);
        return new TestServer(server, base, bus);
    }

    /** @return a started server with the default configuration that edits the users file and signs in through it */
    public static TestServer start(Services services, Authenticator authenticator, TokenService tokens,
                                   UserStore users) {
        String base = "http://127.0.0.1:" + freePort() + "/api";
        RestServer server = new RestServer(services, authenticator, tokens, RestConfig.defaults(), users);
        Bus bus = PrivateBus.create();
        server.start(bus, base);
        return new TestServer(server, base, bus);
    }

    /** @return a started server with the default configuration */
    public static TestServer start(Services services) {
        return start(services, new byte[32], RestConfig.defaults());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            bus.shutdown(true);
        }
    }
}
