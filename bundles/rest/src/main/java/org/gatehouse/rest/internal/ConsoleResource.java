package org.gatehouse.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;

/**
 * GET /console: the guard-room status page (one static HTML file). It asks for a user name and password, gets a
 * bearer token from /auth/token and then reads the API like any other client; it holds no data of its own.
 */
@Path("/console")
public class ConsoleResource {
    static final String RESOURCE = "console.html";

    private final byte[] page;

    public ConsoleResource() {
        try (InputStream in = ConsoleResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the bundle");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Public
    @Produces("text/html; charset=utf-8")
    public byte[] page() {
        return page;
    }
}
