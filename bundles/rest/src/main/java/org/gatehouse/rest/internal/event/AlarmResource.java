package org.gatehouse.rest.internal.event;

import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.AlarmStep;
import org.gatehouse.api.Page;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.watchlist.WatchlistHit;
import org.gatehouse.api.watchlist.WatchlistService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.account.Scope;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;

/** /alarms: list, read, trace, acknowledge and resolve alarms; the verdict on a watchlist hit's alarm. */
@Path("/alarms")
@Produces(MediaType.APPLICATION_JSON)
public class AlarmResource {
    private final Services services;
    private final Bodies bodies;

    public AlarmResource(Services services, Bodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    /**
     * Optional body of acknowledge and resolve.
     *
     * @param note text kept with the alarm
     */
    public record NoteBody(String note) {
    }

    @GET
    @Roles({Roles.INTEGRATOR, Roles.SECURITY, Roles.TEACHER})
    public Page<Alarm> query(@QueryParam("state") String state, @QueryParam("site") String site,
                             @QueryParam("zone") String zone, @QueryParam("type") String type,
                             @QueryParam("offset") String offset,
                             @QueryParam("limit") String limit, @Context SecurityContext sc) {
        Page<Alarm> page = alarms().query(new AlarmQuery(states(state), Params.text(site), Params.text(zone),
                Params.text(type), Params.offset(offset), Params.limit(limit)));
        if (Scope.seesWatchlist(sc)) {
            return page;
        }
        // watchlist hits are for admin and security only
        List<Alarm> shown = page.items().stream().filter(a -> !Scope.watchlistType(a.type())).toList();
        return new Page<>(shown, page.total() - (page.items().size() - shown.size()), page.offset(), page.limit());
    }

    @GET
    @Path("/{id}")
    @Roles({Roles.INTEGRATOR, Roles.SECURITY, Roles.TEACHER})
    public Alarm get(@PathParam("id") String id, @Context SecurityContext sc) {
        long n = Params.id("alarm", id);
        Alarm a = alarms().get(n).orElseThrow(() -> ApiException.notFound("alarm-not-found",
                "alarm '" + id + "' does not exist"));
        if (Scope.watchlistType(a.type()) && !Scope.seesWatchlist(sc)) {
            throw Scope.forbidden(sc);
        }
        return a;
    }

    /**
     * The alarm's timeline, oldest first: events, transitions with who and note, messages and delivery attempts. Seen
     * by whoever may read the alarm.
     */
    @GET
    @Path("/{id}/timeline")
    @Roles({Roles.INTEGRATOR, Roles.SECURITY, Roles.TEACHER})
    public List<AlarmStep> timeline(@PathParam("id") String id, @Context SecurityContext sc) {
        long n = Params.id("alarm", id);
        Alarm a = alarms().get(n).orElseThrow(() -> ApiException.notFound("unknown-alarm",
                "alarm '" + id + "' does not exist"));
        if (Scope.watchlistType(a.type()) && !Scope.seesWatchlist(sc)) {
            throw Scope.forbidden(sc);
        }
        return alarms().timeline(n);
    }

    /**
     * Body of POST /alarms/{id}/feedback.
     *
     * @param verdict {@code confirmed} or {@code false}
     * @param note    optional text
     */
    public record FeedbackBody(String verdict, String note) {
    }

    /** The staff's verdict on the watchlist hit behind an alarm. */
    @POST
    @Path("/{id}/feedback")
    @Roles(Roles.SECURITY)
    public WatchlistHit feedback(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        long n = Params.id("alarm", id);
        FeedbackBody b = bodies.read(body, FeedbackBody.class);
        return services.get(WatchlistService.class).feedback(n, b.verdict(), b.note(), Params.user(sc));
    }

    @POST
    @Path("/{id}/ack")
    @Roles(Roles.SECURITY)
    public Alarm acknowledge(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        return change(id, body, sc, AlarmService::acknowledge);
    }

    @POST
    @Path("/{id}/resolve")
    @Roles(Roles.SECURITY)
    public Alarm resolve(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        return change(id, body, sc, AlarmService::resolve);
    }

    /** An acknowledge or a resolve: the alarm's id, who, and the optional note. */
    private interface Change {
        Alarm apply(AlarmService alarms, long id, String actor, String note);
    }

    /** Checks the id, reads the optional note, then applies the change (a bad id is refused before anything else). */
    private Alarm change(String id, InputStream body, SecurityContext sc, Change change) {
        long n = Params.id("alarm", id);
        NoteBody note = bodies.readOptional(body, NoteBody.class);
        return change.apply(alarms(), n, Params.user(sc), note == null ? null : note.note());
    }

    static Set<AlarmState> states(String value) {
        Set<AlarmState> states = EnumSet.noneOf(AlarmState.class);
        if (value == null || value.isBlank()) {
            return states;
        }
        for (String part : value.split(",")) {
            String s = part.trim();
            if (s.isEmpty()) {
                continue;
            }
            states.add(Params.constant("state", s, AlarmState.class));
        }
        return states;
    }

    private AlarmService alarms() {
        return services.get(AlarmService.class);
    }
}
