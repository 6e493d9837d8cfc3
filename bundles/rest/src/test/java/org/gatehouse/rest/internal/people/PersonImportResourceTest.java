package org.gatehouse.rest.internal.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.cxf.Bus;
import org.gatehouse.api.PersonRole;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.rest.internal.InMemoryServices;
import org.gatehouse.rest.internal.PrivateBus;
import org.gatehouse.rest.internal.RestConfig;
import org.gatehouse.rest.internal.RestServer;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.TestAuthenticator;
import org.gatehouse.rest.internal.auth.TokenService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /persons/import on the real server (CXF + Jetty on loopback) with core's real person service on a real Derby:
 * roles, dry run, row errors as JSON, encoding errors and the body limit of the path.
 */
class PersonImportResourceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HEADER = "id,name,role,phone,email,language,group,guardian_of,relation,preferred_channel,"
            + "face_consent\n";
    static final long BODY_LIMIT = 65_536;
    static final long IMPORT_LIMIT = 1_048_576;
    static Platform core;
    static RestServer server;
    static Bus bus;
    static String base;
    static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        core = TestDb.platform();
        InMemoryServices mem = new InMemoryServices();
        Services services = new Services(mem.sites, mem.events, mem.alarms, core.audit, mem.outbox, mem.health,
                mem.control, core.persons, mem.faces);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port + "/api";
        server = new RestServer(services, new TestAuthenticator(),
                new TokenService(new byte[32], Duration.ofMinutes(480), Clock.systemUTC()),
                new RestConfig(480, BODY_LIMIT, 2_000_000, IMPORT_LIMIT));
        bus = PrivateBus.create();
        server.start(bus, base);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
        bus.shutdown(true);
        core.stop();
    }

    record Res(int status, JsonNode json) {
    }

    static Res post(String user, String query, String type, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/persons/import" + query))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Res(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
    }

    @Test
    void adminImportsAfterADryRunAndOthersMayNot() throws Exception {
        byte[] csv = ("\uFEFF" + HEADER + "r-stu-1,张小明,STUDENT,,,,3-2,,,,\n"
                + "r-g-1,\"张伟, 父亲\",GUARDIAN,+8613800000001,,zh-CN,,r-stu-1,father,sms,yes\n")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(403, post("teacher", "", "text/csv", csv).status());

        Res dry = post("admin", "?dryRun=true", "text/csv; charset=utf-8", csv);
        assertEquals(200, dry.status(), String.valueOf(dry.json()));
        assertTrue(dry.json().get("dryRun").asBoolean());
        assertFalse(dry.json().get("written").asBoolean());
        assertEquals(2, dry.json().get("created").asInt());
        assertTrue(core.persons.person("r-stu-1", null).isEmpty(), "a dry run writes nothing");

        Res done = post("admin", "", "text/csv", csv);
        assertEquals(200, done.status(), String.valueOf(done.json()));
        assertTrue(done.json().get("written").asBoolean());
        assertEquals(1, done.json().get("bindings").asInt());
        assertEquals("张伟, 父亲", core.persons.person("r-g-1", null).orElseThrow().name());
        assertEquals(PersonRole.GUARDIAN, core.persons.person("r-g-1", null).orElseThrow().role());
        assertEquals("r-g-1", core.persons.guardians("r-stu-1").get(0).guardianId());
        assertEquals("admin", core.audit.query("person", null, null, 0, 1).items().get(0).actor());
    }

    @Test
    void invalidRowsAre400WithEveryProblemAndNothingIsWritten() throws Exception {
        byte[] csv = (HEADER + "e-stu-1,李雷,STUDENT,,,,3-2,,,,\n"
                + "e-g-1,韩梅梅,GUARDIAN,12ab,,,,e-stu-404,,,\n"
                + ",x,WIZARD,,,,,,,,\n").getBytes(StandardCharsets.UTF_8);
        Res r = post("admin", "", "text/csv", csv);
        assertEquals(400, r.status());
        assertEquals("invalid-rows", r.json().get("error").asText());
        assertEquals(3, r.json().get("rows").asInt());
        JsonNode p = r.json().get("problems");
        assertEquals(4, p.size(), p.toString());
        assertEquals(3, p.get(0).get("row").asInt());
        assertEquals("bad-phone", p.get(0).get("code").asText());
        assertEquals("phone", p.get(0).get("column").asText());
        assertEquals("unknown-student", p.get(1).get("code").asText());
        assertEquals("missing-id", p.get(2).get("code").asText());
        assertEquals("bad-role", p.get(3).get("code").asText());
        assertTrue(core.persons.person("e-stu-1", null).isEmpty());
    }

    @Test
    void fileLevelErrorsAndLimits() throws Exception {
        byte[] gbk = (HEADER + "k-1,张小明,STUDENT,,,,,,,,\n").getBytes(Charset.forName("GBK"));
        Res enc = post("admin", "", "text/csv", gbk);
        assertEquals(400, enc.status());
        assertEquals("csv-encoding", enc.json().get("error").asText());

        assertEquals("invalid-parameter", post("admin", "?dryRun=maybe", "text/csv", gbk).json().get("error").asText());
        assertEquals(415, post("admin", "", "application/json", "{}".getBytes(StandardCharsets.UTF_8)).status());

        // larger than the general body limit, within the import limit: accepted on this path
        StringBuilder big = new StringBuilder(HEADER);
        for (int i = 0; big.length() <= BODY_LIMIT * 2; i++) {
            big.append("big-").append(i).append(",学生").append(i).append(",STUDENT,,,,1-1,,,,\n");
        }
        Res ok = post("admin", "?dryRun=true", "text/csv", big.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(200, ok.status(), String.valueOf(ok.json()));
        byte[] tooBig = new byte[(int) IMPORT_LIMIT + 1];
        java.util.Arrays.fill(tooBig, (byte) 'a');
        assertEquals(413, post("admin", "", "text/csv", tooBig).status());
    }
}
