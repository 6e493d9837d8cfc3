package org.gatehouse.rest.internal.stranger;

import java.io.InputStream;
import java.util.List;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.gatehouse.api.Severity;
import org.gatehouse.api.stranger.StrangerRule;
import org.gatehouse.api.stranger.StrangerService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Records;
import org.gatehouse.rest.internal.common.Roles;

/**
 * /stranger-rules: when an unknown face in a zone is an alarm (陌生人告警规则). Security (and admin) reads and changes
 * them; the clusters they raise are under {@link StrangerAlertResource}.
 */
@Path("/stranger-rules")
@Produces(MediaType.APPLICATION_JSON)
public class StrangerResource {
    private final Services services;
    private final Bodies bodies;

    public StrangerResource(Services services, Bodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    /**
     * Body of PUT /stranger-rules/{id}: the id may be left out; zoneId null or "*" for every zone; from/to "HH:mm";
     * severity (default MAJOR), foldMinutes (default 30) and enabled (default true) may be left out.
     */
    public record RuleBody(String id, String name, String zoneId, String days, String from, String to,
                           String severity, Integer foldMinutes, Boolean enabled) {
    }

    /** A rule as the API shows it: the window as HH:mm. */
    public record Rule(String id, String name, String zoneId, String days, String from, String to, Severity severity,
                       int foldMinutes, boolean enabled) {
        static Rule of(StrangerRule r) {
            return new Rule(r.id(), r.name(), r.zoneId(), r.days(), Params.HH_MM.format(r.from()),
                    Params.HH_MM.format(r.to()), r.severity(), r.foldMinutes(), r.enabled());
        }
    }

    @GET
    @Roles(Roles.SECURITY)
    public List<Rule> list() {
        return strangers().rules().stream().map(Rule::of).toList();
    }

    @PUT
    @Path("{id}")
    @Roles(Roles.SECURITY)
    public Rule save(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        RuleBody b = bodies.read(body, RuleBody.class);
        Records.checkId(id, b.id());
        StrangerRule r = new StrangerRule(id, b.name(), b.zoneId(), b.days(), Params.windowTime("from", b.from()),
                Params.windowTime("to", b.to()), Params.constant("severity", b.severity(), Severity.class),
                b.foldMinutes() == null ? 0 : b.foldMinutes(), b.enabled() == null || b.enabled());
        if (b.foldMinutes() != null && b.foldMinutes() == 0) {
            throw ApiException.badRequest("bad-fold", "foldMinutes must be between 1 and 1440, not 0");
        }
        return Rule.of(strangers().save(r, Params.user(sc)));
    }

    @DELETE
    @Path("{id}")
    @Roles(Roles.SECURITY)
    public Response delete(@PathParam("id") String id, @Context SecurityContext sc) {
        strangers().delete(id, Params.user(sc));
        return Response.noContent().build();
    }

    private StrangerService strangers() {
        return services.get(StrangerService.class);
    }
}
