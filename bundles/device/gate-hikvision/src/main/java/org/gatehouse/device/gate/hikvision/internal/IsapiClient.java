package org.gatehouse.device.gate.hikvision.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gatehouse.api.access.RosterEntry;
import org.gatehouse.support.json.Json;

/**
 * The ISAPI calls the driver makes to one terminal, through {@link DigestClient}. Each call answers the terminal's
 * result ({@code ResponseStatus}, JSON or XML) as a {@link Status}; a terminal that cannot be reached, answers with a
 * server error without a result, or refuses the credentials throws an {@link IOException}.
 */
final class IsapiClient {
    static final String USER_RECORD = "/ISAPI/AccessControl/UserInfo/Record?format=json";
    static final String USER_MODIFY = "/ISAPI/AccessControl/UserInfo/Modify?format=json";
    static final String USER_DELETE = "/ISAPI/AccessControl/UserInfo/Delete?format=json";
    static final String FACE_RECORD = "/ISAPI/Intelligent/FDLib/FaceDataRecord?format=json";
    static final String FACE_MODIFY = "/ISAPI/Intelligent/FDLib/FDModify?format=json";
    static final String DOOR = "/ISAPI/AccessControl/RemoteControl/door/";
    static final String HTTP_HOSTS = "/ISAPI/Event/notification/httpHosts";
    static final String DEVICE_INFO = "/ISAPI/System/deviceInfo";

    /** ISAPI times of {@code timeType local}: no offset. */
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** The validity window of a person without an end: the far end the terminals accept. */
    static final String FAR_BEGIN = "2000-01-01T00:00:00";
    static final String FAR_END = "2037-12-31T23:59:59";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern XML_STATUS = Pattern.compile("<statusCode>\\s*(\\d+)\\s*</statusCode>");
    private static final Pattern XML_SUB = Pattern.compile("<subStatusCode>\\s*([^<]*?)\\s*</subStatusCode>");

    /**
     * The terminal's answer.
     *
     * @param statusCode    1 OK, 2 busy, 3 device error, 4 invalid operation, 5 invalid format, 6 invalid content,
     *                      7 reboot required
     * @param subStatusCode the code of the reason ({@code ok}, {@code faceQualityTooLow}, ...)
     * @param errorMsg      the terminal's text, may be null
     */
    record Status(int statusCode, String subStatusCode, String errorMsg) {
        static final Status OK = new Status(1, "ok", null);

        boolean ok() {
            return statusCode == 1;
        }

        /** @return whether the terminal as a whole is at fault (busy, error, reboot), rather than the request */
        boolean terminalFault() {
            return statusCode == 2 || statusCode == 3 || statusCode == 7;
        }

        @Override
        public String toString() {
            return "statusCode " + statusCode + " " + subStatusCode + (errorMsg == null ? "" : " (" + errorMsg + ")");
        }
    }

    private final DigestClient http;
    private final URI base;
    private final ZoneId zone;

    IsapiClient(URI base, String username, String password, Duration timeout, ZoneId zone) {
        this.http = new DigestClient(username, password, timeout);
        this.base = base;
        this.zone = zone;
    }

    URI base() {
        return base;
    }

    /** @return the terminal's model and firmware ({@code model}, {@code firmwareVersion}) from deviceInfo */
    Map<String, String> deviceInfo() throws IOException {
        HttpResponse<byte[]> r = http.send("GET", base.resolve(DEVICE_INFO), null, null);
        if (r.statusCode() != 200) {
            throw new IOException("deviceInfo answered HTTP " + r.statusCode());
        }
        String xml = new String(r.body(), StandardCharsets.UTF_8);
        Map<String, String> out = new LinkedHashMap<>();
        for (String tag : List.of("deviceName", "model", "firmwareVersion", "serialNumber")) {
            Matcher m = Pattern.compile("<" + tag + ">\\s*([^<]*?)\\s*</" + tag + ">").matcher(xml);
            if (m.find()) {
                out.put(tag, m.group(1));
            }
        }
        return out;
    }

    /** Adds a user, or modifies it when the terminal already holds that employee number. */
    Status putUser(RosterEntry e, int door) throws IOException {
        byte[] body = Json.write(Map.of("UserInfo", userInfo(e, door))).getBytes(StandardCharsets.UTF_8);
        Status s = call("POST", USER_RECORD, "application/json", body);
        if (!s.ok() && "employeeNoAlreadyExist".equals(s.subStatusCode())) {
            s = call("PUT", USER_MODIFY, "application/json", body);
        }
        return s;
    }

    Map<String, Object> userInfo(RosterEntry e, int door) {
        Map<String, Object> valid = new LinkedHashMap<>();
        valid.put("enable", true);
        valid.put("beginTime", e.validFrom() == null ? FAR_BEGIN : local(e.validFrom()));
        valid.put("endTime", e.validTo() == null ? FAR_END : local(e.validTo()));
        valid.put("timeType", "local");
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("employeeNo", e.personId());
        user.put("name", e.name() == null || e.name().isBlank() ? e.personId() : e.name());
        user.put("userType", "normal");
        user.put("Valid", valid);
        user.put("doorRight", Integer.toString(door));
        user.put("RightPlan", List.of(Map.of("doorNo", door, "planTemplateNo", "1")));
        return user;
    }

