package org.gatehouse.rest.internal.people;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.gatehouse.support.http.Multipart;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.face.Consent;
import org.gatehouse.api.face.FaceModels;
import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.face.FaceStatus;
import org.gatehouse.api.face.FaceTemplate;
import org.gatehouse.api.face.Identification;
import org.gatehouse.api.recognition.FaceReasons;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Json;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;

/**
 * /faces: identification and status; also the logic of the face paths below /persons/{id} (enrollment, templates,
 * consent), which {@link PersonResource} serves. Face enrollment, identification and consent. Uploads are {@code multipart/form-data} with a {@code file} part, or a
 * raw {@code image/jpeg} / {@code image/png} body, up to {@code max.upload.bytes}. Rejected faces answer 422 with a
 * {@link FaceReasons} code, unreadable images 400, no engine 503.
 */
@Path("/faces")
@Produces(MediaType.APPLICATION_JSON)
public class FaceResource {
    /** Face codes: the image was read but the face does not qualify (422). */
    static final Set<String> UNPROCESSABLE = Set.of(FaceReasons.NO_FACE, FaceReasons.FACE_TOO_SMALL,
            FaceReasons.FACE_BLURRED, FaceReasons.FACE_OFF_FRONTAL, FaceReasons.SEVERAL_FACES);

    private final Services services;
    private final Bodies bodies;
    private final long maxUploadBytes;

