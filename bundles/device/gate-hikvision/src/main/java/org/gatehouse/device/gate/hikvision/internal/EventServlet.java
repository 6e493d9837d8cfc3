package org.gatehouse.device.gate.hikvision.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.gatehouse.support.json.Json;

/**
 * Receives what one terminal pushes ("HTTP listening") at {@code POST /gatehouse/api/devices/<device.id>/isapi/events},
 * registered with the HTTP Whiteboard at that exact pattern (which wins over the CXF servlet's {@code /gatehouse/*}).
 * Only the terminal's address, or a request with the instance's {@code ?token=}, is let in (403 otherwise, before the
 * body is read); a body over 8 MiB is refused with 413; a body that is not an event with 400; each with a JSON error
 * and one WARN line. What is accepted is handed to the driver, which answers once the passage is stored.
 */
final class EventServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** The HTTP path of the receivers, below the CXF servlet context and REST address of the platform. */
    static final String PREFIX = "/gatehouse/api/devices/";
    /** The largest body accepted (a face picture is well below 1 MiB). */
    static final int MAX_BODY = 8 * 1024 * 1024;

    private final transient HikvisionDriver driver;

    EventServlet(HikvisionDriver driver) {
        this.driver = driver;
    }

    /** @return the path of a terminal's receiver */
    static String path(String deviceId) {
        return PREFIX + deviceId + "/isapi/events";
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String remote = req.getRemoteAddr();
        if (!driver.admits(remote, req.getParameter("token"))) {
            reply(resp, new HikvisionDriver.Reply(403, "forbidden",
                    "only the terminal's address or the configured token may push events"));
            return;
        }
        long declared = req.getContentLengthLong();
        byte[] body = declared > MAX_BODY ? null : read(req.getInputStream());
        if (body == null) {
            driver.refused(remote, "body larger than " + MAX_BODY + " bytes");
            reply(resp, new HikvisionDriver.Reply(413, "payload-too-large",
                    "the body is larger than " + MAX_BODY + " bytes"));
            return;
        }
        reply(resp, driver.receive(remote, req.getContentType(), body));
    }

    /** @return the body, null when it is larger than {@link #MAX_BODY} */
    private static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (out.size() + n > MAX_BODY) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static void reply(HttpServletResponse resp, HikvisionDriver.Reply reply) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (reply.status() == 200) { // the terminal's own result shape
            body.put("statusCode", 1);
            body.put("statusString", "OK");
            body.put("subStatusCode", "ok");
        } else {
            body.put("code", reply.code());
            body.put("message", reply.message());
            body.put("status", reply.status());
        }
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        resp.setStatus(reply.status());
        resp.setContentType("application/json;charset=utf-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
