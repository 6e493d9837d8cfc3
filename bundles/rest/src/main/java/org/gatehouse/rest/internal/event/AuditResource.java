package org.gatehouse.rest.internal.event;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.gatehouse.api.AuditEntry;
import org.gatehouse.api.Page;
import org.gatehouse.api.service.AuditService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;

/** /audit: the audit trail, newest first. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final Services services;

    public AuditResource(Services services) {
        this.services = services;
    }

    @GET
    @Roles({Roles.INTEGRATOR, Roles.SECURITY})
    public Page<AuditEntry> query(@QueryParam("subjectType") String subjectType,
                                  @QueryParam("subjectId") String subjectId, @QueryParam("from") String from,
                                  @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return audit().query(Params.text(subjectType), Params.text(subjectId), Params.instant("from", from),
                Params.offset(offset), Params.limit(limit));
    }

    private AuditService audit() {
        return services.get(AuditService.class);
    }
}
