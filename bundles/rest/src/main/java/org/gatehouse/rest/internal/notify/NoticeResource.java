package org.gatehouse.rest.internal.notify;

import java.io.InputStream;
import java.net.URI;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.gatehouse.api.Page;
import org.gatehouse.api.service.NoticeService;
import org.gatehouse.api.service.NoticeService.Notice;
import org.gatehouse.api.service.NoticeService.NoticeStats;
import org.gatehouse.api.service.NoticeService.Recipient;
import org.gatehouse.api.service.PersonService.Contact;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;

/** /notices: home-school notices (家校互动) with their delivery and read statistics. */
@Path("/notices")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeResource {
    private final Services services;
    private final Bodies bodies;

    public NoticeResource(Services services, Bodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    /** Body of POST /notices: the writable fields of a notice. */
    public record NoticeBody(String id, List<NoticeService.Text> texts, String templateKind,
                             java.util.Map<String, String> variables, String audience, NoticeService.Schedule schedule,
                             org.gatehouse.api.service.OutboxService.Priority priority) {
    }

    /** Body of POST /notices/{id}/read. */
    public record ReadBody(String personId, String occurrence) {
    }

    /** Answer of POST /notices/{id}/read. */
    public record ReadResult(String noticeId, String personId, boolean marked) {
    }

    @GET
    @Roles({Roles.TEACHER, Roles.SECURITY, Roles.INTEGRATOR})
    public Page<Notice> list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return notices().list(Params.offset(offset), Params.limit(limit));
    }

    @POST
    @Roles(Roles.TEACHER)
    public Response create(InputStream body, @Context SecurityContext sc, @Context UriInfo uri) {
        NoticeBody b = bodies.read(body, NoticeBody.class);
        Notice saved = notices().create(new Notice(b.id(), b.texts(), b.templateKind(), b.variables(), b.audience(),
                b.schedule(), b.priority(), null, null, null, null, 0), Params.user(sc));
        URI location = uri.getAbsolutePathBuilder().path(saved.id()).build();
        return Response.created(location).entity(saved).build();
    }

    @GET
    @Path("/audience")
    @Roles({Roles.TEACHER, Roles.INTEGRATOR})
    public List<Contact> audience(@QueryParam("q") String audience) {
        return notices().audience(audience);
    }

    @GET
    @Path("/{id}")
    @Roles({Roles.TEACHER, Roles.SECURITY, Roles.INTEGRATOR})
    public NoticeStats get(@PathParam("id") String id) {
        return notices().get(id).orElseThrow(() -> ApiException.notFound("unknown-notice",
                "notice '" + id + "' does not exist"));
    }

    @POST
    @Path("/{id}/cancel")
    @Roles(Roles.TEACHER)
    public Notice cancel(@PathParam("id") String id, @Context SecurityContext sc) {
        return notices().cancel(id, Params.user(sc));
    }

    @GET
    @Path("/{id}/recipients")
    @Roles({Roles.TEACHER, Roles.INTEGRATOR})
    public Page<Recipient> recipients(@PathParam("id") String id, @QueryParam("offset") String offset,
                                      @QueryParam("limit") String limit) {
        return notices().recipients(id, Params.offset(offset), Params.limit(limit));
    }

    @POST
    @Path("/{id}/read")
    @Roles({Roles.DEVICE, Roles.INTEGRATOR})
    public ReadResult read(@PathParam("id") String id, InputStream body) {
        ReadBody b = bodies.read(body, ReadBody.class);
        return new ReadResult(id, b.personId(), notices().markRead(id, b.personId(), b.occurrence()));
    }

    private NoticeService notices() {
        return services.get(NoticeService.class);
    }
}
