package org.gatehouse.rest.internal.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The bundle's own ObjectMapper and strict reading of request bodies. */
public final class Json {
    private Json() {
    }

    /**
     * @return a mapper writing ISO-8601 dates, leaving out nulls, and refusing unknown fields, trailing data and
     *         numbers or booleans where strings are expected
     */
    public static ObjectMapper newMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /**
     * Reads a whole body, counting bytes so that a chunked body cannot exceed the limit.
     *
     * @throws ApiException 413 when more than {@code max} bytes arrive
     */
    public static byte[] readBounded(InputStream in, long max) {
        if (in == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long total = 0;
        try {
            int n;
            while ((n = in.read(buf)) != -1) {
                total += n;
                if (total > max) {
                    throw ApiException.tooLarge(max);
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable-body", "request body could not be read: " + e.getMessage());
        }
        return out.toByteArray();
    }

    /** @return true if the body holds only white space */
    public static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a body into a tree.
     *
     * @throws ApiException 400 {@code malformed-json} or {@code empty-body}
     */
    public static JsonNode readTree(ObjectMapper mapper, byte[] body) {
        if (isBlank(body)) {
            throw ApiException.badRequest("empty-body", "a JSON request body is required");
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** Converts a tree into a type, with the same strictness as parsing. */
    public static <T> T convert(ObjectMapper mapper, JsonNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            throw translate(e);
        }
    }

    /** Parses a body into a type; a blank body is refused. */
    public static <T> T read(ObjectMapper mapper, byte[] body, Class<T> type) {
        if (isBlank(body)) {
            throw ApiException.badRequest("empty-body", "a JSON request body is required");
        }
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** Maps Jackson's exceptions to 400 answers with a short message and no internals. */
    static ApiException translate(Exception e) {
        if (e instanceof ApiException a) {
            return a;
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return ApiException.badRequest("unknown-field", "unknown field '" + path(u) + "'");
        }
        if (e instanceof StreamReadException) {
            return ApiException.badRequest("malformed-json", "request body is not valid JSON: "
                    + oneLine(((JsonProcessingException) e).getOriginalMessage()));
        }
        if (e instanceof JsonMappingException m) {
            String where = path(m);
            String expected = m instanceof MismatchedInputException mi ? expectation(mi.getTargetType()) : null;
            if (expected == null) {
                Throwable cause = m.getCause();
                expected = cause instanceof IllegalArgumentException && cause.getMessage() != null
                        ? oneLine(cause.getMessage()) : "wrong type or value";
            }
            return ApiException.badRequest("invalid-field",
                    (where.isEmpty() ? "invalid value" : "invalid value for '" + where + "'") + ": " + expected);
        }
        if (e instanceof IllegalArgumentException) {
            return ApiException.badRequest("invalid-field", oneLine(e.getMessage()));
        }
        return ApiException.badRequest("malformed-json", "request body could not be read");
    }

    /** @return what a JSON value of the type looks like, without Java class names */
    static String expectation(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == String.class) {
            return "expected a string";
        }
        if (type.isEnum()) {
            return "expected one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "expected an ISO-8601 instant such as 2024-05-01T08:00:00Z";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "expected true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "expected a number";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "expected an object of string values";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "expected an array";
        }
        return "expected an object";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.replaceAll("\\s+", " ").trim();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