    private String local(Instant t) {
        String s = LocalDateTime.ofInstant(t.truncatedTo(ChronoUnit.SECONDS), zone).format(LOCAL);
        return s.compareTo(FAR_END) > 0 ? FAR_END : s;
    }

    /** Adds the face of a user, or replaces it when the user already has one. */
    Status putFace(String personId, byte[] jpeg) throws IOException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("faceLibType", "blackFD");
        record.put("FDID", "1");
        record.put("FPID", personId);
        String boundary = "gatehouse" + UUID.randomUUID().toString().replace("-", "");
        byte[] body = multipart(boundary, Json.write(record), jpeg);
        String type = "multipart/form-data; boundary=" + boundary;
        Status s = call("POST", FACE_RECORD, type, body);
        if (!s.ok() && "deviceUserAlreadyExistFace".equals(s.subStatusCode())) {
            s = call("PUT", FACE_MODIFY, type, body);
        }
        return s;
    }

    static byte[] multipart(String boundary, String json, byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + 512);
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"FaceDataRecord\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + json + "\r\n--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"img\"; filename=\"face.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(jpeg);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Deletes a user (and with it the user's face). */
    Status deleteUser(String personId) throws IOException {
        byte[] body = Json.write(Map.of("UserInfoDelCond",
                Map.of("EmployeeNoList", List.of(Map.of("employeeNo", personId))))).getBytes(StandardCharsets.UTF_8);
        return call("PUT", USER_DELETE, "application/json", body);
    }

    /** @param cmd {@code open}, {@code close}, {@code alwaysOpen}, {@code alwaysClose} */
    Status door(int door, String cmd) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<RemoteControlDoor version=\"2.0\" xmlns=\"http://www.isapi.org/ver20/XMLSchema\"><cmd>" + cmd
                + "</cmd></RemoteControlDoor>";
        return call("PUT", DOOR + door, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    /** Makes the terminal push its events (JSON) to the listen URL, as HTTP host 1. */
    Status httpHosts(URI listen) throws IOException {
        String path = listen.getRawPath() == null || listen.getRawPath().isEmpty() ? "/" : listen.getRawPath();
        if (listen.getRawQuery() != null) {
            path += "?" + listen.getRawQuery();
        }
        boolean https = "https".equalsIgnoreCase(listen.getScheme());
        int port = listen.getPort() > 0 ? listen.getPort() : https ? 443 : 80;
        String host = listen.getHost();
        boolean ip = host.matches("[0-9.]+") || host.contains(":");
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<HttpHostNotificationList version=\"2.0\" xmlns=\"http://www.isapi.org/ver20/XMLSchema\">"
                + "<HttpHostNotification><id>1</id><url>" + xmlText(path) + "</url>"
                + "<protocolType>" + (https ? "HTTPS" : "HTTP") + "</protocolType>"
                + "<parameterFormatType>JSON</parameterFormatType>"
                + "<addressingFormatType>" + (ip ? "ipaddress" : "hostname") + "</addressingFormatType>"
                + (ip ? "<ipAddress>" + xmlText(host.replaceAll("^\\[|]$", "")) + "</ipAddress>"
                : "<hostName>" + xmlText(host) + "</hostName>")
                + "<portNo>" + port + "</portNo><httpAuthenticationMethod>none</httpAuthenticationMethod>"
                + "</HttpHostNotification></HttpHostNotificationList>";
        return call("PUT", HTTP_HOSTS, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String xmlText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Sends a request and reads the terminal's result. */
    Status call(String method, String pathAndQuery, String contentType, byte[] body) throws IOException {
        HttpResponse<byte[]> r = http.send(method, base.resolve(pathAndQuery), contentType, body);
        Status s = status(r.body());
        if (s == null) {
            if (r.statusCode() / 100 == 2) {
                return Status.OK;
            }
            throw new IOException(method + " " + pathAndQuery.replaceFirst("\\?.*", "") + " answered HTTP "
                    + r.statusCode());
        }
        if (s.terminalFault()) {
            throw new IOException("terminal answered " + s);
        }
        return s;
    }

    /** @return the ISAPI result in a body (JSON {@code statusCode} or XML {@code ResponseStatus}), null if none */
    static Status status(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.startsWith("{")) {
            try {
                JsonNode n = MAPPER.readTree(text);
                if (n == null || !n.has("statusCode")) {
                    return null;
                }
                String sub = n.path("subStatusCode").asText(n.path("statusString").asText(""));
                String msg = n.hasNonNull("errorMsg") ? n.get("errorMsg").asText() : null;
                return new Status(n.get("statusCode").asInt(), sub, msg);
            } catch (IOException e) {
                return null;
            }
        }
        Matcher code = XML_STATUS.matcher(text);
        if (text.contains("ResponseStatus") && code.find()) {
            Matcher sub = XML_SUB.matcher(text);
            return new Status(Integer.parseInt(code.group(1)), sub.find() ? sub.group(1) : "", null);
        }
        return null;
    }
}
