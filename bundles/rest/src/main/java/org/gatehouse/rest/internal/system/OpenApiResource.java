package org.gatehouse.rest.internal.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.gatehouse.rest.internal.common.Public;

/** GET /openapi.json: the hand-written OpenAPI 3.0 document shipped in the bundle. */
@Path("/openapi.json")
public class OpenApiResource {
    static final String RESOURCE = "openapi.json";

    private final byte[] document;

    public OpenApiResource() {
        this.document = load();
    }

    public static byte[] load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Public
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] openapi() {
        return document;
    }
}
