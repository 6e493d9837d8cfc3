package org.gatehouse.rest.internal.live;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.JsonNode;

import org.gatehouse.api.service.AuditService;
import org.gatehouse.api.service.SignedLinks;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Json;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;

/**
 * POST /devices/{id}/live-link: a signed, expiring link to the camera's live view ({@code GET /live/{token}}), to open
 * on a phone without login. Body {@code {"minutes": 1..60}} (default 10), or none. Handing out a link is audited.
 */
@Path("/devices")
@Produces(MediaType.APPLICATION_JSON)
public class LiveLinkResource {
    /** Signed-link subject prefix of a live view. */
    public static final String SUBJECT = "live:";
    static final int DEFAULT_MINUTES = 10;
    static final int MAX_MINUTES = 60;

    private final Services services;
    private final Bodies bodies;
    private final LiveViews views;
    private final String publicBaseUrl;

    public LiveLinkResource(Services services, Bodies bodies, LiveViews views, String publicBaseUrl) {
        this.services = services;
        this.bodies = bodies;
        this.views = views;
        this.publicBaseUrl = publicBaseUrl == null ? "" : publicBaseUrl.strip().replaceAll("/+$", "");
    }

    @POST
    @Path("/{id}/live-link")
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Response link(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        int minutes = minutes(Json.readBounded(body, bodies.maxBytes()));
        services.get(SiteService.class).device(id).orElseThrow(() -> ApiException.notFound("unknown-device",
                "device '" + id + "' does not exist"));
        if (views.of(id).isEmpty()) {
            throw ApiException.notFound("no-live-view", "device '" + id + "' has no live view (not a camera, or its"
                    + " driver is not running)");
        }
        String token = services.get(SignedLinks.class).sign(SUBJECT + id, Duration.ofMinutes(minutes));
        Instant expires = Instant.now().plus(Duration.ofMinutes(minutes)).truncatedTo(ChronoUnit.SECONDS);
        String path = "/gatehouse/api/live/" + token;
        if (services.available(AuditService.class)) {
            services.get(AuditService.class).record(Params.user(sc), "live-link", "device", id, minutes + " min");
        }
        return Response.status(201).entity(Map.of("url", publicBaseUrl.isEmpty() ? path : publicBaseUrl + path,
                "expires", expires.toString())).build();
    }

    private int minutes(byte[] body) {
        if (Json.isBlank(body)) {
            return DEFAULT_MINUTES;
        }
        JsonNode node = Json.readTree(bodies.mapper(), body);
        if (!node.isObject()) {
            throw ApiException.badRequest("invalid-body", "the body must be a JSON object");
        }
        JsonNode m = node.get("minutes");
        if (m == null || m.isNull()) {
            return DEFAULT_MINUTES;
        }
        if (!m.canConvertToInt() || !m.isIntegralNumber() || m.intValue() < 1 || m.intValue() > MAX_MINUTES) {
            throw ApiException.badRequest("bad-minutes", "minutes must be a whole number from 1 to " + MAX_MINUTES);
        }
        return m.intValue();
    }
}
