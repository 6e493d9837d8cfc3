package org.gatehouse.rest.internal.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.NoticeService;
import org.gatehouse.api.service.TemplateService;
import org.gatehouse.rest.internal.InMemoryServices;
import org.gatehouse.rest.internal.RestConfig;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /templates, /duty and /notices through the real server: JSON in and out, roles, error codes. */
class NoticeResourcesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<Object[]> calls = new ArrayList<>();
    static TestServer server;
    static String base;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler h) {
        return (T) Proxy.newProxyInstance(NoticeResourcesTest.class.getClassLoader(), new Class<?>[] {type}, h);
    }

    @BeforeAll
    static void start() throws Exception {
        TemplateService templates = proxy(TemplateService.class, (p, m, a) -> {
            if (m.getName().equals("save")) {
                if (((String) a[3]).contains("{{umbrella}}")) {
                    throw GatehouseException.invalid("template-unknown-variable", "{{umbrella}} is not a variable");
                }
                return new TemplateService.Template((String) a[0], (String) a[1], (String) a[2], (String) a[3], true,
                        Instant.EPOCH, (String) a[4]);
            }
            if (m.getName().equals("template")) {
                return Optional.empty();
            }
            throw new UnsupportedOperationException(m.getName());
        });
        Person zhao = new Person("staff-zhao", "赵保安", PersonRole.STAFF, "+8613800000103", null, "zh-CN", null);
        DutyService.Shift night = new DutyService.Shift("n", null, "staff-zhao", "guard-room",
                List.of(DayOfWeek.MONDAY), LocalTime.of(20, 0), LocalTime.of(8, 0), null, null);
        DutyService duty = proxy(DutyService.class, (p, m, a) -> {
            if (m.getName().equals("onDuty")) {
                calls.add(new Object[] {"onDuty", a[0]});
                return List.of(new DutyService.OnDuty(night, zhao));
            }
            if (m.getName().equals("save")) {
                calls.add(new Object[] {"save", a[0]});
                DutyService.Shift x = (DutyService.Shift) a[0];
                return new DutyService.Shift("shift-1", x.siteId(), x.personId(), x.post(), x.days(), x.start(),
                        x.end(), x.from(), x.until());
            }
            if (m.getName().equals("shifts")) {
                return List.of(night);
            }
            throw new UnsupportedOperationException(m.getName());
        });
        NoticeService notices = proxy(NoticeService.class, (p, m, a) -> {
            if (m.getName().equals("create")) {
                NoticeService.Notice n = (NoticeService.Notice) a[0];
                calls.add(new Object[] {"create", n, a[1]});
                return new NoticeService.Notice("n-1", n.texts(), n.templateKind(), n.variables(), n.audience(),
                        n.schedule(), n.priority(), NoticeService.Status.SCHEDULED, Instant.EPOCH, (String) a[1],
                        Instant.EPOCH, 0);
            }
            if (m.getName().equals("markRead")) {
                if (!"g-1".equals(a[1])) {
                    throw GatehouseException.notFound("unknown-recipient", "not a recipient");
                }
                return true;
            }
            throw new UnsupportedOperationException(m.getName());
        });
        InMemoryServices mem = new InMemoryServices();
        Services services = new Services(mem.sites, mem.events, mem.alarms, mem.audit, mem.outbox, mem.health,
                mem.control, mem.people, mem.faces, templates, duty, notices);
        server = TestServer.start(services, new byte[32], new RestConfig(5, RestConfig.DEFAULT_MAX_BODY_BYTES,
                RestConfig.DEFAULT_MAX_UPLOAD_BYTES, RestConfig.DEFAULT_MAX_IMPORT_BYTES));
        base = server.base;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> send(String method, String path, String user, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pw")
                        .getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void aTeacherCreatesAWeeklyTemplateNotice() throws Exception {
        HttpResponse<String> r = send("POST", "/notices", "teacher", "{\"audience\":\"class:3-2\","
                + "\"templateKind\":\"notice.safety.fire\",\"variables\":{\"week\":\"3\"},\"schedule\":{\"repeat\":"
                + "\"WEEKLY\",\"day\":\"FRIDAY\",\"time\":\"16:00\",\"until\":\"2026-08-31\"}}");
        assertEquals(201, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/notices/n-1"));
        Object[] call = calls.stream().filter(c -> c[0].equals("create")).reduce((a, b) -> b).orElseThrow();
        NoticeService.Notice n = (NoticeService.Notice) call[1];
        assertEquals("teacher", call[2]);
        assertEquals(Map.of("week", "3"), n.variables());
        assertEquals(new NoticeService.Schedule(NoticeService.Repeat.WEEKLY, null, DayOfWeek.FRIDAY,
                LocalTime.of(16, 0), java.time.LocalDate.parse("2026-08-31")), n.schedule());
        assertEquals("SCHEDULED", json(r).path("status").asText());
        assertEquals(400, send("POST", "/notices", "teacher", "{\"audience\":\"school\",\"status\":\"DONE\"}")
                .statusCode(), "read-only fields are refused");
        assertEquals(403, send("POST", "/notices", "guard", "{\"audience\":\"school\"}").statusCode());
    }

    @Test
    void readMarksComeFromDevicesOrIntegrators() throws Exception {
        HttpResponse<String> r = send("POST", "/notices/n-1/read", "gate", "{\"personId\":\"g-1\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(json(r).path("marked").asBoolean());
        HttpResponse<String> unknown = send("POST", "/notices/n-1/read", "integ", "{\"personId\":\"g-9\"}");
        assertEquals(404, unknown.statusCode());
        assertEquals("unknown-recipient", json(unknown).path("error").asText());
        assertEquals(403, send("POST", "/notices/n-1/read", "teacher", "{\"personId\":\"g-1\"}").statusCode());
    }

    @Test
    void templateSaveErrorsAreBadRequestsWithTheirCode() throws Exception {
        HttpResponse<String> bad = send("PUT", "/templates/notice.closure/en", "admin",
                "{\"subject\":\"{{school}}\",\"body\":\"{{umbrella}}\"}");
        assertEquals(400, bad.statusCode());
        assertEquals("template-unknown-variable", json(bad).path("error").asText());
        HttpResponse<String> ok = send("PUT", "/templates/notice.closure/en", "admin",
                "{\"subject\":\"{{school}}\",\"body\":\"{{date}} {{reason}}\"}");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("admin", json(ok).path("updatedBy").asText());
        assertEquals(404, send("GET", "/templates/notice.closure/fr", "teacher", null).statusCode());
        assertEquals(403, send("PUT", "/templates/notice.closure/en", "teacher", "{}").statusCode());
    }

    @Test
    void dutyNowAndShiftsAsJson() throws Exception {
        HttpResponse<String> now = send("GET", "/duty/now?at=2026-11-23T19:00:00Z", "guard", null);
        assertEquals(200, now.statusCode(), now.body());
        assertEquals("staff-zhao", json(now).get(0).path("person").path("id").asText());
        assertTrue(json(now).get(0).path("shift").path("start").asText().startsWith("20:00"), now.body());
        assertEquals(Instant.parse("2026-11-23T19:00:00Z"), calls.stream().filter(c -> c[0].equals("onDuty"))
                .reduce((a, b) -> b).orElseThrow()[1]);
        assertEquals(400, send("GET", "/duty/now?at=tonight", "guard", null).statusCode());
        HttpResponse<String> created = send("POST", "/duty", "admin", "{\"personId\":\"staff-zhao\",\"post\":"
                + "\"leader\",\"days\":[\"SATURDAY\"],\"start\":\"22:00\",\"end\":\"06:00\"}");
        assertEquals(201, created.statusCode(), created.body());
        DutyService.Shift saved = (DutyService.Shift) calls.stream().filter(c -> c[0].equals("save"))
                .reduce((a, b) -> b).orElseThrow()[1];
        assertEquals(LocalTime.of(22, 0), saved.start());
        assertEquals(List.of(DayOfWeek.SATURDAY), saved.days());
        assertEquals(403, send("POST", "/duty", "guard", "{}").statusCode());
    }
}
