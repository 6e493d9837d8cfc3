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
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.gatehouse.api.Site;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Records;
import org.gatehouse.rest.internal.common.Roles;

/** /sites: the campuses. */
@Path("/sites")
@Produces(MediaType.APPLICATION_JSON)
public class SiteResource {
    private final Services services;
    private final Bodies bodies;

    public SiteResource(Services services, Bodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    @GET
    @Roles({Roles.INTEGRATOR, Roles.SECURITY, Roles.TEACHER})
    public List<Site> list() {
        return sites().sites();
    }

    @GET
    @Path("/{id}")
    @Roles({Roles.INTEGRATOR, Roles.SECURITY, Roles.TEACHER})
    public Site get(@PathParam("id") String id) {
        return sites().site(id).orElseThrow(() -> missing(id));
    }

    @POST
    @Roles(Roles.INTEGRATOR)
    public Response create(InputStream body, @Context SecurityContext sc, @Context UriInfo uri) {
        Site site = bodies.read(body, Site.class);
        return Records.create("site", site.id(), this::exists, () -> sites().saveSite(site, Params.user(sc)), uri);
    }

    @PUT
    @Path("/{id}")
    @Roles(Roles.INTEGRATOR)
    public Response replace(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        Site site = bodies.read(body, Site.class);
        return Records.replace(id, site.id(), this::exists, () -> sites().saveSite(new Site(id, site.name(),
                site.timezone(), site.address()), Params.user(sc)));
    }

    @DELETE
    @Path("/{id}")
    @Roles(Roles.INTEGRATOR)
    public Response delete(@PathParam("id") String id, @Context SecurityContext sc) {
        return Records.delete(id, this::exists, SiteResource::missing, () -> sites().deleteSite(id, Params.user(sc)));
    }

    private boolean exists(String id) {
        return sites().site(id).isPresent();
    }

    private static ApiException missing(String id) {
        return ApiException.notFound("site-not-found", "site '" + id + "' does not exist");
    }

    private SiteService sites() {
        return services.get(SiteService.class);
    }
}
