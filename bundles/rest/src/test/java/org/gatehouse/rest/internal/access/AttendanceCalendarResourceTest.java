package org.gatehouse.rest.internal.access;

import static org.gatehouse.rest.internal.people.FaceResourceTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.AttendanceFixture;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.rest.internal.InMemoryServices;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.TestServer;
import org.gatehouse.rest.internal.people.FaceResourceTest;
import org.gatehouse.rest.internal.people.FaceResourceTest.Res;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attendance calendar, rules, records and report on the real server with the core's attendance service on Derby
 * (the school of {@link AttendanceFixture}): roles, a teacher limited to its class, bad input, the CSV and XLSX files.
 */
class AttendanceCalendarResourceTest {
    static Platform core;
    static TestServer server;
    static HttpClient http;

    @BeforeAll
    static void start() {
        core = TestDb.platform();
        AttendanceFixture.seed(core);
        core.persons.savePerson(new Person("t-32", "Teacher 3-2", PersonRole.STAFF, null, null, null, "3-2"), "t");
        core.accounts.link("teacher", "t-32", "t");
        InMemoryServices mem = new InMemoryServices();
        server = TestServer.start(new Services(core.sites, core.events, mem.alarms, core.audit, mem.outbox,
                mem.health, mem.control, core.persons, mem.faces, core.passages, core.accounts, core.attendance));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        FaceResourceTest.base = server.base;
        FaceResourceTest.http = http;
    }

    @AfterAll
    static void stop() {
        server.close();
        core.stop();
    }

