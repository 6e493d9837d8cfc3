package org.gatehouse.rest.internal.common;

/** Id checks of the resources whose records are created and replaced by id (sites, zones, devices, persons, shifts). */
public final class Ids {
    private Ids() {
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
}
