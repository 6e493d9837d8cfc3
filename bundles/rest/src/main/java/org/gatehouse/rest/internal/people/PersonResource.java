package org.gatehouse.rest.internal.people;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.face.Consent;
import org.gatehouse.api.face.FaceTemplate;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.account.Scope;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Json;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Records;
import org.gatehouse.rest.internal.common.Roles;

/**
 * /persons: students, staff, guardians, visitors and the watchlist, and the guardians of each student. Personal data:
 * only admin writes; reading one person's record is written to the audit trail with the reader.
 */
@Path("/persons")
@Produces(MediaType.APPLICATION_JSON)
public class PersonResource {
    private final Services services;
    private final Bodies bodies;
    private final FaceResource faces;
    private final long maxImportBytes;

    public PersonResource(Services services, Bodies bodies, FaceResource faces, long maxImportBytes) {
        this.services = services;
        this.bodies = bodies;
        this.faces = faces;
        this.maxImportBytes = maxImportBytes;
    }

    /**
     * Body of a 400 answer to POST /persons/import when rows are invalid: the usual error fields plus every row problem.
     *
     * @param error    {@code invalid-rows}
     * @param message  text for people
     * @param status   400
     * @param rows     data rows read
     * @param problems every problem, in row order
     */
    public record ImportRejected(String error, String message, int status, int rows,
                                 List<PersonService.RowProblem> problems) {
    }

    /** Body of PUT /persons/{id}/guardians/{guardianId}. */
    public record BindingBody(String relation, String preferredChannel, boolean consent) {
    }

    @GET
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Page<Person> list(@QueryParam("role") String role, @QueryParam("group") String group,
                             @QueryParam("offset") String offset, @QueryParam("limit") String limit,
                             @Context SecurityContext sc) {
        PersonRole r = role(role);
        Scope.checkRole(sc, r);
        Page<Person> page = persons().persons(r, Scope.group(services, sc, Params.text(group)), Params.offset(offset),
                Params.limit(limit));
        if (r == null && !Scope.seesWatchlist(sc)) {
            // the watchlist stays hidden from everyone but admin and security (a teacher, an integrator)
            List<Person> shown = page.items().stream().filter(p -> p.role() != PersonRole.WATCHLIST).toList();
            return new Page<>(shown, page.total() - (page.items().size() - shown.size()), page.offset(), page.limit());
        }
        return page;
    }

