package org.gatehouse.rest.internal.access;

import java.io.InputStream;

import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.gatehouse.api.access.Passage;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;
import org.gatehouse.rest.internal.people.FaceResource;

/**
 * /gates/{deviceId}/captures: a face gate posts a captured face (raw image or multipart {@code file} part, up to
 * {@code max.upload.bytes}) with an optional body temperature; the answer is the recorded passage (201). Face
 * rejections are 422, unreadable images 400, an unknown gate 404.
 */
@Path("/gates")
@Produces(MediaType.APPLICATION_JSON)
public class GateResource {
    private final Services services;
    private final FaceResource faces;

    public GateResource(Services services, FaceResource faces) {
        this.services = services;
        this.faces = faces;
    }

    @POST
    @Path("{deviceId}/captures")
    @Roles({Roles.DEVICE})
    public Response capture(@PathParam("deviceId") String deviceId, @QueryParam("temperature") String temperature,
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
        java.time.Instant at = Params.instant("time", time);
        Frame frame = faces.frame(type, body);
        Float temp = t;
        Passage p = FaceResource.call(() -> passages().capture(deviceId, frame, temp, at));
        return Response.status(201).entity(p).build();
    }

    private PassageService passages() {
        return services.get(PassageService.class);
    }
}
