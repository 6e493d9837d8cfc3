package org.gatehouse.rest.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.gatehouse.api.AuditEntry;
import org.gatehouse.api.Page;
import org.gatehouse.api.service.AuditService;

/** /audit: the audit trail, newest first. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @Roles({Roles.INTEGRATOR, Roles.SECURITY})
    public Page<AuditEntry> query(@QueryParam("subjectType") String subjectType,
                                  @QueryParam("subjectId") String subjectId, @QueryParam("from") String from,
                                  @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return audit.query(Params.text(subjectType), Params.text(subjectId), Params.instant("from", from),
                Params.offset(offset), Params.limit(limit));
    }
}
