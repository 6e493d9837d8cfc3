package org.gatehouse.rest.internal.access;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.access.LeavePass;
import org.gatehouse.api.access.LeavePassService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.account.Scope;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;

/**
 * /leave-passes: early-leave passes (请假). Admin and security see every pass, a class-only teacher the passes of its
 * homeroom class; admin and teachers ask for, approve, reject and cancel passes (a teacher for its own class only).
 * Guardians ask through /me/children/{id}/leave-passes.
 */
@Path("/leave-passes")
@Produces(MediaType.APPLICATION_JSON)
public class LeavePassResource {
    private final Services services;
    private final Bodies bodies;

    public LeavePassResource(Services services, Bodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    /** Body of POST /leave-passes and POST /me/children/{id}/leave-passes (studentId only on the former). */
    public record Request(String studentId, String from, String to, String reason) {
    }

    /** One pass of a list, with the student's name and class. */
    public record Item(long id, String studentId, Instant from, Instant to, String reason, String state,
                       String requestedBy, String decidedBy, Instant created, String studentName, String group) {
    }

    @GET
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Page<Item> list(@QueryParam("student") String student, @QueryParam("group") String group,
                           @QueryParam("state") String state, @QueryParam("day") String day,
                           @QueryParam("offset") String offset, @QueryParam("limit") String limit,
                           @Context SecurityContext sc) {
        String g = Scope.group(services, sc, Params.text(group));
        Page<LeavePass> page = passes().passes(Params.text(student), g, Params.text(state), Params.text(day),
                Params.offset(offset), Params.limit(limit));
        return new Page<>(items(services, page.items()), page.total(), page.offset(), page.limit());
    }

    @POST
    @Roles({Roles.TEACHER})
    public Response request(InputStream body, @Context SecurityContext sc) {
        Request r = bodies.read(body, Request.class);
        String student = Params.text(r.studentId());
        if (student == null) {
            throw ApiException.badRequest("missing-studentId", "studentId is required");
        }
        Scope.checkPerson(services, sc, student);
        return Response.status(201).entity(ask(passes(), student, r, Params.user(sc))).build();
    }

    /** Asks for a pass from a request body (shared with the guardians' call). */
    public static LeavePass ask(LeavePassService passes, String studentId, Request r, String actor) {
        return passes.request(studentId, Params.instant("from", r.from()), Params.instant("to", r.to()), r.reason(),
                actor);
    }

    @POST
    @Path("{id}/approve")
    @Roles({Roles.TEACHER})
    public LeavePass approve(@PathParam("id") String id, @Context SecurityContext sc) {
        return passes().decide(checked(id, sc), true, Params.user(sc));
    }

    @POST
    @Path("{id}/reject")
    @Roles({Roles.TEACHER})
    public LeavePass reject(@PathParam("id") String id, @Context SecurityContext sc) {
        return passes().decide(checked(id, sc), false, Params.user(sc));
    }

    @POST
    @Path("{id}/cancel")
    @Roles({Roles.TEACHER})
    public LeavePass cancel(@PathParam("id") String id, @Context SecurityContext sc) {
        return passes().cancel(checked(id, sc), Params.user(sc));
    }

    /** @return the id of an existing pass the caller may decide (a class-only teacher: of its class) */
    private long checked(String id, SecurityContext sc) {
        long pid = Params.id("pass", id);
        LeavePass p = passes().pass(pid)
                .orElseThrow(() -> ApiException.notFound("unknown-pass", "leave pass " + id + " does not exist"));
        Scope.checkPerson(services, sc, p.studentId());
        return pid;
    }

    /** The passes with their students' names and classes (one look-up per student, without an audit line). */
    static List<Item> items(Services services, List<LeavePass> passes) {
        PersonService persons = services.get(PersonService.class);
        java.util.Map<String, Person> seen = new java.util.HashMap<>();
        List<Item> out = new ArrayList<>();
        for (LeavePass p : passes) {
            Person s = seen.computeIfAbsent(p.studentId(), k -> persons.person(k, null).orElse(null));
            out.add(new Item(p.id(), p.studentId(), p.from(), p.to(), p.reason(), p.state(), p.requestedBy(),
                    p.decidedBy(), p.created(), s == null ? null : s.name(), s == null ? null : s.group()));
        }
        return out;
    }

    private LeavePassService passes() {
        return services.get(LeavePassService.class);
    }
}
