package org.gatehouse.device.gate.hikvision.internal;

import org.gatehouse.support.http.Multipart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gatehouse.api.access.TerminalEvent;

/**
 * Reads what a terminal pushes: {@code multipart/form-data} with the event JSON in a part named
 * {@code AccessControllerEvent} (some firmware: {@code event_log}) and the face picture in a part {@code Picture}, or
 * the JSON alone as the body. A heartbeat is {@code "eventType":"heartBeat"}; an access-control event with
 * {@code majorEventType} 5 and {@code subEventType} 75 (face matched) or 76 (face not matched) is a passage; anything
 * else is another event the driver ignores.
 */
final class EventParser {
    static final int MAJOR_EVENT = 5;
    static final int FACE_PASSED = 75;
    static final int FACE_FAILED = 76;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What a push was. */
    sealed interface Parsed permits Heartbeat, Passage, Other {
    }

    /** A heartbeat: the terminal is alive. */
    record Heartbeat() implements Parsed {
    }

    /** A face passed or failed. */
    record Passage(TerminalEvent event) implements Parsed {
    }

    /** Any other event, described for the debug log. */
    record Other(String what) implements Parsed {
    }

    private final String deviceId;
    private final ZoneId zone;

    /** @param zone the zone of a {@code dateTime} without offset */
    EventParser(String deviceId, ZoneId zone) {
        this.deviceId = deviceId;
        this.zone = zone;
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with the push
     */
    Parsed parse(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        byte[] json;
        Multipart.Part picture = null;
        if (type.startsWith("multipart/")) {
            String boundary = Multipart.boundary(contentType);
            if (boundary == null) {
                throw new IllegalArgumentException("multipart content type without a boundary");
            }
            List<Multipart.Part> parts = Multipart.parse(body, boundary);
            Multipart.Part event = null;
            for (Multipart.Part p : parts) {
                String name = p.name();
                if (event == null && (name.equalsIgnoreCase("AccessControllerEvent") || name.equalsIgnoreCase("event_log")
                        || p.contentType().startsWith("application/json"))) {
                    event = p;
                } else if (picture == null && (name.equalsIgnoreCase("Picture") || p.contentType().startsWith("image/"))) {
                    picture = p;
                }
            }
            if (event == null) {
                throw new IllegalArgumentException("no AccessControllerEvent or event_log part");
            }
            json = event.body();
        } else if (type.startsWith("application/json") || type.startsWith("text/") || type.isEmpty()) {
            json = body;
        } else {
            throw new IllegalArgumentException("unsupported content type " + contentType);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("event is not JSON: "
                    + e.getMessage().lines().findFirst().orElse("invalid JSON"));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("event is not a JSON object");
        }
        String eventType = root.path("eventType").asText("");
        if (eventType.equalsIgnoreCase("heartBeat")) {
            return new Heartbeat();
        }
        JsonNode ace = root.get("AccessControllerEvent");
        if (ace == null || !ace.isObject()) {
            if (eventType.isEmpty()) {
                throw new IllegalArgumentException("event without eventType");
            }
            return new Other(eventType);
        }
        int major = ace.path("majorEventType").asInt(-1);
        int sub = ace.path("subEventType").asInt(-1);
        if (major != MAJOR_EVENT || sub != FACE_PASSED && sub != FACE_FAILED) {
            return new Other("AccessControllerEvent " + major + "/" + sub);
        }
        String dateTime = text(root, "dateTime");
        Instant time = time(dateTime);
        String person = text(ace, "employeeNoString");
        if (person == null) {
            person = text(ace, "employeeNo");
        }
        String serial = text(ace, "serialNo");
        String key;
        if (serial != null) {
            // the serial number restarts after a reset of the terminal: the time keeps keys apart
            key = "sn" + serial + (dateTime == null ? "" : "@" + dateTime);
        } else if (dateTime != null) {
            key = dateTime + "/" + (person == null ? "-" : person);
        } else {
            throw new IllegalArgumentException("event without serialNo and dateTime");
        }
        Float temperature = null;
        JsonNode t = ace.get("currTemperature");
        if (t != null && !t.isNull()) {
            if (t.isNumber() || t.isTextual() && t.asText().matches("-?\\d+(\\.\\d+)?")) {
                temperature = (float) t.asDouble();
            } else {
                throw new IllegalArgumentException("currTemperature '" + t.asText() + "' is not a number");
            }
        }
        JsonNode f = ace.get("isAbnomalTemperature");
        Boolean fever = f == null || f.isNull() ? null : f.asBoolean();
        byte[] image = picture == null || picture.body().length == 0 ? null : picture.body();
        return new Passage(new TerminalEvent(deviceId, key.length() > 200 ? key.substring(0, 200) : key, person,
                sub == FACE_PASSED, temperature, fever, image, image == null ? null : format(picture), time));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    private Instant time(String dateTime) {
        if (dateTime == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(dateTime).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("dateTime '" + dateTime + "' is not an ISO 8601 time");
            }
        }
    }

    private static String format(Multipart.Part picture) {
        byte[] b = picture.body();
        boolean png = picture.contentType().startsWith("image/png")
                || b.length > 3 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
        return png ? "png" : "jpg";
    }
}
