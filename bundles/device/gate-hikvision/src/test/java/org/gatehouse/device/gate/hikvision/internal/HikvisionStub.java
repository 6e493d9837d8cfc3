package org.gatehouse.device.gate.hikvision.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Hikvision face terminal as far as the driver sees it, written from the ISAPI shapes (no simulator exists in any
 * registry): Digest-protected ISAPI endpoints on the JDK's HTTP server at a free loopback port, users and faces kept in
 * maps, door commands and the HTTP listening host recorded. A face image that contains {@link #BAD_FACE} is refused
 * with {@code faceQualityTooLow}; {@link #down} makes it drop every connection; {@link #push} sends an event as the
 * terminal does. Depends on the JDK only, so benchmarks can drive it too.
 */
public final class HikvisionStub implements AutoCloseable {
    /** A face image containing these bytes is refused as {@code faceQualityTooLow}. */
    public static final byte[] BAD_FACE = "BAD-FACE".getBytes(StandardCharsets.US_ASCII);
    public static final String REALM = "DS-K1T671TM-3XF";

    private static final Pattern FIELD = Pattern.compile("\"(employeeNo|name|FPID|cmd)\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern EMPLOYEE = Pattern.compile("\"employeeNo\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern CMD = Pattern.compile("<cmd>\\s*([^<]*?)\\s*</cmd>");
    private static final HttpClient PUSHER = HttpClient.newHttpClient();

    static {
        // the JDK server writes the headers and the body of an answer separately: without TCP_NODELAY, Nagle and the
        // client's delayed ACK hold every answer ~40 ms, and the stub, not the driver, would set the pace
        // (read once, when the JDK's first HTTP server starts)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "hikvision-stub");
        t.setDaemon(true);
        return t;
    });
    private final String username;
    private final String password;
    private final String nonce = UUID.randomUUID().toString().replace("-", "");
    /** employeeNo -> name */
    private final Map<String, String> users = new ConcurrentHashMap<>();
    /** employeeNo (FPID) -> face image */
    private final Map<String, byte[]> faces = new ConcurrentHashMap<>();
    private final List<String> doors = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger challenges = new AtomicInteger();
    private final Set<Long> seenNc = ConcurrentHashMap.newKeySet();
    private volatile String httpHosts;
    private volatile boolean down;

    public HikvisionStub(String username, String password) throws IOException {
        this.username = username;
        this.password = password;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(pool);
        server.createContext("/ISAPI/", this::handle);
        server.start();
    }

    /** @return the ISAPI base, {@code http://127.0.0.1:<port>} */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** @return employee number -> name of the users held */
    public Map<String, String> users() {
        return Map.copyOf(users);
    }

    /** @return employee number -> face image held */
    public Map<String, byte[]> faces() {
        return Map.copyOf(faces);
    }

    /** @return door commands received, as {@code <door>:<cmd>} */
    public List<String> doorCommands() {
        return List.copyOf(doors);
    }

    /** @return the last HttpHostNotificationList received, null if none */
    public String httpHosts() {
        return httpHosts;
    }

    /** @return the authenticated requests, as {@code <method> <path>} (and {@code FPID} for faces) */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** @return how many 401 challenges were sent */
    public int challenges() {
        return challenges.get();
    }

    /** Makes the terminal drop every connection (true) or answer again (false). */
    public void down(boolean value) {
        down = value;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (down) {
                return; // closes without an answer: the client sees the connection end
            }
            if (!authorized(ex)) {
                challenges.incrementAndGet();
                ex.getResponseHeaders().add("WWW-Authenticate", "Digest qop=\"auth\", realm=\"" + REALM
                        + "\", nonce=\"" + nonce + "\", stale=\"FALSE\"");
                send(ex, 401, "text/html", "<html>401 Unauthorized</html>");
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            String text = new String(body, StandardCharsets.UTF_8);
            switch (method + " " + path) {
                case "GET /ISAPI/System/deviceInfo" -> {
                    requests.add(method + " " + path);
                    send(ex, 200, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DeviceInfo "
                            + "version=\"2.0\" xmlns=\"http://www.isapi.org/ver20/XMLSchema\"><deviceName>Stub"
                            + "</deviceName><model>" + REALM + "</model><serialNumber>STUB0001</serialNumber>"
                            + "<firmwareVersion>V3.2.30</firmwareVersion></DeviceInfo>");
                }
                case "POST /ISAPI/AccessControl/UserInfo/Record", "PUT /ISAPI/AccessControl/UserInfo/Modify" -> {
                    Map<String, String> f = fields(text);
                    String id = f.get("employeeNo");
                    requests.add(method + " " + path + " " + id);
                    boolean record = method.equals("POST");
                    if (id == null || !text.contains("\"Valid\"") || !text.contains("\"userType\"")) {
                        error(ex, 6, "badJsonContent", "UserInfo needs employeeNo, userType and Valid");
                    } else if (record && users.containsKey(id)) {
                        error(ex, 6, "employeeNoAlreadyExist", "employee number already exists");
                    } else if (!record && !users.containsKey(id)) {
                        error(ex, 6, "employeeNoNotExist", "employee number does not exist");
                    } else {
                        users.put(id, f.getOrDefault("name", ""));
                        ok(ex);
                    }
                }
                case "PUT /ISAPI/AccessControl/UserInfo/Delete" -> {
                    Matcher m = EMPLOYEE.matcher(text);
                    while (m.find()) {
                        requests.add(method + " " + path + " " + m.group(1));
                        users.remove(m.group(1));
                        faces.remove(m.group(1));
                    }
                    ok(ex);
                }
                case "POST /ISAPI/Intelligent/FDLib/FaceDataRecord", "PUT /ISAPI/Intelligent/FDLib/FDModify" ->
                        face(ex, method, path, body);
                case "PUT /ISAPI/Event/notification/httpHosts" -> {
                    requests.add(method + " " + path);
                    httpHosts = text;
                    okXml(ex);
                }
                default -> {
                    if (method.equals("PUT") && path.startsWith("/ISAPI/AccessControl/RemoteControl/door/")) {
                        Matcher m = CMD.matcher(text);
                        String door = path.substring(path.lastIndexOf('/') + 1);
                        requests.add(method + " " + path);
                        if (!m.find() || !Set.of("open", "close", "alwaysOpen", "alwaysClose").contains(m.group(1))) {
                            sendXml(ex, 400, 6, "badXmlContent");
                        } else {
                            doors.add(door + ":" + m.group(1));
                            okXml(ex);
                        }
                    } else {
                        sendXml(ex, 404, 4, "notSupport");
                    }
                }
            }
        }
    }

    private void face(HttpExchange ex, String method, String path, byte[] body) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        Matcher b = Pattern.compile("boundary=([^;\\s]+)").matcher(type == null ? "" : type);
        if (!b.find()) {
            error(ex, 6, "badParameters", "multipart/form-data expected");
            return;
        }
        Map<String, byte[]> parts = parts(body, b.group(1));
        byte[] record = parts.get("FaceDataRecord");
        byte[] img = parts.get("img");
        String fpid = record == null ? null : fields(new String(record, StandardCharsets.UTF_8)).get("FPID");
        requests.add(method + " " + path + " " + fpid);
        if (fpid == null || img == null || img.length == 0) {
            error(ex, 6, "badParameters", "FaceDataRecord with FPID and img expected");
        } else if (!users.containsKey(fpid)) {
            error(ex, 6, "employeeNoNotExist", "no user " + fpid);
        } else if (indexOf(img, BAD_FACE) >= 0) {
            error(ex, 6, "faceQualityTooLow", "face quality too low");
        } else if (method.equals("POST") && faces.containsKey(fpid)) {
            error(ex, 6, "deviceUserAlreadyExistFace", "the user already has a face");
        } else {
            faces.put(fpid, img);
            ok(ex);
        }
    }

    /** Checks the Digest answer (RFC 7616, MD5, qop=auth) against the user, the password and the current nonce. */
    private boolean authorized(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Digest ")) {
            return false;
        }
        Map<String, String> p = new HashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]*))").matcher(header.substring(7));
        while (m.find()) {
            p.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        if (!username.equals(p.get("username")) || !nonce.equals(p.get("nonce")) || !"auth".equals(p.get("qop"))) {
            return false;
        }
        String uri = ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
        if (!uri.equals(p.get("uri"))) {
            return false;
        }
        String ha1 = md5(username + ":" + REALM + ":" + password);
        String ha2 = md5(ex.getRequestMethod() + ":" + uri);
        String expected = md5(ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
        if (!expected.equals(p.get("response"))) {
            return false;
        }
        return seenNc.add(Long.parseLong(p.get("nc"), 16)); // a replayed nonce count is refused
    }

    private static Map<String, String> fields(String json) {
        Map<String, String> out = new HashMap<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            out.putIfAbsent(m.group(1), m.group(2));
        }
        return out;
    }

    private static Map<String, byte[]> parts(byte[] body, String boundary) {
        Map<String, byte[]> out = new HashMap<>();
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] data = new byte[body.length + 2];
        data[0] = '\r';
        data[1] = '\n';
        System.arraycopy(body, 0, data, 2, body.length);
        int at = indexOf(data, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 1 < data.length && data[start] == '-' && data[start + 1] == '-') {
                break;
            }
            int headersEnd = indexOf(data, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            int next = indexOf(data, delimiter, headersEnd);
            if (headersEnd < 0 || next < 0) {
                break;
            }
            String headers = new String(data, start, headersEnd - start, StandardCharsets.UTF_8);
            Matcher n = Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
            if (n.find()) {
                out.put(n.group(1), java.util.Arrays.copyOfRange(data, headersEnd + 4, next));
            }
            at = next;
        }
        return out;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        return indexOf(data, pattern, 0);
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void ok(HttpExchange ex) throws IOException {
        send(ex, 200, "application/json", "{\"statusCode\":1,\"statusString\":\"OK\",\"subStatusCode\":\"ok\"}");
    }

    private static void error(HttpExchange ex, int code, String sub, String msg) throws IOException {
        send(ex, 400, "application/json", "{\"statusCode\":" + code + ",\"statusString\":\"Invalid Content\","
                + "\"subStatusCode\":\"" + sub + "\",\"errorCode\":1610637344,\"errorMsg\":\"" + msg + "\"}");
    }

    private static void okXml(HttpExchange ex) throws IOException {
        sendXml(ex, 200, 1, "ok");
    }

    private static void sendXml(HttpExchange ex, int http, int code, String sub) throws IOException {
        send(ex, http, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ResponseStatus version=\"2.0\""
                + " xmlns=\"http://www.isapi.org/ver20/XMLSchema\"><requestURL>" + ex.getRequestURI().getPath()
                + "</requestURL><statusCode>" + code + "</statusCode><statusString>" + (code == 1 ? "OK" : "Invalid")
                + "</statusString><subStatusCode>" + sub + "</subStatusCode></ResponseStatus>");
    }

    private static void send(HttpExchange ex, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- what the terminal pushes ----

    /**
     * The JSON of an access-control event as the terminal pushes it.
     *
     * @param subEventType 75 face passed, 76 face not matched
     * @param employeeNo   the person, null for none
     * @param temperature  null for none
     * @param dateTime     ISO 8601 with offset, e.g. {@code 2026-12-02T07:31:05+08:00}
     */
    public static String accessEvent(int serialNo, int subEventType, String employeeNo, Double temperature,
                                     Boolean abnormal, String dateTime) {
        StringBuilder ace = new StringBuilder("{\"deviceName\":\"Gate\",\"majorEventType\":5,\"subEventType\":")
                .append(subEventType).append(",\"cardReaderNo\":1,\"verifyNo\":1,\"serialNo\":").append(serialNo)
                .append(",\"currentVerifyMode\":\"face\",\"mask\":\"no\",\"picturesNumber\":1");
        if (employeeNo != null) {
            ace.append(",\"employeeNoString\":\"").append(employeeNo).append("\",\"name\":\"N ").append(employeeNo)
                    .append('"');
        }
        if (temperature != null) {
            ace.append(",\"thermometryUnit\":\"celsius\",\"currTemperature\":").append(temperature);
        }
        if (abnormal != null) {
            ace.append(",\"isAbnomalTemperature\":").append(abnormal);
        }
        ace.append('}');
        return "{\"ipAddress\":\"127.0.0.1\",\"portNo\":80,\"protocol\":\"HTTP\",\"macAddress\":\"00:00:00:00:00:01\","
                + "\"channelID\":1,\"dateTime\":\"" + dateTime + "\",\"activePostCount\":1,"
                + "\"eventType\":\"AccessControllerEvent\",\"eventState\":\"active\","
                + "\"eventDescription\":\"Access Controller Event\",\"AccessControllerEvent\":" + ace + "}";
    }

    /** @return the JSON of a heartbeat */
    public static String heartbeat(String dateTime) {
        return "{\"ipAddress\":\"127.0.0.1\",\"portNo\":80,\"protocol\":\"HTTP\",\"dateTime\":\"" + dateTime
                + "\",\"activePostCount\":1,\"eventType\":\"heartBeat\",\"eventState\":\"active\","
                + "\"eventDescription\":\"heartBeat\"}";
    }

    /**
     * Pushes an event as {@code multipart/form-data}: the JSON in a part of that name ({@code AccessControllerEvent}
     * or {@code event_log}) and, when given, the picture in a part {@code Picture} (image/jpeg).
     *
     * @return the HTTP status and body of the answer
     */
    public static HttpResponse<String> push(URI target, String jsonPart, String json, byte[] picture)
            throws IOException, InterruptedException {
        String boundary = "MIME_boundary" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + jsonPart + "\"\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + json.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + json + "\r\n").getBytes(StandardCharsets.UTF_8));
        if (picture != null) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"Picture\"; "
                    + "filename=\"Picture.jpg\"\r\nContent-Type: image/jpeg\r\nContent-Length: " + picture.length
                    + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(picture);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post(target, "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    /** Posts a raw body, as a terminal whose firmware sends the JSON alone or as a misbehaving one. */
    public static HttpResponse<String> post(URI target, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(target).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        return PUSHER.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the requests made to a path, e.g. the face records of one person */
    public List<String> requests(String prefix) {
        List<String> out = new ArrayList<>();
        for (String r : requests) {
            if (r.startsWith(prefix)) {
                out.add(r);
            }
        }
        return out;
    }
}
