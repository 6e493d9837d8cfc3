package org.gatehouse.rest.internal.account;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.gatehouse.api.Person;
import org.gatehouse.api.service.AccountService;
import org.gatehouse.api.service.AuditService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.auth.Authenticator;
import org.gatehouse.rest.internal.auth.TokenService;
import org.gatehouse.rest.internal.auth.UserStore;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * /users: the sign-in users of Karaf's {@code etc/users.properties}, their roles, passwords and links to person
 * records (admin only). After a change the user's cached sign-in is forgotten and its bearer tokens are refused, so
 * old passwords and roles stop working at once. Every change is audited (never the password).
 */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    private static final Logger LOG = LoggerFactory.getLogger(UserResource.class);
    static final String SUBJECT = "user";

    private final Services services;
    private final Bodies bodies;
    private final UserStore store;
    private final Authenticator authenticator;
    private final TokenService tokens;

    /** @param store the users file, or null outside Karaf (the paths then answer 503 {@code users-unavailable}) */
    public UserResource(Services services, Bodies bodies, UserStore store, Authenticator authenticator,
                        TokenService tokens) {
        this.services = services;
        this.bodies = bodies;
        this.store = store;
        this.authenticator = authenticator;
        this.tokens = tokens;
    }

    /**
     * One user as GET /users shows it.
     *
     * @param name       user name
     * @param roles      effective roles (Karaf groups resolved)
     * @param groups     Karaf groups the user is in
     * @param personId   linked person, or null
     * @param personName its name, or null
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UserView(String name, List<String> roles, List<String> groups, String personId,
                           String personName) {
    }

    @GET
    @Roles(Roles.ADMIN)
    public List<UserView> list() {
        Map<String, String> links = services.available(AccountService.class)
                ? services.get(AccountService.class).links() : Map.of();
        List<UserView> out = new ArrayList<>();
        for (UserStore.User u : store().users()) {
            out.add(view(u, links.get(u.name())));
        }
        return out;
    }

    @GET
    @Path("/{name}")
    @Roles(Roles.ADMIN)
    public UserView get(@PathParam("name") String name) {
        UserStore.User u = existing(name);
        String personId = services.available(AccountService.class)
                ? services.get(AccountService.class).personOf(name).orElse(null) : null;
        return view(u, personId);
    }

    @POST
    @Roles(Roles.ADMIN)
    public Response create(InputStream body, @Context SecurityContext sc, @Context UriInfo uri) {
        JsonNode b = body(body);
        String name = text(b, "name");
        String password = text(b, "password");
        Set<String> roles = roles(b.get("roles"));
        String personId = text(b, "personId");
        UserStore s = store();
        try {
            UserStore.checkName(name);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-user", e.getMessage());
        }
        checkPassword(password);
        if (s.user(name) != null) {
            throw new ApiException(409, "user-exists", "user '" + name + "' already exists");
        }
        if (personId != null) {
            checkPerson(personId);
        }
        String actor = Params.user(sc);
        try {
            write(name, () -> s.create(name, password, roles));
        } catch (IllegalStateException e) {
            throw new ApiException(409, "user-exists", "user '" + name + "' already exists");
        }
        audit(actor, "user-created", name, "roles " + String.join(",", roles));
        LOG.info("User '{}' created by {} with roles {}", name, actor, roles);
        if (personId != null) {
            services.get(AccountService.class).link(name, personId, actor);
        }
        return Response.created(uri.getAbsolutePathBuilder().path(name).build()).entity(get(name)).build();
    }

    @PUT
    @Path("/{name}")
    @Roles(Roles.ADMIN)
    public UserView update(@PathParam("name") String name, InputStream body, @Context SecurityContext sc) {
        JsonNode b = body(body);
        UserStore.User u = existing(name);
        String actor = Params.user(sc);
        boolean changeLink = b.has("personId");
        String personId = text(b, "personId");
        if (changeLink) {
            services.get(AccountService.class);
            if (personId != null) {
                checkPerson(personId);
            }
        }
        if (b.has("roles")) {
            Set<String> roles = roles(b.get("roles"));
            if (u.roles().contains(Roles.ADMIN) && !roles.contains(Roles.ADMIN)) {
                checkNotLastAdmin(name);
            }
            write(name, () -> store().setRoles(name, roles));
            Set<String> now = existing(name).roles();
            if (!now.equals(u.roles())) {
                audit(actor, "user-roles-changed", name, "roles " + String.join(",", now) + " (was "
                        + String.join(",", u.roles()) + ")");
                LOG.info("Roles of user '{}' changed by {}: {} (was {})", name, actor, now, u.roles());
            }
        }
        if (changeLink) {
            AccountService accounts = services.get(AccountService.class);
            if (personId == null) {
                accounts.unlink(name, actor);
            } else {
                accounts.link(name, personId, actor);
            }
        }
        return get(name);
    }

    @POST
    @Path("/{name}/password")
    @Roles(Roles.ADMIN)
    public Response password(@PathParam("name") String name, InputStream body, @Context SecurityContext sc) {
        JsonNode b = body(body);
        existing(name);
        String password = text(b, "password");
        checkPassword(password);
        write(name, () -> store().setPassword(name, password));
        String actor = Params.user(sc);
        audit(actor, "password-reset", name, null);
        LOG.info("Password of user '{}' reset by {}", name, actor);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{name}")
    @Roles(Roles.ADMIN)
    public Response delete(@PathParam("name") String name, @Context SecurityContext sc) {
        String actor = Params.user(sc);
        UserStore.User u = existing(name);
        if (name.equals(actor)) {
            throw new ApiException(409, "self", "you cannot delete your own user '" + name + "'");
        }
        if (u.roles().contains(Roles.ADMIN)) {
            checkNotLastAdmin(name);
        }
        write(name, () -> store().delete(name));
        if (services.available(AccountService.class)) {
            services.get(AccountService.class).unlink(name, actor);
        }
        audit(actor, "user-deleted", name, null);
        LOG.info("User '{}' deleted by {}", name, actor);
        return Response.noContent().build();
    }

    // ---- helpers ----

    /** The JSON object of a body; a parse error is answered without the body's text, which may hold a password. */
    private JsonNode body(InputStream in) {
        JsonNode b;
        try {
            b = bodies.tree(in);
        } catch (ApiException e) {
            if ("malformed-json".equals(e.code())) {
                throw ApiException.badRequest("malformed-json", "request body is not valid JSON");
            }
            throw e;
        }
        if (!b.isObject()) {
            throw ApiException.badRequest("invalid-body", "the body is a JSON object");
        }
        return b;
    }

    private UserStore store() {
        if (store == null) {
            throw new ApiException(503, "users-unavailable", "the users file is not known here (no karaf.etc)");
        }
        return store;
    }

    private UserStore.User existing(String name) {
        UserStore.User u = store().user(name);
        if (u == null) {
            throw ApiException.notFound("unknown-user", "user '" + name + "' does not exist");
        }
        return u;
    }

    private UserView view(UserStore.User u, String personId) {
        String personName = null;
        if (personId != null && services.available(PersonService.class)) {
            personName = services.get(PersonService.class).person(personId, null).map(Person::name).orElse(null);
        }
        return new UserView(u.name(), List.copyOf(u.roles()), u.groups(), personId, personName);
    }

    private void checkNotLastAdmin(String name) {
        boolean other = store().users().stream().anyMatch(x -> !x.name().equals(name)
                && x.roles().contains(Roles.ADMIN));
        if (!other) {
            throw new ApiException(409, "last-admin", "user '" + name + "' is the last admin; make another user"
                    + " admin first");
        }
    }

    private void checkPerson(String personId) {
        services.get(AccountService.class);
        if (services.get(PersonService.class).person(personId, null).isEmpty()) {
            throw ApiException.notFound("unknown-person", "person '" + personId + "' does not exist");
        }
    }

    private static void checkPassword(String password) {
        try {
            UserStore.checkPassword(password);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-password", e.getMessage());
        }
    }

    private static Set<String> roles(JsonNode node) {
        if (node == null || node.isNull()) {
            return Set.of();
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("invalid-roles", "roles is a list of role names");
        }
        Set<String> out = new TreeSet<>();
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            JsonNode r = it.next();
            if (!r.isTextual() || !UserStore.ROLES.contains(r.asText())) {
                throw ApiException.badRequest("unknown-role", "roles must be among " + new TreeSet<>(UserStore.ROLES)
                        + ", not " + r);
            }
            out.add(r.asText());
        }
        return out;
    }

    private static String text(JsonNode b, String field) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.badRequest("invalid-" + field.toLowerCase(java.util.Locale.ROOT), field
                    + " must be a string");
        }
        return n.asText().isBlank() ? null : n.asText();
    }

    /**
     * Changes the users file, then makes the user's cached sign-in and its tokens stop working now.
     *
     * @throws ApiException 503 {@code users-unwritable} when the file cannot be written
     */
    private void write(String name, Runnable change) {
        try {
            change.run();
        } catch (UncheckedIOException e) {
            throw new ApiException(503, "users-unwritable", "the users file could not be written: "
                    + e.getCause().getMessage());
        } catch (UnsupportedOperationException e) {
            throw new ApiException(503, "encryption-unsupported", e.getMessage());
        } finally {
            authenticator.forget(name);
            tokens.revoke(name);
        }
    }

    private void audit(String actor, String action, String name, String detail) {
        if (services.available(AuditService.class)) {
            services.get(AuditService.class).record(actor, action, SUBJECT, name, detail);
        } else {
            LOG.warn("Audit service absent: {} of user '{}' by {} not audited", action, name, actor);
        }
    }
}
