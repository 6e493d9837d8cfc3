package org.gatehouse.rest.internal.perimeter;

import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.gatehouse.api.perimeter.ArmingSchedule;
import org.gatehouse.api.perimeter.ArmingService;
import org.gatehouse.api.perimeter.ZoneArming;
import org.gatehouse.api.perimeter.ZoneBypass;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;

/**
 * /perimeter/zones: the arming of the perimeter zones (周界布防): read by security, teachers and integrators; armed,
 * disarmed, bypassed and scheduled by security (and admin). Every change is audited and published as a
 * {@code zone.*} event by the core.
 */
@Path("/perimeter/zones")
@Produces(MediaType.APPLICATION_JSON)
public class PerimeterResource {
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private final Services services;
    private final Bodies bodies;

    public PerimeterResource(Services services, Bodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    /** Body of arm, disarm and bypass: until an ISO-8601 instant, reason free text. */
    public record ChangeBody(String until, String reason) {
    }

    /** Body of PUT .../schedule: windows of days ({@code all|school|holiday|MON,..}) and HH:mm ends. */
    public record ScheduleBody(List<WindowBody> windows) {
    }

    /** One armed window as the client sends it and as the API shows it. */
    public record WindowBody(String days, String from, String to) {
    }

    /** A {@link ZoneArming} as the API shows it: windows as HH:mm, plus {@code alarming}. */
    public record Arming(String zoneId, String name, boolean armed, String source, String by, Instant since,
                         Instant manualUntil, Instant nextChange, ScheduleBody schedule, ZoneBypass bypass,
                         boolean alarming) {
        static Arming of(ZoneArming a) {
            return new Arming(a.zoneId(), a.name(), a.armed(), a.source(), a.by(), a.since(), a.manualUntil(),
                    a.nextChange(), new ScheduleBody(a.schedule().windows().stream().map(w -> new WindowBody(w.days(),
                    HM.format(w.from()), HM.format(w.to()))).toList()), a.bypass(), a.alarming());
        }
    }

    @GET
    @Roles({Roles.SECURITY, Roles.TEACHER, Roles.INTEGRATOR})
    public List<Arming> list() {
        return arming().zones().stream().map(Arming::of).toList();
    }

    @GET
    @Path("{zoneId}")
    @Roles({Roles.SECURITY, Roles.TEACHER, Roles.INTEGRATOR})
    public Arming get(@PathParam("zoneId") String zoneId) {
        return Arming.of(arming().zone(zoneId));
    }

    @POST
    @Path("{zoneId}/arm")
    @Roles(Roles.SECURITY)
    public Arming arm(@PathParam("zoneId") String zoneId, InputStream body, @Context SecurityContext sc) {
        return byHand(zoneId, true, body, sc);
    }

    @POST
    @Path("{zoneId}/disarm")
    @Roles(Roles.SECURITY)
    public Arming disarm(@PathParam("zoneId") String zoneId, InputStream body, @Context SecurityContext sc) {
        return byHand(zoneId, false, body, sc);
    }

    private Arming byHand(String zoneId, boolean armed, InputStream body, SecurityContext sc) {
        ChangeBody b = change(body);
        return Arming.of(arming().arm(zoneId, armed, until(b.until()), b.reason(), Params.user(sc)));
    }

    @POST
    @Path("{zoneId}/bypass")
    @Roles(Roles.SECURITY)
    public Arming bypass(@PathParam("zoneId") String zoneId, InputStream body, @Context SecurityContext sc) {
        ChangeBody b = change(body);
        return Arming.of(arming().bypass(zoneId, b.reason(), until(b.until()), Params.user(sc)));
    }

    @DELETE
    @Path("{zoneId}/bypass")
    @Roles(Roles.SECURITY)
    public Arming endBypass(@PathParam("zoneId") String zoneId, @Context SecurityContext sc) {
        return Arming.of(arming().endBypass(zoneId, Params.user(sc)));
    }

    @PUT
    @Path("{zoneId}/schedule")
    @Roles(Roles.SECURITY)
    public Arming schedule(@PathParam("zoneId") String zoneId, InputStream body, @Context SecurityContext sc) {
        ScheduleBody b = bodies.read(body, ScheduleBody.class);
        if (b == null || b.windows() == null) {
            throw ApiException.badRequest("bad-schedule", "the body is {\"windows\": [{\"days\", \"from\", \"to\"}]};"
                    + " an empty list for none");
        }
        List<ArmingSchedule.Window> windows = new ArrayList<>();
        for (WindowBody w : b.windows()) {
            if (w == null) {
                throw ApiException.badRequest("bad-window", "a window is {\"days\", \"from\", \"to\"}, not null");
            }
            windows.add(new ArmingSchedule.Window(w.days(), Params.windowTime("from", w.from()),
                    Params.windowTime("to", w.to())));
        }
        return Arming.of(arming().schedule(zoneId, new ArmingSchedule(windows), Params.user(sc)));
    }

    private ChangeBody change(InputStream body) {
        ChangeBody b = bodies.readOptional(body, ChangeBody.class);
        return b == null ? new ChangeBody(null, null) : b;
    }

    /** @return the instant, null when absent; 400 {@code bad-until} when it is not an ISO-8601 instant */
    static Instant until(String value) {
        try {
            return Params.instant("until", value);
        } catch (ApiException e) {
            throw ApiException.badRequest("bad-until", "until must be an ISO-8601 instant like 2026-03-02T22:00:00Z,"
                    + " not '" + clip(value.trim()) + "'");
        }
    }

    private static String clip(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }

    private ArmingService arming() {
        return services.get(ArmingService.class);
    }
}
