package org.gatehouse.rest.internal.visitor;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.service.AccountService;
import org.gatehouse.api.visitor.Invitation;
import org.gatehouse.api.visitor.Sighting;
import org.gatehouse.api.visitor.Visit;
import org.gatehouse.api.visitor.VisitRequest;
import org.gatehouse.api.visitor.VisitService;
import org.gatehouse.api.visitor.VisitState;
import org.gatehouse.api.visitor.Visitor;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.account.Scope;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;
import org.gatehouse.rest.internal.people.FaceResource;

/**
 * /visits: visits and the hosts' invitations. Admin and security see and act on every visit (a registration is a
 * walk-in); a teacher who is not also admin, security or integrator acts only as the host of its own visits (its user
 * linked to its STAFF person: 403 {@code no-person} without one, {@code not-your-visit} for another host's visit; a
 * registration is source {@code staff}). The visitor's page of an invitation is {@link VisitInvitationResource}.
 */
@Path("/visits")
@Produces(MediaType.APPLICATION_JSON)
public class VisitResource {
    private final Services services;
    private final Bodies bodies;
    private final FaceResource faces;
    private final String publicBaseUrl;

    /** @param publicBaseUrl the site's public address (invitation links are absolute with it), or null */
    public VisitResource(Services services, Bodies bodies, FaceResource faces, String publicBaseUrl) {
        this.services = services;
        this.bodies = bodies;
        this.faces = faces;
        this.publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? null
                : publicBaseUrl.strip().replaceAll("/+$", "");
    }

    /** Body of POST /visits. */
    public record Request(VisitorBody visitor, String hostId, String purpose, String from, String to) {
    }

    /** The visitor of a {@link Request}. */
    public record VisitorBody(String name, String phone, String idNumber) {
    }

    /** Optional body of the decisions. */
    public record NoteBody(String note) {
    }

    /** Body of POST /visits/invitations. */
    public record InviteBody(String hostId, String purpose, String from, String to) {
    }

    /** An invitation with its link: absolute with the configured public base URL, else the path. */
    public record InvitationLink(String token, String path, String hostId, String hostName, String purpose,
                                 Instant from, Instant to, Instant expires, Long visitId, String url) {
    }

    @POST
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Response register(InputStream body, @Context SecurityContext sc) {
        Request r = bodies.read(body, Request.class);
        String source = Visit.SOURCE_WALK_IN;
        if (Scope.classOnly(sc)) {
            own(sc, r.hostId());
            source = Visit.SOURCE_STAFF;
        }
        VisitorBody v = r.visitor();
        VisitRequest req = new VisitRequest(v == null ? null : new Visitor(v.name(), v.phone(), v.idNumber()),
                r.hostId(), r.purpose(), Params.instant("from", r.from()), Params.instant("to", r.to()));
        return Response.status(201).entity(visits().register(req, source, Params.user(sc))).build();
    }

    @GET
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Page<Visit> list(@QueryParam("date") String date, @QueryParam("state") String state,
                            @QueryParam("offset") String offset, @QueryParam("limit") String limit,
                            @Context SecurityContext sc) {
        String host = Scope.classOnly(sc) ? self(sc).id() : null;
        return visits().visits(date(date), Params.constant("state", state, VisitState.class), host,
                Params.offset(offset), Params.limit(limit));
    }

    @GET
    @Path("{id}")
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Visit get(@PathParam("id") String id, @Context SecurityContext sc) {
        return checked(id, sc);
    }

    @GET
    @Path("{id}/trail")
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public List<Sighting> trail(@PathParam("id") String id, @Context SecurityContext sc) {
        return visits().trail(checked(id, sc).id());
    }

    @POST
    @Path("{id}/photo")
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Visit photo(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                       InputStream body, @Context SecurityContext sc) {
        long vid = checked(id, sc).id();
        Frame photo = faces.frame(type, body);
        return FaceResource.call(() -> visits().photo(vid, photo, Params.user(sc)));
    }

    @GET
    @Path("{id}/photo")
    @Produces({"image/jpeg", MediaType.APPLICATION_JSON})
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Response photoOf(@PathParam("id") String id, @Context SecurityContext sc) {
        byte[] data = visits().photoOf(checked(id, sc).id(), Params.user(sc));
        return Response.ok(data, "image/jpeg").header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("{id}/approve")
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Visit approve(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        long vid = checked(id, sc).id();
        bodies.readOptional(body, NoteBody.class);
        return visits().approve(vid, Params.user(sc));
    }

    @POST
    @Path("{id}/reject")
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Visit reject(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        long vid = checked(id, sc).id();
        return visits().reject(vid, note(body), Params.user(sc));
    }

    @POST
    @Path("{id}/cancel")
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Visit cancel(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        long vid = checked(id, sc).id();
        return visits().cancel(vid, note(body), Params.user(sc));
    }

    @POST
    @Path("{id}/leave")
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Visit leave(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        long vid = checked(id, sc).id();
        bodies.readOptional(body, NoteBody.class);
        return visits().leave(vid, Params.user(sc));
    }

    @POST
    @Path("invitations")
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Response invite(InputStream body, @Context SecurityContext sc) {
        InviteBody b = bodies.read(body, InviteBody.class);
        String host = Params.text(b.hostId());
        if (Scope.classOnly(sc)) {
            host = host == null ? self(sc).id() : own(sc, host);
        }
        Invitation i = visits().invite(host, b.purpose(), Params.instant("from", b.from()),
                Params.instant("to", b.to()), Params.user(sc));
        return Response.status(201).entity(new InvitationLink(i.token(), i.path(), i.hostId(), i.hostName(),
                i.purpose(), i.from(), i.to(), i.expires(), i.visitId(),
                publicBaseUrl == null ? i.path() : publicBaseUrl + i.path())).build();
    }

    /** @return the visit, if the caller may see it (a class-only teacher: as its host) */
    private Visit checked(String id, SecurityContext sc) {
        long vid = Params.id("visit", id);
        Visit v = visits().visit(vid).orElseThrow(() -> ApiException.notFound("unknown-visit", "visit " + id
                + " does not exist"));
        if (Scope.classOnly(sc) && !self(sc).id().equals(v.hostId())) {
            throw new ApiException(403, "not-your-visit", "visit " + id + " is not hosted by you");
        }
        return v;
    }

    /** @return the host id, when it is the caller's own STAFF person; else 403 not-your-visit */
    private String own(SecurityContext sc, String hostId) {
        String self = self(sc).id();
        if (!self.equals(Params.text(hostId))) {
            throw new ApiException(403, "not-your-visit", "a teacher registers and invites visitors of its own"
                    + " (hostId " + self + ")");
        }
        return self;
    }

    /** @return the caller's linked STAFF person; 403 no-person without one (503 without the account service) */
    private Person self(SecurityContext sc) {
        services.get(AccountService.class);
        String user = Params.user(sc);
        return Scope.linked(services, user).filter(p -> p.role() == PersonRole.STAFF).orElseThrow(
                () -> new ApiException(403, "no-person", "user '" + user + "' is not linked to a staff person; an"
                        + " admin must link it (PUT /users/" + user + ")"));
    }

    private String note(InputStream body) {
        NoteBody b = bodies.readOptional(body, NoteBody.class);
        return b == null ? null : b.note();
    }

    private static LocalDate date(String date) {
        String d = Params.text(date);
        if (d == null) {
            return null;
        }
        try {
            return LocalDate.parse(d);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid-parameter", "date must be yyyy-MM-dd, not '" + d + "'");
        }
    }

    private VisitService visits() {
        return services.get(VisitService.class);
    }
}
