package org.gatehouse.rest.internal.site;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.gatehouse.api.Device;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.device.MappingResult;
import org.gatehouse.api.device.MappingStats;
import org.gatehouse.api.service.DeviceControl;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Json;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Records;
import org.gatehouse.rest.internal.common.Roles;

/** /devices: the device registry. */
@Path("/devices")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {
    /** How long a command may take before the caller gets 504. */
    static final long COMMAND_TIMEOUT_SECONDS = 15;
    /** The largest sample payload of {@link #test}, in bytes (UTF-8). */
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private final Services services;
    private final Bodies bodies;

    public DeviceResource(Services services, Bodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    /** Sends a command to the device's driver: 200 with the result (ok true or false), 504 when it takes too long. */
    @POST
    @Path("/{id}/commands")
    @Roles({Roles.INTEGRATOR, Roles.SECURITY})
    public CommandResult command(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        DeviceCommand command = bodies.read(body, DeviceCommand.class);
        try {
            return control().execute(id, command, Params.user(sc)).toCompletableFuture()
                    .get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new ApiException(504, "device-timeout", "device '" + id + "' did not answer within "
                    + COMMAND_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            return CommandResult.failed("driver error: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted", "interrupted while waiting for the device");
        }
    }

    /** A sample message for {@link #test}. */
    public record TestRequest(String payload) {
    }

    /**
     * Maps a sample message through the device's mapping rules (devices by Camel URI, OPC UA client): 200 with what it
     * would become; nothing is stored or published. 413 over {@value #MAX_PAYLOAD_BYTES} bytes of payload.
     */
    @POST
    @Path("/{id}/test")
    @Roles(Roles.INTEGRATOR)
    public MappingResult test(@PathParam("id") String id, InputStream body) {
        // the JSON string may escape every character: read a little more than the payload's limit, then check it
        TestRequest request = Json.read(bodies.mapper(), Json.readBounded(body, MAX_PAYLOAD_BYTES * 6L + 1024),
                TestRequest.class);
        if (request.payload() != null
                && request.payload().getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw ApiException.tooLarge(MAX_PAYLOAD_BYTES);
        }
        return control().testPayload(id, request.payload());
    }

    /** The device's mapping counters since its driver started. */
    @GET
    @Path("/{id}/mapping")
    @Roles({Roles.INTEGRATOR, Roles.SECURITY})
    public MappingStats mapping(@PathParam("id") String id) {
        return control().mappingStats(id);
    }

    @GET
    @Roles({Roles.INTEGRATOR, Roles.SECURITY})
    public List<Device> list(@QueryParam("site") String site) {
        return sites().devices(Params.text(site));
    }

    @GET
    @Path("/{id}")
    @Roles({Roles.INTEGRATOR, Roles.SECURITY})
    public Device get(@PathParam("id") String id) {
        return sites().device(id).orElseThrow(() -> missing(id));
    }

    @POST
    @Roles(Roles.INTEGRATOR)
    public Response create(InputStream body, @Context SecurityContext sc, @Context UriInfo uri) {
        Device device = bodies.read(body, Device.class);
        return Records.create("device", device.id(), this::exists, () -> sites().saveDevice(device,
                Params.user(sc)), uri);
    }

    @PUT
    @Path("/{id}")
    @Roles(Roles.INTEGRATOR)
    public Response replace(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        Device d = bodies.read(body, Device.class);
        return Records.replace(id, d.id(), this::exists, () -> sites().saveDevice(new Device(id, d.siteId(),
                d.zoneId(), d.type(), d.vendor(), d.name(), d.status(), d.properties()), Params.user(sc)));
    }

    @DELETE
    @Path("/{id}")
    @Roles(Roles.INTEGRATOR)
    public Response delete(@PathParam("id") String id, @Context SecurityContext sc) {
        return Records.delete(id, this::exists, DeviceResource::missing, () -> sites().deleteDevice(id,
                Params.user(sc)));
    }

    private boolean exists(String id) {
        return sites().device(id).isPresent();
    }

    private static ApiException missing(String id) {
        return ApiException.notFound("device-not-found", "device '" + id + "' does not exist");
    }

    private SiteService sites() {
        return services.get(SiteService.class);
    }

    private DeviceControl control() {
        return services.get(DeviceControl.class);
    }
}
