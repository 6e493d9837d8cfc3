package org.gatehouse.rest.internal.live;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.device.LiveView;
import org.gatehouse.api.service.SignedLinks;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Public;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * /live/{token}: a camera's live view behind a signed, expiring link ({@code live:<deviceId>}), without login, so a
 * phone's browser opens it as it is. {@code GET /live/{token}} is an MJPEG stream ({@code multipart/x-mixed-replace},
 * boundary {@code frame}): each new frame of the camera as one JPEG part, at most {@code live.fps} a second, each part
 * flushed as it is written; the last frame again every {@value #KEEPALIVE_MILLIS} ms while the camera sends none (a
 * client that went away is noticed). The stream ends when the link expires (checked every second) or the client goes.
 * At most {@code live.max.streams} streams at once (more: 429 {@code too-many-streams}); each holds one server thread.
 * {@code GET /live/{token}/frame.jpg} answers the newest frame. Errors: 404 {@code unknown-link} (not a genuine live
 * token), 410 {@code link-expired}, 404 {@code no-live-view} (the camera's driver is gone), 503 {@code no-frame}.
 */
@Path("/live")
public class LiveResource {
    static final String BOUNDARY = "frame";
    static final long KEEPALIVE_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(LiveResource.class);

    private final Services services;
    private final LiveViews views;
    private final LiveConfig config;
    private final Semaphore streams;
    private final AtomicLong served = new AtomicLong();

    public LiveResource(Services services, LiveViews views, LiveConfig config) {
        this.services = services;
        this.views = views;
        this.config = config;
        this.streams = new Semaphore(config.maxStreams());
    }

    @GET
    @Path("{token}/frame.jpg")
    @Produces({"image/jpeg", MediaType.APPLICATION_JSON})
    @Public
    public Response frame(@PathParam("token") String token) {
        LiveView view = view(device(token));
        LiveView.Frame f = view.latest().orElseThrow(LiveResource::noFrame);
        return Response.ok(f.jpeg(), "image/jpeg").header("Cache-Control", "no-store")
                .lastModified(java.util.Date.from(f.time())).build();
    }

    @GET
    @Path("{token}")
    @Produces({"multipart/x-mixed-replace", MediaType.APPLICATION_JSON})
    @Public
    public Response stream(@PathParam("token") String token) {
        String device = device(token);
        LiveView view = view(device);
        LiveView.Frame first = view.latest().orElseThrow(LiveResource::noFrame);
        if (!streams.tryAcquire()) {
            throw new ApiException(429, "too-many-streams", "at most " + config.maxStreams()
                    + " live streams at once; try again later");
        }
        long n = served.incrementAndGet();
        LOG.info("Live view of '{}': stream {} opened ({} of {} in use)", device, n,
                config.maxStreams() - streams.availablePermits(), config.maxStreams());
        StreamingOutput body = out -> {
            String end = "client left";
            try {
                end = serve(token, view, first, out);
            } catch (IOException e) {
                end = "client left";
            } finally {
                streams.release();
                LOG.info("Live view of '{}': stream {} ended ({})", device, n, end);
            }
        };
        return Response.ok(body, "multipart/x-mixed-replace; boundary=" + BOUNDARY)
                .header("Cache-Control", "no-cache, no-store, must-revalidate").header("Pragma", "no-cache")
                .header("X-Accel-Buffering", "no").build();
    }

    /** Writes frames until the link expires or the writing fails; @return why it ended */
    private String serve(String token, LiveView view, LiveView.Frame first, OutputStream out) throws IOException {
        long period = Math.max(1, Math.round(1000 / config.fps()));
        LiveView.Frame last = first;
        part(out, first);
        long lastWrite = System.currentTimeMillis();
        long lastCheck = lastWrite;
        while (true) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
            long now = System.currentTimeMillis();
            if (now - lastCheck >= 1000) {
                lastCheck = now;
                String why = expired(token);
                if (why != null) {
                    return why;
                }
            }
            Optional<LiveView.Frame> f = view.latest();
            boolean fresh = f.isPresent() && !sameFrame(f.get(), last);
            if (fresh) {
                last = f.get();
            }
            if (fresh || now - lastWrite >= KEEPALIVE_MILLIS) {
                part(out, last);
                lastWrite = now;
            }
        }
    }

    private static boolean sameFrame(LiveView.Frame a, LiveView.Frame b) {
        return a == b || (a.time() != null && a.time().equals(b.time()) && a.jpeg().length == b.jpeg().length);
    }

    /** Writes one part and flushes it to the client. */
    static void part(OutputStream out, LiveView.Frame f) throws IOException {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + f.jpeg().length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        out.write(head);
        out.write(f.jpeg());
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** @return null while the link is valid, else why the stream ends */
    private String expired(String token) {
        try {
            return services.get(SignedLinks.class).verify(token).isPresent() ? null : "link no longer valid";
        } catch (GatehouseException e) {
            return "link-expired".equals(e.code()) ? "link expired" : e.code();
        } catch (ApiException e) {
            return e.code();
        }
    }

    /** @return the device a genuine, unexpired live token names */
    private String device(String token) {
        String subject = org.gatehouse.rest.internal.access.SignedLinkResource.subject(services, token);
        if (subject == null || !subject.startsWith(LiveLinkResource.SUBJECT)
                || subject.length() == LiveLinkResource.SUBJECT.length()) {
            throw ApiException.notFound("unknown-link", "this link is not valid");
        }
        return subject.substring(LiveLinkResource.SUBJECT.length());
    }

    private LiveView view(String device) {
        return views.of(device).orElseThrow(() -> ApiException.notFound("no-live-view",
                "the camera '" + device + "' has no live view now"));
    }

    private static ApiException noFrame() {
        return new ApiException(503, "no-frame", "the camera has no picture yet (offline or starting)");
    }

    /** @return streams being served now */
    int open() {
        return config.maxStreams() - streams.availablePermits();
    }
}
