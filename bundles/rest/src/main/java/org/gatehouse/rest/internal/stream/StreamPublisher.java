package org.gatehouse.rest.internal.stream;

import java.io.IOException;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import javax.servlet.Servlet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Registers the {@link StreamServlet} with the OSGi HTTP Whiteboard at the exact pattern
 * {@code <CXF servlet context><address>/stream} (for example {@code /gatehouse/api/stream}), async-supported. The
 * servlet container gives an exact pattern precedence over the CXF servlet's {@code /gatehouse/*}, so the stream
 * follows the API's configured address without going through CXF.
 */
public final class StreamPublisher {
    /** The PID and key of the CXF servlet context in Karaf ({@code etc/org.apache.cxf.osgi.cfg}). */
    static final String CXF_PID = "org.apache.cxf.osgi";
    static final String CXF_CONTEXT = "org.apache.cxf.servlet.context";
    /** CXF's own default when nothing is configured. */
    static final String CXF_DEFAULT_CONTEXT = "/cxf";

    private StreamPublisher() {
    }

    /** @return the whiteboard pattern of the stream below that CXF context and API address */
    public static String pattern(String cxfContext, String address) {
        return trim(cxfContext) + trim(address) + "/stream";
    }

    /** @return {@code org.apache.cxf.servlet.context} as configured in ConfigurationAdmin, or CXF's default */
    public static String cxfContext(BundleContext context) {
        ServiceReference<ConfigurationAdmin> ref = context.getServiceReference(ConfigurationAdmin.class);
        if (ref == null) {
            return CXF_DEFAULT_CONTEXT;
        }
        ConfigurationAdmin admin = context.getService(ref);
        try {
            Configuration[] found = admin == null ? null
                    : admin.listConfigurations("(service.pid=" + CXF_PID + ")");
            Object value = found == null || found.length == 0 || found[0].getProperties() == null ? null
                    : found[0].getProperties().get(CXF_CONTEXT);
            return value == null ? CXF_DEFAULT_CONTEXT : value.toString();
        } catch (IOException | InvalidSyntaxException e) {
            return CXF_DEFAULT_CONTEXT;
        } finally {
            context.ungetService(ref);
        }
    }

    /** @return the registration of the servlet at that pattern */
    public static ServiceRegistration<Servlet> register(BundleContext context, StreamServlet servlet,
                                                        String pattern) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("osgi.http.whiteboard.servlet.pattern", pattern);
        props.put("osgi.http.whiteboard.servlet.name", "gatehouse-stream");
        props.put("osgi.http.whiteboard.servlet.asyncSupported", Boolean.TRUE);
        return context.registerService(Servlet.class, servlet, props);
    }

    /** @return the registration of the EventAdmin handler that hands stored events to the hub */
    public static ServiceRegistration<EventHandler> listen(BundleContext context, StreamHub hub) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, StreamHub.EVENT_TOPICS + "*");
        EventHandler handler = event -> {
            Map<String, Object> properties = new HashMap<>();
            for (String name : event.getPropertyNames()) {
                properties.put(name, event.getProperty(name));
            }
            hub.published(event.getTopic(), properties);
        };
        return context.registerService(EventHandler.class, handler, props);
    }

    private static String trim(String path) {
        String p = path == null ? "" : path.trim();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() || p.startsWith("/") ? p : "/" + p;
    }
}
