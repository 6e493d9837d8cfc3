package org.gatehouse.rest.internal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.access.Attendance;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.access.PassageQuery;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.auth.AuthFilter;
import org.gatehouse.rest.internal.auth.Authenticator;
import org.gatehouse.rest.internal.auth.Identity;
import org.gatehouse.rest.internal.auth.LoginThrottle;
import org.gatehouse.rest.internal.auth.TokenService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live stream on real HTTP (the servlet on the Jetty of CXF's test transport, on loopback) with the core's event
 * spine, alarms, persons, outbox and devices on Derby: sign-in, each message kind, the teacher and guardian filters, and the
 * robustness rules (connection cap, overflow, disconnect, shutdown).
 */
class StreamServletTest {
    static final Map<String, Set<String>> USERS = Map.of(
            "admin", Set.of("admin"),
            "guard", Set.of("security"),
            "teacher", Set.of("teacher"),
            "parent", Set.of("guardian"),
            "gate", Set.of("device"));
    static final ObjectMapper JSON = new ObjectMapper();

    static final List<StreamHub> HUBS = new java.util.concurrent.CopyOnWriteArrayList<>();
    static Platform core;
    static Passages passages = new Passages();
    static Services services;
    static TokenService tokens = new TokenService(new byte[32], Duration.ofMinutes(10), Clock.systemUTC());
    static Running main;
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("derby.stream.error.file", "target/derby.log");
        // the core announces stored events as the OSGi layer posts them to EventAdmin: to every running hub
        core = new Platform(TestDb.newDataSource(), (topic, props) -> HUBS.forEach(h -> h.published(topic, props)),
                new TestDb.Channels(), Platform.Settings.defaults());
        TestDb.seed(core);
        core.sites.saveDevice(new Device("gate-1", "s1", null, "facegate", "http", "Gate 1", DeviceStatus.UNKNOWN,
                Map.of("direction", "in")), "t");
        core.persons.savePerson(new Person("stu1", "Student 1", PersonRole.STUDENT, null, null, null, "3-2"), "t");
        core.persons.savePerson(new Person("stu2", "Student 2", PersonRole.STUDENT, null, null, null, "3-3"), "t");
        core.persons.savePerson(new Person("t1", "Teacher", PersonRole.STAFF, null, null, null, "3-2"), "t");
        core.persons.savePerson(new Person("g1", "Parent", PersonRole.GUARDIAN, "+8613800000000", null, null, null),
                "t");
        core.persons.bind(new GuardianBinding("g1", "stu1", "mother", "sms", true), "t");
        core.accounts.link("teacher", "t1", "t");
        core.accounts.link("parent", "g1", "t");
        core.start();
        services = new Services(core.sites, core.events, core.alarms, core.audit, core.persons, core.outbox,
                passages, core.accounts);
        main = Running.start(new StreamConfig(20, 1000, 200, 100, 60_000));
    }

    @AfterAll
    static void stop() throws Exception {
        main.close();
        core.stop();
    }

    @Test
    void helloNamesTheUserAndRoles() throws Exception {
        try (Sse sse = Sse.open(main, bearer("guard"))) {
            assertEquals(200, sse.status);
            assertTrue(sse.contentType.startsWith("text/event-stream"), sse.contentType);
            assertTrue(sse.contentType.toLowerCase().contains("charset=utf-8"), sse.contentType);
            assertEquals("no-cache", sse.cacheControl);
            Msg hello = sse.next("hello");
            assertEquals("1", hello.id);
            assertEquals("guard", hello.json().get("user").asText());
            assertEquals("security", hello.json().get("roles").get(0).asText());
        }
    }

    @Test
    void basicCredentialsWorkToo() throws Exception {
        try (Sse sse = Sse.open(main, "Basic " + Base64.getEncoder().encodeToString(
                "admin:admin-pw".getBytes(StandardCharsets.UTF_8)))) {
            assertEquals("admin", sse.next("hello").json().get("user").asText());
        }
    }

    @Test
    void storedEventArrivesWithIncreasingIds() throws Exception {
        try (Sse sse = Sse.open(main, bearer("guard"))) {
            sse.next("hello");
            String id = core.events.ingest(event("fence-1", "fence.intrusion", Map.of())).event().id();
            Msg m = sse.next("event");
            assertEquals(id, m.json().get("id").asText());
            assertEquals("fence.intrusion", m.json().get("type").asText());
            assertTrue(Long.parseLong(m.id) > 1);
        }
    }

    @Test
    void aVisitEventArrivesAsEventAndAsVisitForSecurityOnly() throws Exception {
        try (Sse guard = Sse.open(main, bearer("guard")); Sse teacher = Sse.open(main, bearer("teacher"))) {
            guard.next("hello");
            teacher.next("hello");
            String id = core.events.ingest(event("fence-1", "visit.arrived", Map.of("visitId", "7"))).event().id();
            assertEquals(id, guard.next("event").json().get("id").asText());
            Msg visit = guard.next("visit");
            assertEquals(id, visit.json().get("id").asText());
            assertEquals("7", visit.json().get("attributes").get("visitId").asText());
            // a teacher gets no events (the visitor helper decides what a host sees); a marker passage comes after
            passage(13, "stu1");
            teacher.next("passage");
            assertFalse(teacher.seen.stream().anyMatch(x -> x.event.equals("visit")), teacher.seen.toString());
        }
    }

    @Test
    void alarmTransitionArrivesWithTheAlarmAfterIt() throws Exception {
        try (Sse sse = Sse.open(main, bearer("guard"))) {
            sse.next("hello");
            SecurityEvent e = core.events.ingest(event("fence-1", "fence.cut", Map.of())).event();
            long id = core.alarms.raise(e, "fence cut").id();
            JsonNode raised = sse.next("alarm").json();
            assertEquals(id, raised.get("id").asLong());
            assertEquals("RAISED", raised.get("state").asText());
            core.alarms.acknowledge(id, "guard", "on my way");
            JsonNode acked = sse.next("alarm").json();
            assertEquals("ACKNOWLEDGED", acked.get("state").asText());
            assertEquals("on my way", acked.get("note").asText());
        }
    }

    @Test
    void outboxAndDeviceChangesArriveFromTheSharedPoll() throws Exception {
        try (Sse sse = Sse.open(main, bearer("admin"))) {
            sse.next("hello");
            Thread.sleep(300); // the poll takes its first view of the outbox and the devices
            OutboxService.OutboxMessage m = core.outbox.enqueue("sms", null, "alarm", "+8613900000000", "en", null,
                    "hello", Map.of(), null);
            assertEquals(m.id(), sse.next("outbox").json().get("id").asText());
            core.sites.updateDeviceStatus("fence-1", DeviceStatus.OFFLINE, "cable");
            JsonNode d = sse.next("device").json();
            assertEquals("fence-1", d.get("id").asText());
            assertEquals("OFFLINE", d.get("status").asText());
        }
    }

    @Test
    void guardianSeesOnlyItsOwnChildsPassages() throws Exception {
        try (Sse sse = Sse.open(main, bearer("parent"))) {
            sse.next("hello");
            SecurityEvent e = core.events.ingest(event("fence-1", "fence.cut", Map.of())).event();
            core.alarms.raise(e, "not for parents");
            passage(2, "stu2");
            passage(1, "stu1");
            Msg m = sse.next("passage");
            assertEquals("stu1", m.json().get("personId").asText());
            assertFalse(sse.seen.stream().anyMatch(x -> !x.event.equals("hello") && !x.event.equals("passage")),
                    sse.seen.toString());
            assertEquals(1, sse.seen.stream().filter(x -> x.event.equals("passage")).count());
        }
    }

    @Test
    void teacherSeesTheVisitEventsOfItsOwnVisitsOnly() throws Exception {
        try (Sse sse = Sse.open(main, bearer("teacher"))) {
            sse.next("hello");
            core.events.ingest(event("fence-1", "visit.pending", Map.of("hostId", "t9", "visitId", "1")));
            core.events.ingest(event("fence-1", "visit.arrived", Map.of("hostId", "t1", "visitId", "2")));
            Msg m = sse.next("event");
            assertEquals("visit.arrived", m.json().get("type").asText());
            assertEquals("2", m.json().get("attributes").get("visitId").asText());
            assertEquals(1, sse.seen.stream().filter(x -> x.event.equals("event")).count(), sse.seen.toString());
        }
        try (Sse sse = Sse.open(main, bearer("guard"))) {
            sse.next("hello");
            core.events.ingest(event("fence-1", "visit.pending", Map.of("hostId", "t9", "visitId", "3")));
            assertEquals("visit.pending", sse.next("event").json().get("type").asText());
        }
    }

    @Test
    void teacherSeesAlarmsAndThePassagesOfItsClassOnly() throws Exception {
        try (Sse sse = Sse.open(main, bearer("teacher"))) {
            sse.next("hello");
            SecurityEvent e = core.events.ingest(event("fence-1", "fence.climb", Map.of())).event();
            core.alarms.raise(e, "climb");
            assertEquals("fence.climb", sse.next("alarm").json().get("type").asText());
            passage(12, "stu2");
            passage(11, "stu1");
            assertEquals(11, sse.next("passage").json().get("id").asLong());
            assertFalse(sse.seen.stream().anyMatch(x -> x.event.equals("event")), sse.seen.toString());
            assertEquals(1, sse.seen.stream().filter(x -> x.event.equals("passage")).count());
        }
    }

    @Test
    void noCredentialsGive401AndDeviceAccountsGet403() throws Exception {
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(main.url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, none.statusCode());
        assertEquals("missing-credentials", JSON.readTree(none.body()).get("error").asText());
        assertTrue(none.headers().firstValue("WWW-Authenticate").isPresent());
        HttpResponse<String> console = http.send(HttpRequest.newBuilder(URI.create(main.url))
                .header("X-Requested-With", "gatehouse-console").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, console.statusCode());
        assertFalse(console.headers().firstValue("WWW-Authenticate").isPresent(), "no browser dialog over the console");
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(main.url))
                .header("Authorization", "Bearer gh1.bad.token").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, bad.statusCode());
        assertEquals("invalid-token", JSON.readTree(bad.body()).get("error").asText());
        HttpResponse<String> device = http.send(HttpRequest.newBuilder(URI.create(main.url))
                .header("Authorization", bearer("gate")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, device.statusCode());
        assertEquals("forbidden", JSON.readTree(device.body()).get("error").asText());
    }

    @Test
    void connectionsBeyondTheCapGet503() throws Exception {
        try (Running small = Running.start(new StreamConfig(1, 10, 200, 100, 60_000));
             Sse first = Sse.open(small, bearer("guard"))) {
            first.next("hello");
            HttpResponse<String> second = http.send(HttpRequest.newBuilder(URI.create(small.url))
                    .header("Authorization", bearer("guard")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, second.statusCode());
            assertEquals("stream-full", JSON.readTree(second.body()).get("error").asText());
        }
    }

    @Test
    void aClientThatReadsTooSlowlyGetsOverflowAndIsClosed() throws Exception {
        try (Running small = Running.start(new StreamConfig(5, 5, 60_000, 60_000, 60_000));
             Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", small.port), 5000);
            request(socket, bearer("guard"));
            await(() -> small.hub.size() == 1);
            String big = "x".repeat(32 * 1024);
            for (int i = 0; i < 5000 && small.hub.size() > 0; i++) {
                small.hub.deliver("event", Map.of("n", i, "pad", big), Audience::everything);
            }
            assertEquals(0, small.hub.size(), "the slow client is dropped at once");
            socket.setSoTimeout(10_000);
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(all.contains("event: hello"));
            assertTrue(all.endsWith("event: overflow\ndata: {\"queued\":5,\"message\":\"the client read too slowly;"
                    + " reconnect\"}\n\n"), all.substring(Math.max(0, all.length() - 200)));
        }
    }

    @Test
    void aClientThatGoesAwayIsRemoved() throws Exception {
        try (Running small = Running.start(new StreamConfig(5, 100, 100, 60_000, 60_000))) {
            Socket socket = new Socket("127.0.0.1", small.port);
            request(socket, bearer("guard"));
            await(() -> small.hub.size() == 1);
            socket.getInputStream().read(new byte[64]);
            socket.close();
            await(() -> small.hub.size() == 0);
        }
    }

    @Test
    void closingTheHubEndsEveryStream() throws Exception {
        Running small = Running.start(new StreamConfig(5, 100, 60_000, 60_000, 60_000));
        try (Socket socket = new Socket("127.0.0.1", small.port)) {
            request(socket, bearer("guard"));
            await(() -> small.hub.size() == 1);
            socket.setSoTimeout(10_000);
            // the stream is open (its hello arrived) before the hub closes: then the response must end
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[1024];
            while (!seen.toString().contains("event: hello")) {
                int n = socket.getInputStream().read(buf);
                assertTrue(n > 0, "the stream ended before its hello: " + seen);
                seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            small.hub.close();
            assertEquals(0, small.hub.size());
            socket.getInputStream().readAllBytes(); // returns only when the server ends the response
            assertTrue(seen.toString().contains("event: hello"), seen.toString());
        } finally {
            small.close();
        }
    }

    // ---- fixtures

    static String bearer(String user) {
        return "Bearer " + tokens.issue(new Identity(user, USERS.get(user))).token();
    }

    static SecurityEvent event(String device, String type, Map<String, String> attributes) {
        return new SecurityEvent(null, Instant.now(), null, device, null, type, Severity.INFO, attributes, null, null);
    }

    /** Records a passage and announces it on the spine as the core's capture does. */
    static void passage(long id, String personId) {
        passages.stored.put(id, new Passage(id, "gate-1", null, Passage.IN, personId, 0.9f, null, null,
                Instant.now(), null));
        core.events.ingest(event("gate-1", PassageService.EVENT_PASSAGE, Map.of("passageId", String.valueOf(id),
                "personId", personId)));
    }

    /** Sends an HTTP/1.0 request, so the streamed answer is neither chunked nor kept alive. */
    static void request(Socket socket, String authorization) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/stream HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }

    /** The stream servlet on Jetty (async-capable without a servlet context) at {@code /api/stream}, own hub. */
    static final class Running implements AutoCloseable {
        final Server jetty;
        final StreamHub hub;
        final int port;
        final String url;

        private Running(Server jetty, StreamHub hub, int port) {
            this.jetty = jetty;
            this.hub = hub;
            this.port = port;
            this.url = "http://127.0.0.1:" + port + "/api/stream";
        }

        static Running start(StreamConfig config) throws Exception {
            Authenticator users = (user, password) -> USERS.containsKey(user) && (user + "-pw").equals(password)
                    ? Optional.of(new Identity(user, USERS.get(user))) : Optional.empty();
            AuthFilter auth = new AuthFilter(users, tokens, new LoginThrottle(Clock.systemUTC()), services);
            StreamHub hub = new StreamHub(services, config);
            StreamServlet servlet = new StreamServlet(hub, auth, services);
            Server jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
            jetty.setHandler(new AbstractHandler() {
                @Override
                public void handle(String target, Request base, HttpServletRequest request,
                                   HttpServletResponse response) throws IOException, ServletException {
                    if ("/api/stream".equals(target)) {
                        base.setHandled(true);
                        servlet.service(request, response);
                    }
                }
            });
            jetty.start();
            HUBS.add(hub);
            return new Running(jetty, hub, ((ServerConnector) jetty.getConnectors()[0]).getLocalPort());
        }

        @Override
        public void close() throws Exception {
            HUBS.remove(hub);
            hub.close();
            jetty.stop();
        }
    }

    /** One message of the stream. */
    record Msg(String id, String event, String data) {
        JsonNode json() throws IOException {
            return JSON.readTree(data);
        }
    }

    /** A stream read by java.net.http line by line on a background thread. */
    static final class Sse implements AutoCloseable {
        final int status;
        final String contentType;
        final String cacheControl;
        final BlockingQueue<Msg> messages = new LinkedBlockingQueue<>();
        final List<Msg> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Stream<String> lines;
        private final Thread reader;

        private Sse(HttpResponse<Stream<String>> response) {
            status = response.statusCode();
            contentType = response.headers().firstValue("Content-Type").orElse("");
            cacheControl = response.headers().firstValue("Cache-Control").orElse("");
            lines = response.body();
            reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Sse open(Running running, String authorization) throws Exception {
            HttpRequest req = HttpRequest.newBuilder(URI.create(running.url)).header("Authorization", authorization)
                    .GET().build();
            return new Sse(http.sendAsync(req, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS));
        }

        private void read() {
            String[] m = new String[3];
            try {
                lines.forEach(line -> {
                    if (line.isEmpty()) {
                        if (m[1] != null) {
                            messages.add(new Msg(m[0], m[1], m[2]));
                        }
                        m[0] = null;
                        m[1] = null;
                        m[2] = null;
                    } else if (line.startsWith("id: ")) {
                        m[0] = line.substring(4);
                    } else if (line.startsWith("event: ")) {
                        m[1] = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        m[2] = m[2] == null ? line.substring(6) : m[2] + "\n" + line.substring(6);
                    }
                });
            } catch (RuntimeException e) {
                // the stream was closed
            }
        }

        /** @return the next message of that kind; every message read on the way is kept in {@link #seen} */
        Msg next(String event) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                Msg m = messages.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertNotNull(m, "no '" + event + "' message within 10 s; seen " + seen);
                seen.add(m);
                if (m.event.equals(event)) {
                    return m;
                }
            }
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    /** Passages the test records; the spine event announces them as the core's capture does. */
    static final class Passages implements PassageService {
        @Override
        public org.gatehouse.api.access.GateDecision decide(String d, org.gatehouse.api.recognition.Frame f, Float t,
                                                            java.time.Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.gatehouse.api.access.GateDecision record(org.gatehouse.api.access.TerminalEvent e) {
            throw new UnsupportedOperationException();
        }

        final Map<Long, Passage> stored = new ConcurrentHashMap<>();

        @Override
        public Passage capture(String deviceId, Frame snapshot, Float temperature, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<Passage> passages(PassageQuery query) {
            return new Page<>(List.copyOf(stored.values()), stored.size(), 0, 50);
        }

        @Override
        public Optional<Passage> passage(long id) {
            return Optional.ofNullable(stored.get(id));
        }

        @Override
        public byte[] snapshot(long passageId, String reader) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Attendance> attendance(java.time.LocalDate date, String group) {
            return List.of();
        }
    }
}
