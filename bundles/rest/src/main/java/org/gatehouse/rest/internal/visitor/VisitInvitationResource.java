package org.gatehouse.rest.internal.visitor;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.visitor.Invitation;
import org.gatehouse.api.visitor.Visit;
import org.gatehouse.api.visitor.VisitService;
import org.gatehouse.api.visitor.Visitor;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Json;
import org.gatehouse.rest.internal.common.Public;
import org.gatehouse.rest.internal.people.FaceResource;
import org.gatehouse.support.http.Multipart;

/**
 * /visit-invitations/{token}: the visitor's side of a host's invitation, without login (the phone page
 * {@code /gatehouse/visit/<token>} calls it). GET tells what the link is for and whether it is still open; POST
 * (multipart/form-data: name, phone, idNumber, and the selfie as file part {@code photo}, up to
 * {@code max.upload.bytes}) registers the visit, PENDING until the host approves. A used or expired link answers 410
 * {@code invitation-used} / {@code invitation-expired}; a refused selfie 422 with its face code, and the link stays
 * usable; an unknown token 404 {@code unknown-invitation}.
 */
@Path("/visit-invitations")
@Produces(MediaType.APPLICATION_JSON)
public class VisitInvitationResource {
    static final String OPEN = "open";
    static final String USED = "used";
    static final String EXPIRED = "expired";

    private final Services services;
    private final long maxUploadBytes;

    public VisitInvitationResource(Services services, long maxUploadBytes) {
        this.services = services;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** What the visitor's page shows (no host id, no visit id). */
    public record View(String hostName, String purpose, Instant from, Instant to, Instant expires, String state) {
    }

    /** The answer of a registration. */
    public record Registered(long visitId, String state) {
    }

    @GET
    @Path("{token}")
    @Public
    public View get(@PathParam("token") String token) {
        Invitation i = visits().invitation(token).orElseThrow(VisitInvitationResource::unknown);
        String state = i.visitId() != null ? USED : Instant.now().isBefore(i.expires()) ? OPEN : EXPIRED;
        return new View(i.hostName(), i.purpose(), i.from(), i.to(), i.expires(), state);
    }

    @POST
    @Path("{token}")
    @Public
    public Response register(@PathParam("token") String token, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                             InputStream body) {
        VisitService visits = visits();
        if (visits.invitation(token).isEmpty()) {
            throw unknown();
        }
        String ct = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (!ct.startsWith("multipart/form-data")) {
            throw new ApiException(415, "unsupported-media-type", "send multipart/form-data with the fields name,"
                    + " phone, idNumber and the photo");
        }
        List<Multipart.Part> parts = FaceResource.parts(Json.readBounded(body, maxUploadBytes), type);
        Multipart.Part photo = parts.stream().filter(p -> "photo".equals(p.name())).findFirst()
                .orElseThrow(() -> ApiException.badRequest("image-empty", "the photo is required"));
        Visitor visitor = new Visitor(field(parts, "name"), field(parts, "phone"), field(parts, "idNumber"));
        Frame selfie = new Frame(photo.body(), FaceResource.format(photo.contentType(), photo.filename()));
        try {
            Visit v = FaceResource.call(() -> visits.redeem(token, visitor, selfie));
            return Response.status(201).entity(new Registered(v.id(), v.state().name())).build();
        } catch (GatehouseException e) {
            if ("invitation-used".equals(e.code()) || "invitation-expired".equals(e.code())) {
                throw new ApiException(410, e.code(), e.getMessage());
            }
            throw e;
        }
    }

    private static String field(List<Multipart.Part> parts, String name) {
        return parts.stream().filter(p -> name.equals(p.name()) && p.filename().isEmpty()).findFirst()
                .map(p -> new String(p.body(), StandardCharsets.UTF_8).strip()).filter(s -> !s.isEmpty())
                .orElse(null);
    }

    private static ApiException unknown() {
        return ApiException.notFound("unknown-invitation", "this invitation link is not valid; ask your host for a"
                + " new one");
    }

    private VisitService visits() {
        return services.get(VisitService.class);
    }
}
