package org.gatehouse.rest.internal.common;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

/**
 * The answers of the registries whose records are created, replaced and deleted by id (sites, zones, devices,
 * persons, shifts): 400 {@code missing-id} or {@code id-mismatch}, 409 {@code <kind>-exists}, 201 with a Location,
 * 200 or 201 on PUT, 404 or 204 on DELETE.
 */
public final class Records {
    private Records() {
    }

    /** @throws ApiException 400 {@code missing-id} for a missing id */
    public static void requireId(String id) {
        if (id == null || id.isBlank()) {
            throw ApiException.badRequest("missing-id", "id is required");
        }
    }

    /** A body may leave out the id of PUT; if it gives one it must be the path's. */
    public static void checkId(String pathId, String bodyId) {
        if (bodyId != null && !bodyId.equals(pathId)) {
            throw ApiException.badRequest("id-mismatch", "body id '" + bodyId + "' differs from path id '"
                    + pathId + "'");
        }
    }

    /**
     * POST: the id must be given and not taken.
     *
     * @return 201 with the saved record and its Location
     */
    public static <T> Response create(String kind, String id, Predicate<String> exists, Supplier<T> save,
                                      UriInfo uri) {
        requireId(id);
        if (exists.test(id)) {
            throw new ApiException(409, kind + "-exists", kind + " '" + id + "' already exists");
        }
        T saved = save.get();
        return Response.created(uri.getAbsolutePathBuilder().path(id).build()).entity(saved).build();
    }

    /**
     * PUT: a body id must be the path's.
     *
     * @return 200 with the saved record when it existed, 201 when the PUT created it
     */
    public static <T> Response replace(String pathId, String bodyId, Predicate<String> exists, Supplier<T> save) {
        checkId(pathId, bodyId);
        boolean existed = exists.test(pathId);
        return Response.status(existed ? 200 : 201).entity(save.get()).build();
    }

    /** @return 204 after deleting, or the 404 of {@code missing} when there is no such record */
    public static Response delete(String id, Predicate<String> exists, Function<String, ApiException> missing,
                                  Runnable delete) {
        if (!exists.test(id)) {
            throw missing.apply(id);
        }
        delete.run();
        return Response.noContent().build();
    }
}
