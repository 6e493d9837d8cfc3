package org.gatehouse.rest.internal.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import javax.servlet.AsyncContext;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.auth.AuthFilter;
import org.gatehouse.rest.internal.auth.Identity;
import org.gatehouse.rest.internal.common.ErrorBody;

/**
 * {@code GET <api>/stream}: the live stream as server-sent events. The caller signs in as on every API call (the
 * {@link AuthFilter}'s check: a bearer token, or Basic with the same throttle and audit); a device account gets 403,
 * and beyond {@link StreamConfig#maxClients()} open streams the answer is 503 {@code stream-full}. The request then
 * goes into async mode, so no thread is held per client, and the {@link StreamHub} writes to it.
 */
public final class StreamServlet extends HttpServlet {
    /** The event-stream media type with its charset. */
    static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";
    private static final long serialVersionUID = 1L;

    private final transient StreamHub hub;
    private final transient AuthFilter auth;
    private final transient Services services;

    public StreamServlet(StreamHub hub, AuthFilter auth, Services services) {
        this.hub = hub;
        this.auth = auth;
        this.services = services;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuthFilter.Check check = auth.authenticate(request.getHeader("Authorization"), request.getRemoteAddr());
        if (check.identity() == null) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (check.status() == 429) {
                headers.put("Retry-After", String.valueOf(check.retryAfterSeconds()));
            } else if (request.getHeader("X-Requested-With") == null) {
                // as on every API path: no challenge for the console, whose browser would show its own dialog
                headers.put("WWW-Authenticate", AuthFilter.CHALLENGE);
            }
            reject(request, response, check.status(), check.code(), check.message(), headers);
            return;
        }
        Identity identity = check.identity();
        if (!Audience.allowed(identity)) {
            reject(request, response, 403, "forbidden", "user '" + identity.user() + "' may not open the stream",
                    Map.of());
            return;
        }
        Audience audience = Audience.of(identity, services);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Content-Type", CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        StreamClient client = hub.open(identity, audience, () -> {
            AsyncContext async = request.startAsync();
            async.setTimeout(0);
            return async;
        });
        if (client == null) {
            response.reset();
            reject(request, response, 503, "stream-full", "more than " + hub.config().maxClients()
                    + " streams are open (stream.max.clients); try again later", Map.of("Retry-After", "5"));
            return;
        }
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("user", identity.user());
        hello.put("roles", new TreeSet<>(identity.roles()));
        client.send("hello", hub.json(hello));
        try {
            client.start();
        } catch (IOException | RuntimeException e) {
            client.close();
        }
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, int status, String code,
                        String message, Map<String, String> headers) throws IOException {
        StreamHub.LOG.info("Rejected GET {} from {}: {}: {}", request.getRequestURI(), request.getRemoteAddr(), code,
                message);
        byte[] body = hub.json(new ErrorBody(code, message, status)).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        headers.forEach(response::setHeader);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
