package org.gatehouse.rest.internal;

/** Checks shared by the site, zone and device resources. */
final class Registry {
    private Registry() {
    }

    static void requireId(String id) {
        if (id == null || id.isBlank()) {
            throw ApiException.badRequest("missing-id", "id is required");
        }
    }

    /** A body may leave out the id of PUT; if it gives one it must be the path's. */
    static void checkId(String pathId, String bodyId) {
        if (bodyId != null && !bodyId.equals(pathId)) {
            throw ApiException.badRequest("id-mismatch", "body id '" + bodyId + "' differs from path id '"
                    + pathId + "'");
        }
    }
}