    static Res send(String method, String path, String user, String json) throws Exception {
        return FaceResourceTest.send(method, path, user, json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<byte[]> download(String path, String user) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(FaceResourceTest.base + path))
                .header("Authorization", FaceResourceTest.basic(user)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void termsCalendarAndRules() throws Exception {
        Res terms = send("GET", "/attendance/terms", "teacher", null);
        assertEquals(200, terms.status(), terms.body());
        assertEquals("2026-09-01", terms.json().get(0).get("from").asText());
        Res saved = send("PUT", "/attendance/terms/2027-spring", "admin",
                "{\"name\":\"2027 春季学期\",\"from\":\"2027-02-22\",\"to\":\"2027-07-09\"}");
        assertEquals(200, saved.status(), saved.body());
        assertEquals("2027 春季学期", saved.json().get("name").asText());
        assertError(send("PUT", "/attendance/terms/x", "admin", "{\"name\":\"x\",\"from\":\"2027-02-22\","
                + "\"to\":\"2027-02-21\"}"), 400, "bad-term");
        assertError(send("PUT", "/attendance/terms/x", "guard", "{\"name\":\"x\",\"from\":\"2027-02-22\","
                + "\"to\":\"2027-02-23\"}"), 403, "forbidden");
        assertEquals(204, send("DELETE", "/attendance/terms/2027-spring", "admin", null).status());
        assertError(send("DELETE", "/attendance/terms/2027-spring", "admin", null), 404, "unknown-term");

        Res cal = send("GET", "/attendance/calendar?from=2026-09-28&to=2026-10-11", "guard", null);
        assertEquals(200, cal.status(), cal.body());
        assertEquals(2, cal.json().get("days").size());
        assertEquals("国庆节", cal.json().get("days").get(0).get("note").asText());
        List<String> school = new ArrayList<>();
        cal.json().get("schoolDays").forEach(n -> school.add(n.asText()));
        assertEquals(List.of("2026-09-28", "2026-09-29", "2026-09-30", "2026-10-02", "2026-10-05", "2026-10-06",
                "2026-10-07", "2026-10-08", "2026-10-09", "2026-10-10"), school);
        Res day = send("PUT", "/attendance/calendar/2026-10-02", "admin", "{\"schoolDay\":false,\"note\":\"国庆节\"}");
        assertEquals(200, day.status(), day.body());
        assertEquals(false, day.json().get("schoolDay").asBoolean());
        assertEquals(204, send("DELETE", "/attendance/calendar/2026-10-02", "admin", null).status());
        assertError(send("PUT", "/attendance/calendar/2026-13-02", "admin", "{\"schoolDay\":false}"), 400,
                "invalid-parameter");
        assertError(send("PUT", "/attendance/calendar/2026-10-02", "admin", "{\"note\":\"x\"}"), 400, "bad-day");
        assertError(send("GET", "/attendance/calendar?from=2026-10-11&to=2026-09-28", "guard", null), 400,
                "bad-range");

        Res rule = send("PUT", "/attendance/rules/4", "admin", "{\"arriveBy\":\"07:55\",\"leaveAfter\":\"16:10\"}");
        assertEquals(200, rule.status(), rule.body());
        assertEquals("07:55", rule.json().get("arriveBy").asText());
        Res rules = send("GET", "/attendance/rules", "teacher", null);
        assertEquals(3, rules.json().size(), rules.body());
        assertEquals("16:30", rules.json().get(1).get("leaveAfter").asText());
        assertError(send("PUT", "/attendance/rules/4", "admin", "{\"arriveBy\":\"17:00\",\"leaveAfter\":\"16:10\"}"),
                400, "bad-rule");
        assertEquals(204, send("DELETE", "/attendance/rules/4", "admin", null).status());
        assertEquals(2, send("GET", "/attendance/rules", "teacher", null).json().size(), "nothing else changed");
    }

    @Test
    void recordsAndSummaryWithTeacherScoping() throws Exception {
        Res all = send("GET", "/attendance/records?from=2026-09-07&to=2026-09-07", "guard", null);
        assertEquals(200, all.status(), all.body());
        assertEquals(5, all.json().size());
        assertEquals("ABSENT", all.json().get(4).get("status").asText());
        Res late = send("GET", "/attendance/records?from=2026-09-07&to=2026-09-07&status=LATE", "guard", null);
        assertEquals(1, late.json().size());
        assertEquals("stu2", late.json().get(0).get("personId").asText());
        Res mine = send("GET", "/attendance/records?from=2026-09-07&to=2026-09-07", "teacher", null);
        assertEquals(2, mine.json().size(), "a teacher sees its own class");
        assertError(send("GET", "/attendance/records?from=2026-09-07&to=2026-09-07&group=5-1", "teacher", null),
                403, "not-your-class");
        assertError(send("GET", "/attendance/records?from=2026-09-07&to=2026-09-07", "teacher2", null), 403,
                "no-class");
        assertError(send("GET", "/attendance/records?from=2026-09-07&to=2026-09-07", "parent", null), 403,
                "forbidden");
        assertError(send("GET", "/attendance/records?from=2026-9-7&to=2026-09-07", "guard", null), 400,
                "invalid-parameter");
        assertError(send("GET", "/attendance/records?to=2026-09-07", "guard", null), 400, "invalid-parameter");
        assertError(send("GET", "/attendance/records?from=2026-09-07&to=2027-09-08", "guard", null), 400,
                "bad-range");
        assertError(send("GET", "/attendance/records?from=2026-09-07&to=2026-09-07&status=LOST", "guard", null),
                400, "invalid-parameter");

        Res school = send("GET", "/attendance/summary?from=2026-09-07&to=2026-09-07&group=*", "guard", null);
        assertEquals(200, school.status(), school.body());
        assertEquals(5, school.json().get(0).get("students").asInt());
        assertEquals(2, school.json().get(0).get("late").asInt());
        Res cls = send("GET", "/attendance/summary?from=2026-09-07&to=2026-09-07", "teacher", null);
        assertEquals(1, cls.json().size());
        assertEquals("3-2", cls.json().get(0).get("group").asText());
        assertError(send("GET", "/attendance/summary?from=2026-09-07&to=2026-09-07&group=*", "teacher", null), 403,
                "not-your-class");
        // the existing day view still answers
        assertEquals(200, send("GET", "/attendance?date=2026-09-07", "guard", null).status());
    }

    @Test
    void csvAndXlsxReports() throws Exception {
        HttpResponse<byte[]> csv = download("/attendance/report?from=2026-09-07&to=2026-09-08&group=3-2&format=csv",
                "guard");
        assertEquals(200, csv.statusCode(), new String(csv.body(), StandardCharsets.UTF_8));
        assertEquals("text/csv;charset=utf-8", csv.headers().firstValue("Content-Type").orElseThrow()
                .replace(" ", "").toLowerCase(java.util.Locale.ROOT));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElseThrow()
                .contains("filename=\"attendance-2026-09-07-2026-09-08-3-2.csv\""));
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertEquals('\uFEFF', text.charAt(0));
        assertEquals(List.of("\uFEFF日期,班级,学号,姓名,状态,首次进校,最后离校,请假单",
                "2026-09-07,3-2,stu1,Student 1,出勤,07:45,16:40,", "2026-09-07,3-2,stu2,Student 2,迟到,08:10,,",
                "2026-09-08,3-2,stu1,Student 1,缺勤,,,", "2026-09-08,3-2,stu2,Student 2,缺勤,,,"),
                List.of(text.split("\r\n")));

        HttpResponse<byte[]> xlsx = download("/attendance/report?from=2026-09-01&to=2026-09-30&by=month&lang=en",
                "guard");
        assertEquals(200, xlsx.statusCode());
        assertEquals("attachment; filename=\"attendance-2026-09-01-2026-09-30.xlsx\"; "
                + "filename*=UTF-8''attendance-2026-09-01-2026-09-30.xlsx",
                xlsx.headers().firstValue("Content-Disposition").orElseThrow());
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<Sheet> sheets = wb.getSheets().toList();
            assertEquals(List.of("Attendance", "Class totals"), sheets.stream().map(Sheet::getName).toList());
            List<Row> rows = sheets.get(0).read();
            assertEquals("School days", rows.get(0).getCell(4).getText());
            assertEquals(6, rows.size(), "one row per student of September");
            // stu4 (5-1): 22 school days in September 2026, late on the 7th and left early, absent otherwise
            Row stu4 = rows.stream().filter(r -> "stu4".equals(r.getCell(2).getText())).findFirst().orElseThrow();
            assertEquals(List.of("2026-09", "5-1", "stu4", "Student 4", "22", "0", "1", "21", "1", "0"),
                    stu4.stream().map(c -> c.getType() == org.dhatim.fastexcel.reader.CellType.NUMBER
                            ? c.getRawValue() : c.getText()).toList());
            List<Row> totals = sheets.get(1).read();
            assertEquals(4, totals.size());
            assertEquals("3-2", totals.get(1).getCell(0).getText());
            assertEquals("44", totals.get(1).getCell(1).getRawValue());
        }

        HttpResponse<byte[]> teacher = download("/attendance/report?from=2026-09-07&to=2026-09-07&format=csv",
                "teacher");
        assertEquals(200, teacher.statusCode());
        assertTrue(teacher.headers().firstValue("Content-Disposition").orElseThrow().contains("-3-2.csv"),
                "a teacher's report is its class's");
        assertEquals(3, new String(teacher.body(), StandardCharsets.UTF_8).split("\r\n").length);
        assertEquals(403, download("/attendance/report?from=2026-09-07&to=2026-09-07&group=4-1", "teacher")
                .statusCode());
        assertError(send("GET", "/attendance/report?from=2026-09-07&to=2026-09-07&format=pdf", "guard", null), 400,
                "bad-format");
        assertError(send("GET", "/attendance/report?from=2026-09-07&to=2026-09-07&by=week", "guard", null), 400,
                "bad-by");
        assertError(send("GET", "/attendance/report?from=2026-09-07&to=2026-09-07&lang=fr", "guard", null), 400,
                "bad-lang");
        assertError(send("GET", "/attendance/report?from=yesterday&to=2026-09-07", "guard", null), 400,
                "invalid-parameter");
    }
}
