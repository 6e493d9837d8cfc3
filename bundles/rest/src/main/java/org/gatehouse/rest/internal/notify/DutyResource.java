package org.gatehouse.rest.internal.notify;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.DutyService.OnDuty;
import org.gatehouse.api.service.DutyService.Shift;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Records;
import org.gatehouse.rest.internal.common.Roles;

/** /duty: the duty roster (shifts) and who is on duty now. */
@Path("/duty")
@Produces(MediaType.APPLICATION_JSON)
public class DutyResource {
    private final Services services;
    private final Bodies bodies;

    public DutyResource(Services services, Bodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    @GET
    @Roles({Roles.SECURITY, Roles.TEACHER, Roles.INTEGRATOR})
    public List<Shift> list() {
        return duty().shifts();
    }

    @GET
    @Path("/now")
    @Roles({Roles.SECURITY, Roles.TEACHER, Roles.INTEGRATOR})
    public List<OnDuty> now(@QueryParam("at") String at) {
        Instant t = Params.instant("at", at);
        return duty().onDuty(t == null ? Instant.now() : t);
    }

    @POST
    @Roles(Roles.ADMIN)
    public Response create(InputStream body, @Context SecurityContext sc, @Context UriInfo uri) {
        Shift s = bodies.read(body, Shift.class);
        if (s.id() != null && duty().shifts().stream().anyMatch(x -> x.id().equals(s.id()))) {
            throw new ApiException(409, "shift-exists", "shift '" + s.id() + "' already exists");
        }
        Shift saved = duty().save(s, Params.user(sc));
        URI location = uri.getAbsolutePathBuilder().path(saved.id()).build();
        return Response.created(location).entity(saved).build();
    }

    @PUT
    @Path("/{id}")
    @Roles(Roles.ADMIN)
    public Shift replace(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        Shift s = bodies.read(body, Shift.class);
        Records.checkId(id, s.id());
        return duty().save(new Shift(id, s.siteId(), s.personId(), s.post(), s.days(), s.start(), s.end(), s.from(),
                s.until()), Params.user(sc));
    }

    @DELETE
    @Path("/{id}")
    @Roles(Roles.ADMIN)
    public Response delete(@PathParam("id") String id, @Context SecurityContext sc) {
        duty().delete(id, Params.user(sc));
        return Response.noContent().build();
    }

    private DutyService duty() {
        return services.get(DutyService.class);
    }
}
