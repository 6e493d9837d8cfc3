package org.gatehouse.rest.internal.system;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
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

import org.gatehouse.api.service.HealthService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;

/**
 * /plugins: drivers, engines and channels present; and, for integrators, the Gatehouse features (install,
 * uninstall), the factory PIDs' forms from their metatype, and their instances (create, edit, delete).
 */
@Path("/plugins")
@Produces(MediaType.APPLICATION_JSON)
public class PluginResource {
    private final Services services;
    private final PluginAdmin admin;
    private final Bodies bodies;

    public PluginResource(Services services, PluginAdmin admin, Bodies bodies) {
        this.services = services;
        this.admin = admin;
        this.bodies = bodies;
    }

    /** Body of POST /plugins/instances. */
    public record NewInstance(String factoryPid, String alias, Map<String, Object> properties) {
    }

    /** Body of PUT /plugins/instances/{pid}. */
    public record InstanceProperties(Map<String, Object> properties) {
    }

    @GET
    @Roles({Roles.INTEGRATOR, Roles.SECURITY})
    public List<HealthService.PluginInfo> plugins() {
        return health().plugins();
    }

    @GET
    @Path("features")
    @Roles(Roles.INTEGRATOR)
    public List<PluginAdmin.FeatureView> features() {
        return admin.features();
    }

    @POST
    @Path("features/{name}")
    @Roles(Roles.INTEGRATOR)
    public Response install(@PathParam("name") String name, @Context SecurityContext sc) {
        return feature(admin.install(name, Params.user(sc)));
    }

    @DELETE
    @Path("features/{name}")
    @Roles(Roles.INTEGRATOR)
    public Response uninstall(@PathParam("name") String name, @Context SecurityContext sc) {
        return feature(admin.uninstall(name, Params.user(sc)));
    }

    @GET
    @Path("factories")
    @Roles(Roles.INTEGRATOR)
    public List<PluginAdmin.FactoryView> factories() {
        return admin.factories();
    }

    @GET
    @Path("instances")
    @Roles(Roles.INTEGRATOR)
    public List<PluginAdmin.InstanceView> instances() {
        return admin.instances();
    }

    @POST
    @Path("instances")
    @Consumes(MediaType.APPLICATION_JSON)
    @Roles(Roles.INTEGRATOR)
    public Response create(InputStream body, @Context SecurityContext sc, @Context UriInfo uri) {
        NewInstance in = bodies.read(body, NewInstance.class);
        return checked(() -> {
            PluginAdmin.InstanceView created = admin.create(in.factoryPid(), in.alias(), in.properties(),
                    Params.user(sc));
            return Response.created(uri.getAbsolutePathBuilder().path(created.pid()).build()).entity(created)
                    .build();
        });
    }

    @PUT
    @Path("instances/{pid}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Roles(Roles.INTEGRATOR)
    public Response update(@PathParam("pid") String pid, InputStream body, @Context SecurityContext sc) {
        InstanceProperties in = bodies.read(body, InstanceProperties.class);
        return checked(() -> Response.ok(admin.update(pid, in.properties(), Params.user(sc))).build());
    }

    @DELETE
    @Path("instances/{pid}")
    @Roles(Roles.INTEGRATOR)
    public Response delete(@PathParam("pid") String pid, @Context SecurityContext sc) {
        admin.delete(pid, Params.user(sc));
        return Response.noContent().build();
    }

    /** @return the call's answer, or 400 {@code invalid-config} with every field's problem */
    private static Response checked(java.util.function.Supplier<Response> call) {
        try {
            return call.get();
        } catch (PluginAdmin.InvalidConfig e) {
            return Response.status(400).type(MediaType.APPLICATION_JSON).entity(e.body()).build();
        }
    }

    private static Response feature(PluginAdmin.FeatureResult r) {
        return Response.status(r.running() ? 202 : 200).entity(r.feature()).build();
    }

    private HealthService health() {
        return services.get(HealthService.class);
    }
}