    public FaceResource(Services services, Bodies bodies, long maxUploadBytes) {
        this.services = services;
        this.bodies = bodies;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** Body of PUT /persons/{id}/consent. */
    public record ConsentBody(String guardianId, Boolean granted) {
    }

    /** POST /persons/{id}/faces (served by {@link PersonResource}: one root resource per path prefix). */
    Response enroll(String id, String type, InputStream body, SecurityContext sc) {
        Frame photo = frame(type, body);
        FaceTemplate t = call(() -> faces().enroll(id, photo, Params.user(sc)));
        return Response.status(201).entity(t).build();
    }

    /** GET /persons/{id}/faces. */
    List<FaceTemplate> templates(String id) {
        return faces().templates(id);
    }

    /** DELETE /persons/{id}/faces/{templateId}. */
    Response delete(String id, String templateId, SecurityContext sc) {
        long tid = Params.id("template", templateId);
        if (faces().templates(id).stream().noneMatch(t -> t.id() == tid)) {
            throw ApiException.notFound("unknown-template", "person '" + id + "' has no face template " + templateId);
        }
        faces().delete(tid, Params.user(sc));
        return Response.noContent().build();
    }

    /** PUT /persons/{id}/consent. */
    Consent recordConsent(String id, InputStream body, SecurityContext sc) {
        ConsentBody b = bodies.read(body, ConsentBody.class);
        if (b.guardianId() == null || b.granted() == null) {
            throw ApiException.badRequest("missing-field", "guardianId and granted are required");
        }
        return faces().recordConsent(id, b.guardianId(), b.granted(), Params.user(sc));
    }

    /** GET /persons/{id}/consent. */
    Consent consent(String id) {
        return faces().consent(id).orElseThrow(() -> ApiException.notFound("no-consent", "no consent decision is"
                + " recorded for '" + id + "'"));
    }

    @POST
    @Path("identify")
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public Identification identify(@QueryParam("use") String use, @QueryParam("top") String top,
                                   @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body,
                                   @javax.ws.rs.core.Context SecurityContext sc) {
        int k = 5;
        if (top != null && !top.isBlank()) {
            try {
                k = Integer.parseInt(top.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid-parameter", "top must be an integer");
            }
        }
        String u = use == null || use.isBlank() ? FaceService.USE_GATE : use.trim().toLowerCase(Locale.ROOT);
        if (!FaceService.USES.contains(u)) {
            throw ApiException.badRequest("unknown-use", "use must be one of " + FaceService.USES);
        }
        if (FaceService.USE_WATCHLIST.equals(u) && !org.gatehouse.rest.internal.account.Scope.seesWatchlist(sc)) {
            throw org.gatehouse.rest.internal.account.Scope.forbidden(sc);
        }
        if (k < 1 || k > 50) {
            throw ApiException.badRequest("invalid-parameter", "top must be within 1..50");
        }
        Frame probe = frame(type, body);
        int topK = k;
        return call(() -> faces().identify(probe, u, topK));
    }

    @GET
    @Path("status")
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public FaceStatus status() {
        return faces().status();
    }

    /** A model set as GET /faces/models shows it ({@code default}, a Java keyword, named by annotation). */
    public record ModelSetJson(String id, String description, String licence,
                               @com.fasterxml.jackson.annotation.JsonProperty("default") boolean isDefault) {
    }

    /** Body of GET /faces/models. */
    public record ModelsJson(String activeSet, String activeLicence, List<ModelSetJson> sets,
                             List<FaceModels.ModelFile> files) {
    }

    @GET
    @Path("models")
    @Roles({Roles.INTEGRATOR, Roles.SECURITY})
    public ModelsJson models() {
        FaceModels m = faces().models();
        return new ModelsJson(m.activeSet(), m.activeLicence(), m.sets().stream().map(s -> new ModelSetJson(s.id(),
                s.description(), s.licence(), s.isDefault())).toList(), m.files());
    }

    /** Reads the image of a request: a multipart {@code file} part or the raw body. */
    public Frame frame(String contentType, InputStream body) {
        byte[] raw = Json.readBounded(body, maxUploadBytes);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            Multipart.Part part = filePart(raw, contentType, "file");
            return new Frame(part.body(), format(part.contentType(), part.filename()));
        }
        if (type.isEmpty() || type.startsWith("image/") || type.startsWith("application/octet-stream")) {
            return new Frame(raw, format(type, null));
        }
        throw new ApiException(415, "unsupported-media-type", "send multipart/form-data with a 'file' part, or an"
                + " image/jpeg or image/png body");
    }

    /**
     * @return the part named {@code field}, or else the first part with a file name
     * @throws ApiException 400 {@code bad-multipart} when the body is not well-formed or holds no such part
     */
    private static Multipart.Part filePart(byte[] body, String contentType, String field) {
        List<Multipart.Part> parts = parts(body, contentType);
        return parts.stream().filter(p -> field.equals(p.name())).findFirst()
                .or(() -> parts.stream().filter(p -> !p.filename().isEmpty()).findFirst())
                .orElseThrow(() -> ApiException.badRequest("bad-multipart", "multipart body has no '" + field
                        + "' part"));
    }

    /**
     * @return the parts of a multipart/form-data body
     * @throws ApiException 400 {@code bad-multipart} when the body is not well-formed
     */
    public static List<Multipart.Part> parts(byte[] body, String contentType) {
        String boundary = Multipart.boundary(contentType);
        if (boundary == null) {
            throw ApiException.badRequest("bad-multipart", "multipart/form-data without a boundary");
        }
        List<Multipart.Part> parts;
        try {
            parts = Multipart.parse(body, boundary);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad-multipart", e.getMessage());
        }
        return parts;
    }

    /** @return the image format of a part or body ({@code png}, {@code jpeg}), or null */
    public static String format(String type, String filename) {
        String t = (type == null ? "" : type.toLowerCase(Locale.ROOT))
                + " " + (filename == null ? "" : filename.toLowerCase(Locale.ROOT));
        if (t.contains("png")) {
            return "png";
        }
        if (t.contains("jpeg") || t.contains("jpg")) {
            return "jpeg";
        }
        return null;
    }

    /** Face rejections of a readable image are 422; the rest keeps the service's mapping. */
    public static <T> T call(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (GatehouseException e) {
            if (e.kind() == GatehouseException.Kind.INVALID && UNPROCESSABLE.contains(e.code())) {
                throw new ApiException(422, e.code(), e.getMessage());
            }
            throw e;
        }
    }

    private FaceService faces() {
        return services.get(FaceService.class);
    }
}
