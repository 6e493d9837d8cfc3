package org.gatehouse.rest.internal.system;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.gatehouse.api.service.HealthService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.Roles;

/** /plugins: drivers, engines and channels present. */
@Path("/plugins")
@Produces(MediaType.APPLICATION_JSON)
public class PluginResource {
    private final Services services;

    public PluginResource(Services services) {
        this.services = services;
    }

    @GET
    @Roles({Roles.INTEGRATOR, Roles.SECURITY})
    public List<HealthService.PluginInfo> plugins() {
        return health().plugins();
    }

    private HealthService health() {
        return services.get(HealthService.class);
    }
}
