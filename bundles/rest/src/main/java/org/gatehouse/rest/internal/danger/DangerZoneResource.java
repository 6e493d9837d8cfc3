package org.gatehouse.rest.internal.danger;

import java.io.InputStream;
import java.util.ArrayList;
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

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Severity;
import org.gatehouse.api.danger.DangerKind;
import org.gatehouse.api.danger.DangerZoneRule;
import org.gatehouse.api.danger.DangerZoneService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Records;
import org.gatehouse.rest.internal.common.Roles;

/**
 * /danger-zones: who may be in a danger zone (pond, lab, chemical store) when (危险区域规则). Security and teachers
 * read them, security (and admin) changes them. The warnings they raise are alarms of type {@code danger.warning}
 * ({@code GET /alarms?type=danger.warning}).
 */
@Path("/danger-zones")
@Produces(MediaType.APPLICATION_JSON)
public class DangerZoneResource {
    private final Services services;
    private final Bodies bodies;

    public DangerZoneResource(Services services, Bodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    /** A window as the API shows and takes it: days, from and to as HH:mm. */
    public record Window(String days, String from, String to) {
    }

    /**
     * Body of PUT /danger-zones/{zoneId}: the zoneId may be left out; allowed empty or left out for never;
     * severity (default MAJOR), foldMinutes (default 10) and enabled (default true) may be left out.
     */
    public record RuleBody(String zoneId, String kind, List<Window> allowed, List<String> allowedPersons,
                           List<String> cameraIds, String severity, Integer foldMinutes, Boolean enabled) {
    }

    /** A rule as the API shows it: the windows as HH:mm. */
    public record Rule(String zoneId, DangerKind kind, List<Window> allowed, List<String> allowedPersons,
                       List<String> cameraIds, Severity severity, int foldMinutes, boolean enabled) {
        static Rule of(DangerZoneRule r) {
            return new Rule(r.zoneId(), r.kind(), r.allowed().stream().map(w -> new Window(w.days(),
                    Params.HH_MM.format(w.from()), Params.HH_MM.format(w.to()))).toList(), r.allowedPersons(),
                    r.cameraIds(), r.severity(), r.foldMinutes(), r.enabled());
        }
    }

    @GET
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public List<Rule> list() {
        return dangerZones().rules().stream().map(Rule::of).toList();
    }

    @GET
    @Path("{zoneId}")
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Rule get(@PathParam("zoneId") String zoneId) {
        return dangerZones().rule(zoneId).map(Rule::of).orElseThrow(() -> noRule(zoneId));
    }

    @PUT
    @Path("{zoneId}")
    @Roles(Roles.SECURITY)
    public Rule save(@PathParam("zoneId") String zoneId, InputStream body, @Context SecurityContext sc) {
        RuleBody b = bodies.read(body, RuleBody.class);
        Records.checkId(zoneId, b.zoneId());
        DangerKind kind = Params.constant("kind", b.kind(), DangerKind.class);
        if (kind == null) {
            throw ApiException.badRequest("bad-kind", "kind is required: one of WATER, LAB, CHEMICAL_STORE,"
                    + " CONSTRUCTION");
        }
        List<DangerZoneRule.Window> allowed = new ArrayList<>();
        if (b.allowed() != null) {
            for (Window w : b.allowed()) {
                if (w == null) {
                    throw ApiException.badRequest("bad-window", "an allowed window is empty");
                }
                allowed.add(new DangerZoneRule.Window(w.days(), Params.windowTime("from", w.from()),
                        Params.windowTime("to", w.to())));
            }
        }
        if (b.foldMinutes() != null && b.foldMinutes() == 0) {
            throw ApiException.badRequest("bad-fold", "foldMinutes must be between 1 and 1440, not 0");
        }
        DangerZoneRule r = new DangerZoneRule(zoneId, kind, allowed, b.allowedPersons(), b.cameraIds(),
                Params.constant("severity", b.severity(), Severity.class),
                b.foldMinutes() == null ? 0 : b.foldMinutes(), b.enabled() == null || b.enabled());
        return Rule.of(dangerZones().save(r, Params.user(sc)));
    }

    @DELETE
    @Path("{zoneId}")
    @Roles(Roles.SECURITY)
    public Response delete(@PathParam("zoneId") String zoneId, @Context SecurityContext sc) {
        dangerZones().delete(zoneId, Params.user(sc));
        return Response.noContent().build();
    }

    /** 404 {@code unknown-zone} for a zone that does not exist, else {@code no-rule}. */
    private GatehouseException noRule(String zoneId) {
        SiteService sites = services.available(SiteService.class) ? services.get(SiteService.class) : null;
        if (sites != null && sites.zone(zoneId).isEmpty()) {
            return GatehouseException.notFound("unknown-zone", "zone '" + clip(zoneId) + "' does not exist");
        }
        return GatehouseException.notFound("no-rule", "zone '" + clip(zoneId) + "' has no danger-zone rule");
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }

    private DangerZoneService dangerZones() {
        return services.get(DangerZoneService.class);
    }
}
