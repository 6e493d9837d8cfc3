package org.gatehouse.rest.internal.stranger;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.gatehouse.api.Page;
import org.gatehouse.api.stranger.StrangerAlert;
import org.gatehouse.api.stranger.StrangerService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;

/**
 * /stranger-alerts: the clusters of unknown faces the stranger rules raised (陌生人告警), newest first, each with its
 * count, best snapshot (GET /passages/{bestPassage}/snapshot) and alarm.
 */
@Path("/stranger-alerts")
@Produces(MediaType.APPLICATION_JSON)
public class StrangerAlertResource {
    private final Services services;

    public StrangerAlertResource(Services services) {
        this.services = services;
    }

    @GET
    @Roles(Roles.SECURITY)
    public Page<StrangerAlert> list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return services.get(StrangerService.class).alerts(Params.offset(offset), Params.limit(limit));
    }
}
