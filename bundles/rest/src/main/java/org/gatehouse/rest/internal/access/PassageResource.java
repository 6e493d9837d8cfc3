package org.gatehouse.rest.internal.access;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.gatehouse.api.Page;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.access.PassageQuery;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.account.Scope;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;

/** /passages: face gate passages (newest first) and their snapshots; a snapshot read is audited. */
@Path("/passages")
@Produces(MediaType.APPLICATION_JSON)
public class PassageResource {
    private final Services services;

    public PassageResource(Services services) {
        this.services = services;
    }

    @GET
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Page<Passage> list(@QueryParam("person") String person, @QueryParam("device") String device,
                              @QueryParam("from") String from, @QueryParam("to") String to,
                              @QueryParam("offset") String offset, @QueryParam("limit") String limit,
                              @Context SecurityContext sc) {
        String group = Scope.classOf(services, sc);
        String p = Params.text(person);
        if (group != null && p != null) {
            Scope.checkPerson(services, sc, p);
        }
        return passages().passages(new PassageQuery(p, Params.text(device), Params.instant("from", from),
                Params.instant("to", to), Params.offset(offset), Params.limit(limit), group));
    }

    @GET
    @Path("{id}")
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Passage get(@PathParam("id") String id, @Context SecurityContext sc) {
        long pid = Params.id("passage", id);
        Passage p = passages().passage(pid)
                .orElseThrow(() -> ApiException.notFound("unknown-passage", "no passage " + id));
        Scope.checkPerson(services, sc, p.personId());
        return p;
    }

    @GET
    @Path("{id}/snapshot")
    @Produces({"image/jpeg", "image/png", MediaType.APPLICATION_JSON})
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Response snapshot(@PathParam("id") String id, @Context SecurityContext sc) {
        long pid = Params.id("passage", id);
        if (Scope.classOnly(sc)) {
            get(id, sc);
        }
        return image(passages(), pid, Params.user(sc));
    }

    /** The snapshot of a passage as an image answer; the read is audited by the passage service. */
    public static Response image(PassageService ps, long pid, String reader) {
        byte[] data = ps.snapshot(pid, reader);
        String name = ps.passage(pid).map(Passage::snapshot).orElse("");
        return Response.ok(data, name.endsWith(".png") ? "image/png" : "image/jpeg")
                .header("Cache-Control", "no-store").build();
    }

    private PassageService passages() {
        return services.get(PassageService.class);
    }
}
