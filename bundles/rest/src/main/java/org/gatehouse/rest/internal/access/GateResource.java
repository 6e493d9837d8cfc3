package org.gatehouse.rest.internal.access;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.GET;

import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.gatehouse.api.Device;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.access.GateDecision;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.access.RosterService;
import org.gatehouse.api.access.SyncState;
import org.gatehouse.api.access.SyncStatus;
import org.gatehouse.api.access.SyncSummary;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;
import org.gatehouse.rest.internal.people.FaceResource;

/**
 * /gates: the face gates. A gate whose platform decides (a generic gate, a camera) posts a captured face to
 * {@code /gates/{id}/captures} (raw image or multipart {@code file} part, up to {@code max.upload.bytes}) with an
 * optional body temperature; the answer is the decision (200). Face rejections are 422, unreadable images 400, an
 * unknown gate 404. The list of gates, and the roster sync of face terminals, are for admin and security; a missing
 * RosterService makes only the sync paths 503.
 */
@Path("/gates")
@Produces(MediaType.APPLICATION_JSON)
public class GateResource {
    static final String FACEGATE = "facegate";
    /** Vendors of drivers whose terminals recognise on the device (the platform syncs their rosters). */
    static final Set<String> TERMINAL_VENDORS = Set.of("hikvision", "zkteco");

    private final Services services;
    private final FaceResource faces;

    public GateResource(Services services, FaceResource faces) {
        this.services = services;
        this.faces = faces;
    }

    /** The answer to a capture: the decision, with the recognised person's name and class. */
    public record Decision(boolean open, String reason, String personId, PersonRef person, Passage passage,
                           Set<String> flags) {
    }

    /** The person of a decision. */
    public record PersonRef(String id, String name, String group) {
    }

    /** One face gate: its device, the vendor of its driver, who decides, and the roster sync of a terminal. */
    public record Gate(Device device, String vendor, String mode, SyncSummary sync) {
    }

    /** One person's sync state on a terminal, with the person's name. */
    public record PersonSync(String deviceId, String personId, String name, SyncState state, String faceHash,
                             String error, Instant updated) {
    }

    @POST
    @Path("{deviceId}/captures")
    @Roles({Roles.DEVICE})
    public Decision capture(@PathParam("deviceId") String deviceId, @QueryParam("temperature") String temperature,
                            @QueryParam("time") String time, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                            InputStream body) {
        Float t = null;
        if (temperature != null && !temperature.isBlank()) {
            try {
                t = Float.parseFloat(temperature.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("bad-temperature", "temperature must be a number of degrees Celsius");
            }
        }
        Instant at = Params.instant("time", time);
        Frame frame = faces.frame(type, body);
        Float temp = t;
        GateDecision d = FaceResource.call(() -> passages().decide(deviceId, frame, temp, at));
        PersonRef person = null;
        if (d.personId() != null) { // the decision is recorded: without the person service, the id alone
            person = services.available(PersonService.class) ? services.get(PersonService.class)
                    .person(d.personId(), null).map(p -> new PersonRef(p.id(), p.name(), p.group()))
                    .orElse(new PersonRef(d.personId(), null, null)) : new PersonRef(d.personId(), null, null);
        }
        return new Decision(d.open(), d.reason(), d.personId(), person, d.passage(), d.flags());
    }

    @GET
    @Roles({Roles.SECURITY})
    public List<Gate> gates() {
        boolean rosters = services.available(RosterService.class);
        List<Gate> out = new ArrayList<>();
        for (Device d : services.get(SiteService.class).devices(null)) {
            if (!FACEGATE.equals(d.type())) {
                continue;
            }
            boolean terminal = TERMINAL_VENDORS.contains(d.vendor());
            SyncSummary sync = terminal && rosters ? services.get(RosterService.class).summary(d.id()) : null;
            out.add(new Gate(d, d.vendor(), terminal ? "terminal" : "server", sync));
        }
        return out;
    }

    @GET
    @Path("{deviceId}/sync")
    @Roles({Roles.SECURITY})
    public SyncSummary sync(@PathParam("deviceId") String deviceId) {
        return rosters().summary(deviceId);
    }

    @GET
    @Path("{deviceId}/sync/persons")
    @Roles({Roles.SECURITY})
    public Page<PersonSync> syncPersons(@PathParam("deviceId") String deviceId, @QueryParam("state") String state,
                                        @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        SyncState wanted = Params.constant("state", state, SyncState.class);
        int off = Params.offset(offset);
        int lim = Params.limit(limit);
        RosterService roster = rosters();
        roster.summary(deviceId); // unknown-device and not-a-facegate first
        List<SyncStatus> all = roster.status(deviceId).stream().filter(s -> wanted == null || s.state() == wanted)
                .toList();
        PersonService persons = services.get(PersonService.class);
        List<PersonSync> items = new ArrayList<>();
        for (SyncStatus s : all.subList(Math.min(off, all.size()), Math.min(all.size(), off + lim))) {
            String name = persons.person(s.personId(), null).map(Person::name).orElse(null);
            items.add(new PersonSync(s.deviceId(), s.personId(), name, s.state(), s.faceHash(), s.error(),
                    s.updated()));
        }
        return new Page<>(items, all.size(), off, lim);
    }

    @POST
    @Path("{deviceId}/sync/retry")
    @Roles({Roles.ADMIN})
    public Response retry(@PathParam("deviceId") String deviceId, @Context SecurityContext sc) {
        rosters().retry(deviceId, Params.user(sc));
        return Response.status(202).entity(Map.of("retried", true)).build();
    }

    private PassageService passages() {
        return services.get(PassageService.class);
    }

    private RosterService rosters() {
        return services.get(RosterService.class);
    }
}
