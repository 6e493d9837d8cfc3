package org.gatehouse.rest.internal.opcua;

import java.util.List;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.gatehouse.api.opcua.OpcUaCertificate;
import org.gatehouse.api.opcua.OpcUaServerAdmin;
import org.gatehouse.api.opcua.OpcUaStatus;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;

/**
 * /opcua: the OPC UA server (feature {@code gatehouse-opcua}): its status, and the client certificates it trusts or
 * rejected (trust, reject, remove; audited by the server). Admins and integrators; 503 {@code opcua-not-installed}
 * when the feature is not running.
 */
@Path("/opcua")
@Produces(MediaType.APPLICATION_JSON)
public class OpcUaResource {
    private final Services services;

    public OpcUaResource(Services services) {
        this.services = services;
    }

    @GET
    @Path("status")
    @Roles(Roles.INTEGRATOR)
    public OpcUaStatus status() {
        return admin().status();
    }

    @GET
    @Path("certificates")
    @Roles(Roles.INTEGRATOR)
    public List<OpcUaCertificate> certificates() {
        return admin().certificates();
    }

    @POST
    @Path("certificates/{thumbprint}/trust")
    @Roles(Roles.INTEGRATOR)
    public OpcUaCertificate trust(@PathParam("thumbprint") String thumbprint, @Context SecurityContext sc) {
        return admin().trust(thumbprint, Params.user(sc));
    }

    @POST
    @Path("certificates/{thumbprint}/reject")
    @Roles(Roles.INTEGRATOR)
    public OpcUaCertificate reject(@PathParam("thumbprint") String thumbprint, @Context SecurityContext sc) {
        return admin().reject(thumbprint, Params.user(sc));
    }

    @DELETE
    @Path("certificates/{thumbprint}")
    @Roles(Roles.INTEGRATOR)
    public Response remove(@PathParam("thumbprint") String thumbprint, @Context SecurityContext sc) {
        admin().remove(thumbprint, Params.user(sc));
        return Response.noContent().build();
    }

    private OpcUaServerAdmin admin() {
        if (!services.available(OpcUaServerAdmin.class)) {
            throw new ApiException(503, "opcua-not-installed", "the OPC UA server is not running (feature:install "
                    + "gatehouse-opcua)");
        }
        return services.get(OpcUaServerAdmin.class);
    }
}
