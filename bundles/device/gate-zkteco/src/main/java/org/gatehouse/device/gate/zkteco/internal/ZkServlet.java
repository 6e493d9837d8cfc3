package org.gatehouse.device.gate.zkteco.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.gatehouse.api.device.DeviceDriver;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one endpoint of every ZKTeco terminal: {@value #PATTERN} on the HTTP port (terminals are configured with a
 * server address and port only), through the OSGi HTTP Whiteboard. It hands each request to the driver configured
 * for the request's {@code SN}: {@code /cdata} (handshake, ATTLOG, ATTPHOTO, OPERLOG), {@code /getrequest} (command
 * poll and heartbeat), {@code /devicecmd} (command results); {@code .aspx} suffixes of older firmware are accepted.
 * An unknown SN is refused with 403 {@code ERROR: unknown terminal} and logged once per SN.
 */
@Component(immediate = true, service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + ZkServlet.PATTERN,
        "osgi.http.whiteboard.servlet.name=gatehouse-zkteco-iclock"})
public class ZkServlet extends HttpServlet {
    static final String PATTERN = "/iclock/*";
    /** Largest request body read (a picture upload); larger ones are refused with 413. */
    static final int MAX_BODY = 4 * 1024 * 1024;
    /** At most this many unknown serial numbers are remembered as logged. */
    static final int MAX_REFUSED = 1024;

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ZkServlet.class);

    private final transient Map<String, ZkDriver> terminals = new ConcurrentHashMap<>();
    private final transient Set<String> refused = ConcurrentHashMap.newKeySet();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + DeviceDriver.VENDOR + "=" + ZkDriver.VENDOR + ")")
    void bindDriver(DeviceDriver driver) {
        if (driver instanceof ZkDriver zk) {
            add(zk);
        }
    }

    void unbindDriver(DeviceDriver driver) {
        if (driver instanceof ZkDriver zk) {
            terminals.remove(zk.settings().serial(), zk);
        }
    }

    /** Serves a terminal; a second driver for the same SN is refused with one ERROR line. */
    void add(ZkDriver driver) {
        String serial = driver.settings().serial();
        ZkDriver earlier = terminals.putIfAbsent(serial, driver);
        if (earlier != null && earlier != driver) {
            LOG.error("ZKTeco terminal {} is configured twice (devices '{}' and '{}'): only '{}' is served",
                    serial, earlier.settings().deviceId(), driver.settings().deviceId(),
                    earlier.settings().deviceId());
        } else {
            refused.remove(serial);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean post) throws IOException {
        Map<String, String> query = query(request.getQueryString());
        String serial = query.get("SN");
        if (serial == null || serial.isBlank()) {
            send(response, ZkReply.error(400, "missing SN"));
            return;
        }
        ZkDriver driver = terminals.get(serial);
        if (driver == null) {
            String shown = ZkProtocol.isToken(serial) ? serial : "(malformed SN)";
            if (refused.size() < MAX_REFUSED && refused.add(shown)) {
                LOG.warn("Refused requests of unknown ZKTeco terminal {} from {} (no {}-<alias>.cfg has this serial)",
                        shown, request.getRemoteAddr(), ZkComponent.PID);
            }
            send(response, ZkReply.error(403, "unknown terminal"));
            return;
        }
        if (!driver.settings().allows(request.getRemoteAddr())) {
            if (refused.size() < MAX_REFUSED && refused.add(serial + "@" + request.getRemoteAddr())) {
                LOG.warn("Refused requests of ZKTeco terminal {} from {}: not one of its addresses", serial,
                        request.getRemoteAddr());
            }
            send(response, ZkReply.error(403, "unknown terminal"));
            return;
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.endsWith(".aspx")) {
            path = path.substring(0, path.length() - ".aspx".length());
        }
        byte[] body = new byte[0];
        if (post) {
            body = read(request);
            if (body == null) {
                LOG.warn("ZKTeco terminal {} sent a request body over {} bytes, refused", serial, MAX_BODY);
                send(response, ZkReply.error(413, "body over " + MAX_BODY + " bytes"));
                return;
            }
        }
        send(response, dispatch(driver, path, post, query, body));
    }

    private static ZkReply dispatch(ZkDriver driver, String path, boolean post, Map<String, String> query,
                                    byte[] body) {
        switch (path) {
            case "/cdata":
                if (!post) {
                    return query.containsKey("options") ? driver.handshake() : driver.ping();
                }
                String table = query.getOrDefault("table", "");
                String stamp = query.get("Stamp");
                switch (table) {
                    case "ATTLOG":
                        return driver.attlog(new String(body, StandardCharsets.UTF_8), stamp);
                    case "ATTPHOTO":
                        return driver.attphoto(body, stamp);
                    default:
                        return driver.other(table, stamp);
                }
            case "/getrequest":
                return driver.poll(query);
            case "/ping":
                return driver.ping();
            case "/devicecmd":
                return driver.results(new String(body, StandardCharsets.UTF_8));
            default:
                return ZkReply.error(404, "unknown path /iclock" + path);
        }
    }

    /** @return the body, null when it is over {@link #MAX_BODY} */
    private static byte[] read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > MAX_BODY) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    /** The query string as keys and values, decoded; the body is never read as a form. */
    static Map<String, String> query(String text) {
        Map<String, String> values = new HashMap<>();
        if (text == null) {
            return values;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                values.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a bad escape: the pair is left out
            }
        }
        return values;
    }

    private static void send(HttpServletResponse response, ZkReply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(reply.status());
        // terminals set their clock from the Date header of the answers
        response.setDateHeader("Date", System.currentTimeMillis());
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
