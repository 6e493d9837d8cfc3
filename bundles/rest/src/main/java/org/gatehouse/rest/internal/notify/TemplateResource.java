package org.gatehouse.rest.internal.notify;

import java.io.InputStream;
import java.util.List;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.gatehouse.api.service.TemplateService;
import org.gatehouse.api.service.TemplateService.MessageKind;
import org.gatehouse.api.service.TemplateService.Template;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;

/**
 * /templates: message kinds with their variables, and their templates per language. A PUT is checked when it is
 * saved: an undeclared or missing variable or bad syntax answers 400 with the reason code.
 */
@Path("/templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {
    private final Services services;
    private final Bodies bodies;

    public TemplateResource(Services services, Bodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    /** Body of PUT /templates/{kind}/{lang}. */
    public record TemplateBody(String subject, String body) {
    }

    @GET
    @Roles({Roles.INTEGRATOR, Roles.SECURITY, Roles.TEACHER})
    public List<Template> list(@QueryParam("kind") String kind) {
        return templates().templates(Params.text(kind));
    }

    @GET
    @Path("/kinds")
    @Roles({Roles.INTEGRATOR, Roles.SECURITY, Roles.TEACHER})
    public List<MessageKind> kinds() {
        return templates().kinds();
    }

    @GET
    @Path("/{kind}/{lang}")
    @Roles({Roles.INTEGRATOR, Roles.SECURITY, Roles.TEACHER})
    public Template get(@PathParam("kind") String kind, @PathParam("lang") String lang) {
        return templates().template(kind, lang).orElseThrow(() -> ApiException.notFound("unknown-template",
                "no template " + kind + " in " + lang + "; languages: " + TemplateService.LANGUAGES));
    }

    @PUT
    @Path("/{kind}/{lang}")
    @Roles(Roles.ADMIN)
    public Template save(@PathParam("kind") String kind, @PathParam("lang") String lang, InputStream body,
                         @Context SecurityContext sc) {
        TemplateBody b = bodies.read(body, TemplateBody.class);
        return templates().save(kind, lang, b.subject(), b.body(), Params.user(sc));
    }

    @DELETE
    @Path("/{kind}/{lang}")
    @Roles(Roles.ADMIN)
    public Template reset(@PathParam("kind") String kind, @PathParam("lang") String lang, @Context SecurityContext sc) {
        return templates().reset(kind, lang, Params.user(sc));
    }

    private TemplateService templates() {
        return services.get(TemplateService.class);
    }
}
