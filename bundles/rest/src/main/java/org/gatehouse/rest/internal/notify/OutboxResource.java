package org.gatehouse.rest.internal.notify;


import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.gatehouse.api.Page;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.api.service.OutboxService.OutboxMessage;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;

/** /outbox: queued and sent notifications. */
@Path("/outbox")
@Produces(MediaType.APPLICATION_JSON)
public class OutboxResource {
    private final Services services;

    public OutboxResource(Services services) {
        this.services = services;
    }

    @GET
    @Roles({Roles.INTEGRATOR, Roles.SECURITY})
    public Page<OutboxMessage> query(@QueryParam("status") String status, @QueryParam("offset") String offset,
                                     @QueryParam("limit") String limit) {
        OutboxMessage.Status s = Params.constant("status", status, OutboxMessage.Status.class);
        return outbox().query(s, Params.offset(offset), Params.limit(limit));
    }

    @GET
    @Path("/{id}")
    @Roles({Roles.INTEGRATOR, Roles.SECURITY})
    public OutboxMessage get(@PathParam("id") String id) {
        return outbox().get(id).orElseThrow(() -> ApiException.notFound("message-not-found",
                "outbox message '" + id + "' does not exist"));
    }

    private OutboxService outbox() {
        return services.get(OutboxService.class);
    }
}
