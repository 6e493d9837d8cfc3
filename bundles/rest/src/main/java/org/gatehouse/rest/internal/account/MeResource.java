package org.gatehouse.rest.internal.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
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

import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.access.PassageQuery;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.service.NoticeService;
import org.gatehouse.api.service.NoticeService.Notice;
import org.gatehouse.api.service.NoticeService.Recipient;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.api.service.OutboxService.OutboxMessage;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.access.AttendanceResource;
import org.gatehouse.rest.internal.access.LeavePassResource;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.api.access.LeavePass;
import org.gatehouse.api.access.LeavePassService;
import java.io.InputStream;
import org.gatehouse.rest.internal.access.PassageResource;
import org.gatehouse.rest.internal.auth.Identity;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;

/**
 * /me: who the caller is, and the parents' view: a guardian user (linked to its GUARDIAN person) reads its own
 * children's passages, snapshots (each read audited) and attendance, and the notices it received. Any other child
 * answers 403 {@code not-your-child}.
 */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    private final Services services;
    private final AttendanceResource attendance;

    private final Bodies bodies;

    public MeResource(Services services, Bodies bodies) {
        this.services = services;
        this.bodies = bodies;
        this.attendance = new AttendanceResource(services);
    }

    /**
     * Body of GET /me.
     *
     * @param user     user name
     * @param roles    roles of the sign-in
     * @param person   the linked person, or null
     * @param homeroom the class of a teacher's linked staff person, or null
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Me(String user, List<String> roles, Person person, String homeroom) {
    }

    /** One child of GET /me/children: the person and the binding's fields. */
    public record Child(Person person, String relation, String preferredChannel, boolean consent, String guardianId,
                        String studentId) {
    }

    /**
     * One notice as its recipient received it.
     *
     * @param id         the notice id
     * @param occurrence the occurrence ({@code 1} for a one-off notice, the local date of a weekly one)
     * @param title      the subject the person was sent (or the notice's title in the person's language)
     * @param body       the notice's text in the person's language, or null for a template notice
     * @param language   the language it was sent in
     * @param channel    the channel it was sent on
     * @param sentAt     when it was sent (queued when not sent yet)
     * @param readAt     when the person marked it read, or null
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MyNotice(String id, String occurrence, String title, String body, String language, String channel,
                           Instant sentAt, Instant readAt) {
    }

    @GET
    @Roles(Roles.ANY)
    public Me me(@Context SecurityContext sc) {
        String user = Params.user(sc);
        List<String> roles = sc.getUserPrincipal() instanceof Identity id ? id.roles().stream().sorted().toList()
                : List.of();
        Optional<Person> person = services.available(PersonService.class) ? Scope.linked(services, user)
                : Optional.empty();
        String homeroom = sc.isUserInRole(Roles.TEACHER) ? Scope.homeroom(person) : null;
        return new Me(user, roles, person.orElse(null), homeroom);
    }

    @GET
    @Path("/children")
    @Roles(Roles.GUARDIAN)
    public List<Child> children(@Context SecurityContext sc) {
        Person g = Scope.guardian(services, sc);
        PersonService persons = services.get(PersonService.class);
        List<Child> out = new ArrayList<>();
        for (GuardianBinding b : persons.children(g.id())) {
            out.add(new Child(persons.person(b.studentId(), null).orElse(null), b.relation(), b.preferredChannel(),
                    b.consent(), b.guardianId(), b.studentId()));
        }
        return out;
    }

    @GET
    @Path("/children/{id}/passages")
    @Roles(Roles.GUARDIAN)
    public Page<Passage> passages(@PathParam("id") String id, @QueryParam("from") String from,
                                  @QueryParam("to") String to, @QueryParam("offset") String offset,
                                  @QueryParam("limit") String limit, @Context SecurityContext sc) {
        Scope.child(services, sc, id);
        return services.get(PassageService.class).passages(new PassageQuery(id, null, Params.instant("from", from),
                Params.instant("to", to), Params.offset(offset), Params.limit(limit)));
    }

    @GET
    @Path("/children/{id}/passages/{passageId}/snapshot")
    @Produces({"image/jpeg", "image/png", MediaType.APPLICATION_JSON})
    @Roles(Roles.GUARDIAN)
    public Response snapshot(@PathParam("id") String id, @PathParam("passageId") String passageId,
                             @Context SecurityContext sc) {
        Scope.child(services, sc, id);
        long pid = Params.id("passage", passageId);
        Passage p = services.get(PassageService.class).passage(pid)
                .orElseThrow(() -> ApiException.notFound("unknown-passage", "no passage " + passageId));
        if (!id.equals(p.personId())) {
            throw new ApiException(403, "not-your-child", "passage " + passageId + " is not of person '" + id + "'");
        }
        return PassageResource.image(services.get(PassageService.class), pid, Params.user(sc));
    }

    @GET
    @Path("/children/{id}/attendance")
    @Roles(Roles.GUARDIAN)
    public List<AttendanceResource.Row> attendance(@PathParam("id") String id, @QueryParam("date") String date,
                                                   @Context SecurityContext sc) {
        Scope.child(services, sc, id);
        String group = services.get(PersonService.class).person(id, null).map(Person::group).orElse(null);
        return attendance.rows(date, group).stream().filter(r -> id.equals(r.personId())).toList();
    }

    @GET
    @Path("/notices")
    @Roles(Roles.GUARDIAN)
    public Page<MyNotice> notices(@QueryParam("offset") String offset, @QueryParam("limit") String limit,
                                  @Context SecurityContext sc) {
        Person g = Scope.guardian(services, sc);
        NoticeService notices = services.get(NoticeService.class);
        Page<Recipient> page = notices.received(g.id(), Params.offset(offset), Params.limit(limit));
        OutboxService outbox = services.available(OutboxService.class) ? services.get(OutboxService.class) : null;
        List<MyNotice> out = new ArrayList<>();
        for (Recipient r : page.items()) {
            Notice n = notices.get(r.noticeId()).map(NoticeService.NoticeStats::notice).orElse(null);
            OutboxMessage m = outbox == null || r.messageId() == null ? null : outbox.get(r.messageId()).orElse(null);
            NoticeService.Text text = n == null ? null : n.texts().stream()
                    .filter(t -> t.language().equals(r.language())).findFirst()
                    .orElse(n.texts().isEmpty() ? null : n.texts().get(0));
            String title = m != null && m.subject() != null ? m.subject() : text == null ? null : text.title();
            Instant sent = m == null ? null : m.sentAt() != null ? m.sentAt() : m.created();
            out.add(new MyNotice(r.noticeId(), r.occurrence(), title, text == null ? null : text.body(),
                    r.language(), r.channel(), sent, r.readAt()));
        }
        return new Page<>(out, page.total(), page.offset(), page.limit());
    }

    @POST
    @Path("/notices/{id}/read")
    @Roles(Roles.GUARDIAN)
    public Response read(@PathParam("id") String id, @QueryParam("occurrence") String occurrence,
                         @Context SecurityContext sc) {
        Person g = Scope.guardian(services, sc);
        services.get(NoticeService.class).markRead(id, g.id(), Params.text(occurrence));
        return Response.noContent().build();
    }

    @GET
    @Path("/children/{id}/leave-passes")
    @Roles(Roles.GUARDIAN)
    public List<LeavePass> leavePasses(@PathParam("id") String id, @Context SecurityContext sc) {
        Scope.child(services, sc, id);
        return services.get(LeavePassService.class).passes(id, null, null, null, 0, 1000).items();
    }

    @POST
    @Path("/children/{id}/leave-passes")
    @Roles(Roles.GUARDIAN)
    public Response askLeave(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        Scope.child(services, sc, id);
        LeavePassResource.Request r = bodies.read(body, LeavePassResource.Request.class);
        if (r.studentId() != null && !r.studentId().equals(id)) {
            throw ApiException.badRequest("student-mismatch", "studentId " + r.studentId() + " is not " + id);
        }
        LeavePass p = LeavePassResource.ask(services.get(LeavePassService.class), id, r, Params.user(sc));
        return Response.status(201).entity(p).build();
    }
}
