package org.gatehouse.core.internal.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The column codec of flat string maps (event attributes, device properties, outbox data, notice variables): a JSON
 * object with its keys sorted, written and read by Jackson. An empty map is stored as NULL.
 */
public final class JsonMap {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };

    private JsonMap() {
    }

    /** @return the map as a JSON object with sorted keys, or null for a null or empty map */
    public static String encode(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string map cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @return the map of a stored JSON object (empty for null or blank); a value may be null */
    public static Map<String, String> decode(String json) {
        if (json == null || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad JSON map: " + e.getOriginalMessage(), e);
        }
    }
}
