package org.gatehouse.device.gate.zkteco.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/** The iclock servlet of one driver on Jetty 9.4 (the Jetty Pax Web runs) at a free loopback port, for tests and benchmarks. */
public final class ZkJetty {
    private ZkJetty() {
    }

    /** @return the started server; {@link #base} is the URL a stub terminal talks to */
    public static Server serve(ZkDriver driver) throws Exception {
        ZkServlet servlet = new ZkServlet();
        servlet.add(driver);
        Server jetty = new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(servlet), ZkServlet.PATTERN);
        jetty.setHandler(context);
        jetty.start();
        return jetty;
    }

    /** @return {@code http://127.0.0.1:<port>} of a started server */
    public static String base(Server jetty) {
        return "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }
}
