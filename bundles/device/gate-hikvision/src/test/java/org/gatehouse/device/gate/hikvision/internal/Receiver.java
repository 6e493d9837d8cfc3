package org.gatehouse.device.gate.hikvision.internal;

import java.net.InetAddress;
import java.net.URI;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/** The driver's event servlet on Jetty 9.4 (what Pax Web runs in Karaf) at a free loopback port, at its real path. */
final class Receiver implements AutoCloseable {
    private final Server server = new Server();
    private final String path;

    Receiver(HikvisionDriver driver) throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        path = driver.settings().eventPath();
        context.addServlet(new ServletHolder(new EventServlet(driver)), path);
        server.setHandler(context);
        server.start();
    }

    /** @return the push URL, with {@code ?token=} when given */
    URI url(String token) {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return URI.create("http://127.0.0.1:" + port + path + (token == null ? "" : "?token=" + token));
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
