package org.gatehouse.rest.internal.site;

import java.io.InputStream;
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

import org.gatehouse.api.Zone;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Records;
import org.gatehouse.rest.internal.common.Roles;

/** /zones: areas of a site. */
@Path("/zones")
@Produces(MediaType.APPLICATION_JSON)
public class ZoneResource {
    private final Services services;
    private final Bodies bodies;

    public ZoneResource(Services services, Bodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    @GET
    @Roles({Roles.INTEGRATOR, Roles.SECURITY, Roles.TEACHER})
    public List<Zone> list(@QueryParam("site") String site) {
        return sites().zones(Params.text(site));
    }

    @GET
    @Path("/{id}")
    @Roles({Roles.INTEGRATOR, Roles.SECURITY, Roles.TEACHER})
    public Zone get(@PathParam("id") String id) {
        return sites().zone(id).orElseThrow(() -> missing(id));
    }

    @POST
    @Roles(Roles.INTEGRATOR)
    public Response create(InputStream body, @Context SecurityContext sc, @Context UriInfo uri) {
        Zone zone = bodies.read(body, Zone.class);
        return Records.create("zone", zone.id(), this::exists, () -> sites().saveZone(zone, Params.user(sc)), uri);
    }

    @PUT
    @Path("/{id}")
    @Roles(Roles.INTEGRATOR)
    public Response replace(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        Zone z = bodies.read(body, Zone.class);
        return Records.replace(id, z.id(), this::exists, () -> sites().saveZone(new Zone(id, z.siteId(), z.name(),
                z.kind(), z.armed(), z.responsibleStaff()), Params.user(sc)));
    }

    @DELETE
    @Path("/{id}")
    @Roles(Roles.INTEGRATOR)
    public Response delete(@PathParam("id") String id, @Context SecurityContext sc) {
        return Records.delete(id, this::exists, ZoneResource::missing, () -> sites().deleteZone(id, Params.user(sc)));
    }

    private boolean exists(String id) {
        return sites().zone(id).isPresent();
    }

    private static ApiException missing(String id) {
        return ApiException.notFound("zone-not-found", "zone '" + id + "' does not exist");
    }

    private SiteService sites() {
        return services.get(SiteService.class);
    }
}