    @POST
    @Path("/import")
    @Roles(Roles.ADMIN)
    public Response importCsv(@QueryParam("dryRun") String dryRun, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                              InputStream body, @Context SecurityContext sc) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (!(t.isEmpty() || t.startsWith("text/csv") || t.startsWith("text/plain")
                || t.startsWith("application/vnd.ms-excel") || t.startsWith("application/octet-stream"))) {
            throw new ApiException(415, "unsupported-media-type", "send the file as a text/csv body");
        }
        boolean dry = flag("dryRun", dryRun);
        byte[] csv = Json.readBounded(body, maxImportBytes);
        PersonService.ImportSummary s = persons().importCsv(csv, dry, Params.user(sc));
        if (!s.problems().isEmpty()) {
            long bad = s.problems().stream().mapToInt(PersonService.RowProblem::row).distinct().count();
            return Response.status(400).entity(new ImportRejected("invalid-rows", bad + " of " + s.rows()
                    + " rows are invalid; nothing was imported", 400, s.rows(), s.problems())).build();
        }
        return Response.ok(s).build();
    }

    private static boolean flag(String name, String value) {
        String v = Params.text(value);
        if (v == null || v.equalsIgnoreCase("false")) {
            return false;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiException.badRequest("invalid-parameter", name + " must be true or false");
    }

    @GET
    @Path("/{id}")
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Person get(@PathParam("id") String id, @Context SecurityContext sc) {
        Scope.checkPerson(services, sc, id);
        return persons().person(id, Params.user(sc)).orElseThrow(() -> missing(id));
    }

    @POST
    @Roles(Roles.ADMIN)
    public Response create(InputStream body, @Context SecurityContext sc, @Context UriInfo uri) {
        Person p = bodies.read(body, Person.class);
        return Records.create("person", p.id(), this::exists, () -> persons().savePerson(p, Params.user(sc)), uri);
    }

    @PUT
    @Path("/{id}")
    @Roles(Roles.ADMIN)
    public Response replace(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        Person p = bodies.read(body, Person.class);
        return Records.replace(id, p.id(), this::exists, () -> persons().savePerson(new Person(id, p.name(),
                p.role(), p.phone(), p.email(), p.language(), p.group()), Params.user(sc)));
    }

    @DELETE
    @Path("/{id}")
    @Roles(Roles.ADMIN)
    public Response delete(@PathParam("id") String id, @Context SecurityContext sc) {
        persons().deletePerson(id, Params.user(sc));
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/guardians")
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public List<GuardianBinding> guardians(@PathParam("id") String id, @Context SecurityContext sc) {
        Scope.checkPerson(services, sc, id);
        return persons().guardians(id);
    }

    /** The students a guardian is bound to (the other side of /persons/{id}/guardians). */
    @GET
    @Path("/{id}/children")
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public List<GuardianBinding> children(@PathParam("id") String id, @Context SecurityContext sc) {
        Scope.checkPerson(services, sc, id);
        return persons().children(id);
    }

    @PUT
    @Path("/{id}/guardians/{guardianId}")
    @Roles(Roles.ADMIN)
    public GuardianBinding bind(@PathParam("id") String id, @PathParam("guardianId") String guardianId,
                                InputStream body, @Context SecurityContext sc) {
        BindingBody b = bodies.read(body, BindingBody.class);
        return persons().bind(new GuardianBinding(guardianId, id, b.relation(), b.preferredChannel(), b.consent()),
                Params.user(sc));
    }

    @DELETE
    @Path("/{id}/guardians/{guardianId}")
    @Roles(Roles.ADMIN)
    public Response unbind(@PathParam("id") String id, @PathParam("guardianId") String guardianId,
                           @Context SecurityContext sc) {
        persons().unbind(guardianId, id, Params.user(sc));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/faces")
    @Roles(Roles.ADMIN)
    public Response enrollFace(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                               InputStream body, @Context SecurityContext sc) {
        return faces.enroll(id, type, body, sc);
    }

    @GET
    @Path("/{id}/faces")
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public List<FaceTemplate> faceTemplates(@PathParam("id") String id, @Context SecurityContext sc) {
        Scope.checkPerson(services, sc, id);
        return faces.templates(id);
    }

    @DELETE
    @Path("/{id}/faces/{templateId}")
    @Roles(Roles.ADMIN)
    public Response deleteFace(@PathParam("id") String id, @PathParam("templateId") String templateId,
                               @Context SecurityContext sc) {
        return faces.delete(id, templateId, sc);
    }

    @PUT
    @Path("/{id}/consent")
    @Roles(Roles.ADMIN)
    public Consent recordConsent(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        return faces.recordConsent(id, body, sc);
    }

    @GET
    @Path("/{id}/consent")
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Consent consent(@PathParam("id") String id, @Context SecurityContext sc) {
        Scope.checkPerson(services, sc, id);
        return faces.consent(id);
    }

    private static PersonRole role(String value) {
        String v = Params.text(value);
        if (v == null) {
            return null;
        }
        try {
            return PersonRole.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-parameter", "role '" + value
                    + "' is not one of STUDENT, STAFF, GUARDIAN, VISITOR, WATCHLIST");
        }
    }

    /** Without a reader: this check is not a read of the record, so it is not audited. */
    private boolean exists(String id) {
        return persons().person(id, null).isPresent();
    }

    private static ApiException missing(String id) {
        return ApiException.notFound("unknown-person", "person '" + id + "' does not exist");
    }

    private PersonService persons() {
        return services.get(PersonService.class);
    }
}
