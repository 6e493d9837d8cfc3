package org.gatehouse.rest.internal.system;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.gatehouse.api.service.HealthService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.Public;

/** GET /health: 200 when UP or DEGRADED, 503 when DOWN. */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    private final Services services;

    public HealthResource(Services services) {
        this.services = services;
    }

    @GET
    @Public
    public Response health() {
        HealthService.Health h = services.get(HealthService.class).health();
        int status = h.status() == HealthService.Status.DOWN ? 503 : 200;
        return Response.status(status).entity(h).build();
    }
}
