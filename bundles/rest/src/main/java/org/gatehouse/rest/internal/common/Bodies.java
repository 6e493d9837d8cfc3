package org.gatehouse.rest.internal.common;

import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads request bodies with the bundle's mapper and size limit.
 *
 * @param mapper   strict mapper from {@link Json#newMapper()}
 * @param maxBytes largest body accepted
 */
public record Bodies(ObjectMapper mapper, long maxBytes) {
    /** @return the body as the type; an empty body is refused */
    public <T> T read(InputStream in, Class<T> type) {
        return Json.read(mapper, Json.readBounded(in, maxBytes), type);
    }

    /** @return the body as the type, or null for an empty body */
    public <T> T readOptional(InputStream in, Class<T> type) {
        byte[] body = Json.readBounded(in, maxBytes);
        return Json.isBlank(body) ? null : Json.read(mapper, body, type);
    }

    /** @return the body as a JSON tree */
    public JsonNode tree(InputStream in) {
        return Json.readTree(mapper, Json.readBounded(in, maxBytes));
    }
}
