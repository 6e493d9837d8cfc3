package org.gatehouse.rest.internal.access;

import java.io.InputStream;
import java.time.Instant;

import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.gatehouse.api.access.RosterService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;

/**
 * /persons/{id}/validity: a person's access validity at the gates and on the face terminals (outside it they are
 * denied and removed from every terminal). Either end may be null (open). Read by admin and security, set by admin.
 */
@Path("/persons/{personId}/validity")
@Produces(MediaType.APPLICATION_JSON)
public class ValidityResource {
    private final Services services;
    private final Bodies bodies;

    public ValidityResource(Services services, Bodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    /** A validity; both null when none is set. */
    public record Validity(Instant from, Instant to) {
    }

    @GET
    @Roles({Roles.SECURITY})
    public Validity get(@PathParam("personId") String personId) {
        if (services.get(PersonService.class).person(personId, null).isEmpty()) {
            throw ApiException.notFound("unknown-person", "person '" + personId + "' does not exist");
        }
        return services.get(RosterService.class).validity(personId).map(v -> new Validity(v[0], v[1]))
                .orElse(new Validity(null, null));
    }

    @PUT
    @Roles({Roles.ADMIN})
    public Validity put(@PathParam("personId") String personId, InputStream body, @Context SecurityContext sc) {
        Validity v = bodies.read(body, Validity.class);
        services.get(RosterService.class).setValidity(personId, v.from(), v.to(), Params.user(sc));
        return v;
    }
}
