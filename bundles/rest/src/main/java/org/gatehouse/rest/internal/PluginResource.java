package org.gatehouse.rest.internal;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.gatehouse.api.service.HealthService;

/** /plugins: drivers, engines and channels present. */
@Path("/plugins")
@Produces(MediaType.APPLICATION_JSON)
public class PluginResource {
    private final HealthService health;

    public PluginResource(HealthService health) {
        this.health = health;
    }

    @GET
    @Roles({Roles.INTEGRATOR, Roles.SECURITY})
    public List<HealthService.PluginInfo> plugins() {
        return health.plugins();
    }
}
