package org.gatehouse.rest.internal.event;

import java.io.InputStream;
import java.net.URI;
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
import javax.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.gatehouse.api.EventQuery;
import org.gatehouse.api.Page;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.device.IngestResult;
import org.gatehouse.api.service.EventService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.account.Scope;
import org.gatehouse.rest.internal.access.PassageResource;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Json;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;

/**
 * /events: the generic HTTP device ingress and the event history. A POST body is one event or an array of events;
 * every event of an array is checked before any is stored.
 */
@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    private static final java.util.regex.Pattern PASSAGE_SNAPSHOT = java.util.regex.Pattern.compile(
            "passages/(\\d{1,18})/snapshot");

    /** A presence snapshot a camera keeps ({@code cameras/<device>/snapshots/...}), served by its live view. */
    private static final java.util.regex.Pattern CAMERA_SNAPSHOT = java.util.regex.Pattern.compile(
            "cameras/([^/]{1,64})/snapshots/.+");

    private final Services services;
    private final Bodies bodies;
    private final org.gatehouse.rest.internal.live.LiveViews cameras;

    public EventResource(Services services, Bodies bodies) {
        this(services, bodies, org.gatehouse.rest.internal.live.LiveViews.none());
    }

    /** @param cameras the cameras' live views, which answer their presence snapshots */
    public EventResource(Services services, Bodies bodies, org.gatehouse.rest.internal.live.LiveViews cameras) {
        this.services = services;
        this.bodies = bodies;
        this.cameras = cameras;
    }

    @POST
    @Roles({Roles.INTEGRATOR, Roles.SECURITY, Roles.DEVICE})
    public Response ingest(InputStream body, @Context UriInfo uri) {
        JsonNode tree = bodies.tree(body);
        if (tree.isObject()) {
            IngestResult result = events().ingest(parse(tree, ""));
            ObjectNode out = render(result);
            if (result.duplicate()) {
                return Response.ok(out).build();
            }
            URI location = uri.getAbsolutePathBuilder().path(result.event().id()).build();
            return Response.created(location).entity(out).build();
        }
        if (!tree.isArray()) {
            throw ApiException.badRequest("invalid-body", "body must be an event object or an array of events");
        }
        if (tree.isEmpty()) {
            throw ApiException.badRequest("empty-batch", "the array holds no events");
        }
        List<SecurityEvent> batch = new ArrayList<>(tree.size());
        for (int i = 0; i < tree.size(); i++) {
            JsonNode node = tree.get(i);
            String where = "event [" + i + "]: ";
            if (!node.isObject()) {
                throw ApiException.badRequest("invalid-body", where + "must be a JSON object");
            }
            batch.add(parse(node, where));
        }
        // all or nothing: the spine validates every event before it stores any
        ArrayNode out = bodies.mapper().createArrayNode();
        boolean anyNew = false;
        for (IngestResult result : events().ingestAll(batch)) {
            anyNew |= !result.duplicate();
            out.add(render(result));
        }
        return Response.status(anyNew ? 201 : 200).entity(out).build();
    }

    @GET
    @Roles({Roles.INTEGRATOR, Roles.SECURITY})
    public Page<SecurityEvent> query(@QueryParam("from") String from, @QueryParam("to") String to,
                                     @QueryParam("type") String type, @QueryParam("site") String site,
                                     @QueryParam("zone") String zone, @QueryParam("device") String device,
                                     @QueryParam("offset") String offset, @QueryParam("limit") String limit,
                                     @Context javax.ws.rs.core.SecurityContext sc) {
        EventQuery q = new EventQuery(Params.instant("from", from), Params.instant("to", to), Params.text(type),
                Params.text(site), Params.text(zone), Params.text(device), Params.offset(offset),
                Params.limit(limit));
        Page<SecurityEvent> page = events().query(q);
        if (Scope.seesWatchlist(sc)) {
            return page;
        }
        // watchlist events are for admin and security only
        java.util.List<SecurityEvent> shown = page.items().stream().filter(e -> !Scope.watchlistType(e.type()))
                .toList();
        return new Page<>(shown, page.total() - (page.items().size() - shown.size()), page.offset(), page.limit());
    }

    @GET
    @Path("/{id}")
    @Roles({Roles.INTEGRATOR, Roles.SECURITY})
    public SecurityEvent get(@PathParam("id") String id, @Context javax.ws.rs.core.SecurityContext sc) {
        SecurityEvent e = events().get(id).orElseThrow(() -> ApiException.notFound("event-not-found",
                "event '" + id + "' does not exist"));
        if (Scope.watchlistType(e.type()) && !Scope.seesWatchlist(sc)) {
            throw Scope.forbidden(sc);
        }
        return e;
    }

    /**
     * The snapshot of an event, when it has one the platform stores: a passage event names its passage's snapshot
     * ({@code passages/<id>/snapshot}); reading it is audited like {@code GET /passages/{id}/snapshot}.
     */
    @GET
    @Path("/{id}/snapshot")
    @Produces({"image/jpeg", "image/png", MediaType.APPLICATION_JSON})
    @Roles({Roles.INTEGRATOR, Roles.SECURITY})
    public Response snapshot(@PathParam("id") String id, @Context javax.ws.rs.core.SecurityContext sc) {
        return image(services, cameras, get(id, sc), Params.user(sc));
    }

    /**
     * The snapshot of an event as an image answer: a passage's ({@code passages/<id>/snapshot}) or a camera's presence
     * snapshot ({@code cameras/<device>/snapshots/...}, from its running driver); the read is audited.
     *
     * @throws ApiException 404 {@code no-snapshot}
     */
    public static Response image(Services services, org.gatehouse.rest.internal.live.LiveViews cameras, SecurityEvent e,
                                 String reader) {
        String id = e.id();
        java.util.regex.Matcher m = PASSAGE_SNAPSHOT.matcher(e.snapshotRef() == null ? "" : e.snapshotRef());
        java.util.regex.Matcher cam = CAMERA_SNAPSHOT.matcher(e.snapshotRef() == null ? "" : e.snapshotRef());
        if (cam.matches()) {
            byte[] jpeg = cameras.of(cam.group(1)).flatMap(v -> v.snapshot(e.snapshotRef())).orElseThrow(() ->
                    ApiException.notFound("no-snapshot", "the snapshot of event '" + id + "' is not available (purged,"
                            + " or its camera is not running)"));
            if (services.available(org.gatehouse.api.service.AuditService.class)) {
                services.get(org.gatehouse.api.service.AuditService.class).record(reader, "snapshot-read", "event", id,
                        e.snapshotRef());
            }
            return Response.ok(jpeg, "image/jpeg").build();
        }
        if (!m.matches()) {
            throw ApiException.notFound("no-snapshot", e.snapshotRef() == null
                    ? "event '" + id + "' has no snapshot"
                    : "the snapshot of event '" + id + "' is not stored by Gatehouse: " + e.snapshotRef());
        }
        long passage = Long.parseLong(m.group(1));
        return PassageResource.image(services.get(PassageService.class), passage, reader);
    }

    private SecurityEvent parse(JsonNode node, String where) {
        try {
            return Json.convert(bodies.mapper(), node, SecurityEvent.class);
        } catch (ApiException e) {
            throw where.isEmpty() ? e : new ApiException(e.status(), e.code(), where + e.getMessage());
        }
    }

    private ObjectNode render(IngestResult result) {
        ObjectNode node = bodies.mapper().valueToTree(result.event());
        if (result.duplicate()) {
            node.put("duplicate", true);
        }
        return node;
    }

    private EventService events() {
        return services.get(EventService.class);
    }
}
