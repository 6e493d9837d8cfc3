package org.gatehouse.device.camel.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;

/**
 * One received message as the rules see it: the payload text, its JSON document when the format is json, the Camel
 * headers (e.g. {@code CamelMqttTopic}) and the groups of the regex that matched, once a text rule matched.
 */
final class Message {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final Configuration PATHS = Configuration.defaultConfiguration().addOptions(Option.SUPPRESS_EXCEPTIONS);

    final String text;
    final Object document;
    final Map<String, Object> headers;
    Matcher groups;

    private Message(String text, Object document, Map<String, Object> headers) {
        this.text = text;
        this.document = document;
        this.headers = headers == null ? Map.of() : headers;
    }

    static Message text(String text, Map<String, Object> headers) {
        return new Message(text, null, headers);
    }

    /**
     * @throws IllegalArgumentException {@code not JSON: <reason>} when the payload is not one JSON document
     */
    static Message json(String text, Map<String, Object> headers) {
        try {
            Object doc = JSON.readValue(text, Object.class);
            if (doc == null) {
                throw new IllegalArgumentException("not JSON: the payload is empty or null");
            }
            return new Message(text, doc, headers);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
            throw new IllegalArgumentException("not JSON: " + reason.lines().findFirst().orElse("unreadable"));
        }
    }

    /** @return the value at a JSONPath, null when absent (or when the message is not JSON) */
    Object path(JsonPath path) {
        if (document == null) {
            return null;
        }
        try {
            return path.read(document, PATHS);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** @return a header, null when absent */
    Object header(String name) {
        return headers.get(name);
    }

    /** @return the n-th segment (from 0) of the MQTT topic, null when there is none */
    String topic(int n) {
        Object topic = headers.get("CamelMqttTopic");
        if (topic == null) {
            return null;
        }
        String[] parts = topic.toString().split("/", -1);
        return n < parts.length ? parts[n] : null;
    }

    /** @return a regex group of the rule that matched, null when absent */
    String group(String name) {
        if (groups == null) {
            return null;
        }
        try {
            return name.chars().allMatch(Character::isDigit) ? groups.group(Integer.parseInt(name))
                    : groups.group(name);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | IllegalStateException e) {
            return null;
        }
    }

    /** @return a value as text: strings as they are, numbers without exponent, documents as JSON; null for null */
    static String asText(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list && list.size() == 1) {
            return asText(list.get(0));
        }
        if (value instanceof Double || value instanceof Float) {
            BigDecimal d = new BigDecimal(value.toString()).stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
        }
        if (value instanceof Map || value instanceof List) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return String.valueOf(value);
            }
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return value.toString();
    }
}
