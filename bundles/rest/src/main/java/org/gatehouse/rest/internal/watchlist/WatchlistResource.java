package org.gatehouse.rest.internal.watchlist;

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

import org.gatehouse.api.Page;
import org.gatehouse.api.face.FaceTemplate;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.watchlist.WatchlistEntry;
import org.gatehouse.api.watchlist.WatchlistHit;
import org.gatehouse.api.watchlist.WatchlistImport;
import org.gatehouse.api.watchlist.WatchlistRequest;
import org.gatehouse.api.watchlist.WatchlistService;
import org.gatehouse.api.watchlist.WatchlistStats;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Json;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;
import org.gatehouse.rest.internal.people.FaceResource;

/**
 * /watchlist: entries, their photos, bulk imports, hits and the figures to tune the threshold. Security (and admin)
 * only; everybody else gets 403. Photo uploads are read as the face paths read them ({@link FaceResource#frame}),
 * up to {@code max.upload.bytes}, and so is an import zip (a larger list goes through
 * {@code gatehouse:watchlist-import <folder>} on the server).
 */
@Path("/watchlist")
@Produces(MediaType.APPLICATION_JSON)
public class WatchlistResource {
    private final Services services;
    private final Bodies bodies;
    private final FaceResource faces;
    private final long maxUploadBytes;

    public WatchlistResource(Services services, Bodies bodies, FaceResource faces, long maxUploadBytes) {
        this.services = services;
        this.bodies = bodies;
        this.faces = faces;
        this.maxUploadBytes = maxUploadBytes;
    }

    @GET
    @Roles(Roles.SECURITY)
    public Page<WatchlistEntry> list(@QueryParam("q") String q, @QueryParam("active") String active,
                                     @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return watchlist().entries(Params.text(q), flag("active", active), Params.offset(offset),
                Params.limit(limit));
    }

    @POST
    @Roles(Roles.SECURITY)
    public Response create(InputStream body, @Context SecurityContext sc, @Context UriInfo uri) {
        WatchlistEntry e = watchlist().create(bodies.read(body, WatchlistRequest.class), Params.user(sc));
        return Response.created(uri.getAbsolutePathBuilder().path(e.id()).build()).entity(e).build();
    }

    @GET
    @Path("/hits")
    @Roles(Roles.SECURITY)
    public Page<WatchlistHit> hits(@QueryParam("entry") String entry, @QueryParam("offset") String offset,
                                   @QueryParam("limit") String limit) {
        return watchlist().hits(Params.text(entry), Params.offset(offset), Params.limit(limit));
    }

    @GET
    @Path("/stats")
    @Roles(Roles.SECURITY)
    public WatchlistStats stats(@QueryParam("from") String from) {
        return watchlist().stats(Params.instant("from", from));
    }

    @POST
    @Path("/import")
    @Roles(Roles.SECURITY)
    public Response importZip(@HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body,
                              @Context SecurityContext sc) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (!(t.isEmpty() || t.startsWith("application/zip") || t.startsWith("application/x-zip")
                || t.startsWith("application/octet-stream"))) {
            throw new ApiException(415, "unsupported-media-type", "send the list as an application/zip body holding"
                    + " one .csv (name,reason,risk,source,expires,photo) and the photos it names");
        }
        WatchlistImport job = watchlist().importZip(Json.readBounded(body, maxUploadBytes), Params.user(sc));
        return Response.status(202).entity(job).build();
    }

    @GET
    @Path("/import/{jobId}")
    @Roles(Roles.SECURITY)
    public WatchlistImport importJob(@PathParam("jobId") String jobId) {
        return watchlist().importJob(jobId).orElseThrow(() -> ApiException.notFound("unknown-import",
                "import job '" + jobId + "' does not exist (jobs are kept in memory until a restart)"));
    }

    @GET
    @Path("/{id}")
    @Roles(Roles.SECURITY)
    public WatchlistEntry get(@PathParam("id") String id) {
        return watchlist().entry(id).orElseThrow(() -> missing(id));
    }

    @PUT
    @Path("/{id}")
    @Roles(Roles.SECURITY)
    public WatchlistEntry update(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        return watchlist().update(id, bodies.read(body, WatchlistRequest.class), Params.user(sc));
    }

    @DELETE
    @Path("/{id}")
    @Roles(Roles.SECURITY)
    public Response delete(@PathParam("id") String id, @Context SecurityContext sc) {
        watchlist().delete(id, Params.user(sc));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/faces")
    @Roles(Roles.SECURITY)
    public Response addFace(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                            InputStream body, @Context SecurityContext sc) {
        watchlist().entry(id).orElseThrow(() -> missing(id)); // before reading the upload
        Frame photo = faces.frame(type, body);
        FaceTemplate t = FaceResource.call(() -> watchlist().addFace(id, photo, Params.user(sc)));
        return Response.status(201).entity(t).build();
    }

    @GET
    @Path("/{id}/faces")
    @Roles(Roles.SECURITY)
    public List<FaceTemplate> faces(@PathParam("id") String id) {
        return watchlist().faces(id);
    }

    @GET
    @Path("/{id}/faces/{templateId}/photo")
    @Produces({"image/jpeg", "image/png", MediaType.APPLICATION_JSON})
    @Roles(Roles.SECURITY)
    public Response photo(@PathParam("id") String id, @PathParam("templateId") String templateId,
                          @Context SecurityContext sc) {
        byte[] data = watchlist().facePhoto(id, Params.id("template", templateId), Params.user(sc));
        boolean png = data.length > 3 && (data[0] & 0xFF) == 0x89 && data[1] == 'P' && data[2] == 'N';
        return Response.ok(data, png ? "image/png" : "image/jpeg").header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("/{id}/faces/{templateId}")
    @Roles(Roles.SECURITY)
    public Response deleteFace(@PathParam("id") String id, @PathParam("templateId") String templateId,
                               @Context SecurityContext sc) {
        watchlist().deleteFace(id, Params.id("template", templateId), Params.user(sc));
        return Response.noContent().build();
    }

    private static ApiException missing(String id) {
        return ApiException.notFound("unknown-entry", "watchlist entry '" + id + "' does not exist");
    }

    private static Boolean flag(String name, String value) {
        String v = Params.text(value);
        if (v == null) {
            return null;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw ApiException.badRequest("invalid-parameter", name + " must be true or false");
    }

    private WatchlistService watchlist() {
        return services.get(WatchlistService.class);
    }
}
