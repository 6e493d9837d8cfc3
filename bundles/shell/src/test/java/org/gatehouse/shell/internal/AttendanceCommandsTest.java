package org.gatehouse.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.AttendanceFixture;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gatehouse:calendar, gatehouse:attendance-rules and gatehouse:attendance-report on core's attendance on Derby. */
class AttendanceCommandsTest {
    @TempDir
    Path dir;
    private final Platform core = TestDb.platform();

    @BeforeEach
    void seed() {
        AttendanceFixture.seed(core);
    }

    @AfterEach
    void stop() {
        core.stop();
    }

    private CalendarCommand calendar() {
        CalendarCommand c = new CalendarCommand();
        c.attendance = core.attendance;
        return c;
    }

    @Test
    void calendarListsAndChangesDays() throws Exception {
        String[] out = Capture.run(calendar());
        List<String> lines = out[0].lines().toList();
        assertEquals("term 2026-autumn    2026-09-01..2027-01-20  2026 秋季学期", lines.get(0));
        assertEquals("2026-10-01 THU no school  国庆节", lines.get(1));
        assertEquals("2026-10-10 SAT school day 调休", lines.get(2));

        CalendarCommand add = calendar();
        add.holiday = "2026-10-02";
        add.note = "国庆节";
        assertTrue(Capture.run(add)[0].startsWith("Saved 2026-10-02 FRI no school"));
        assertFalse(core.attendance.schoolDay(LocalDate.of(2026, 10, 2)));
        CalendarCommand makeUp = calendar();
        makeUp.schoolDay = "2026-09-27";
        Capture.run(makeUp);
        assertTrue(core.attendance.schoolDay(LocalDate.of(2026, 9, 27)));
        CalendarCommand remove = calendar();
        remove.remove = "2026-10-02";
        Capture.run(remove);
        assertTrue(core.attendance.schoolDay(LocalDate.of(2026, 10, 2)));

        CalendarCommand bad = calendar();
        bad.holiday = "2026-10-32";
        out = Capture.run(bad);
        assertEquals("", out[0]);
        assertTrue(out[1].contains("invalid-parameter"), out[1]);
        CalendarCommand badTerm = calendar();
        badTerm.term = "t";
        badTerm.name = "x";
        badTerm.from = "2027-02-01";
        badTerm.to = "2027-01-01";
        assertTrue(Capture.run(badTerm)[1].contains("bad-term"));
        assertEquals(1, core.attendance.terms().size());
    }

    @Test
    void rulesListSetAndRemove() throws Exception {
        AttendanceRulesCommand list = new AttendanceRulesCommand();
        list.attendance = core.attendance;
        assertEquals(List.of("grade *    arrive by 08:00  leave after 16:00", "grade 3    arrive by 07:50  leave after 16:30"),
                Capture.run(list)[0].lines().toList());
        AttendanceRulesCommand set = new AttendanceRulesCommand();
        set.attendance = core.attendance;
        set.grade = "4";
        set.arriveBy = "07:40";
        set.leaveAfter = "17:00";
        Capture.run(set);
        assertEquals("07:40", core.attendance.rule("4-1").orElseThrow().arriveBy().toString());
        set.arriveBy = "7h40";
        assertTrue(Capture.run(set)[1].contains("invalid-time"));
        set.arriveBy = "18:00";
        assertTrue(Capture.run(set)[1].contains("bad-rule"));
        AttendanceRulesCommand remove = new AttendanceRulesCommand();
        remove.attendance = core.attendance;
        remove.remove = "4";
        Capture.run(remove);
        assertEquals(2, core.attendance.rules().size());
    }

    private AttendanceReportCommand report(String out) {
        AttendanceReportCommand r = new AttendanceReportCommand();
        r.attendance = core.attendance;
        r.sites = core.sites;
        r.from = "2026-09-07";
        r.to = "2026-09-07";
        r.out = out;
        return r;
    }

    @Test
    void reportWritesTheFileTheRestApiAnswers() throws Exception {
        AttendanceReportCommand csv = report(dir.resolve("sept.csv").toString());
        csv.lang = "en";
        String[] out = Capture.run(csv);
        assertTrue(out[0].startsWith("Wrote " + dir.resolve("sept.csv") + " (5 day records"), out[0] + out[1]);
        String text = Files.readString(dir.resolve("sept.csv"), StandardCharsets.UTF_8);
        assertEquals("\uFEFFDate,Class,Student ID,Name,Status,First in,Last out,Leave pass", text.lines().findFirst()
                .orElseThrow());
        assertEquals("2026-09-07,5-1,stu5,Student 5,Absent,,,", text.lines().toList().get(5));

        AttendanceReportCommand xlsx = report(dir.toString());
        xlsx.group = "3-2";
        xlsx.by = "month";
        Capture.run(xlsx);
        Path file = dir.resolve("attendance-2026-09-07-2026-09-07-3-2.xlsx");
        try (ReadableWorkbook wb = new ReadableWorkbook(Files.newInputStream(file))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(3, rows.size());
            assertEquals("月份", rows.get(0).getCell(0).getText());
            assertEquals("stu2", rows.get(2).getCell(2).getText());
        }

        AttendanceReportCommand bad = report(dir.resolve("x.xlsx").toString());
        bad.to = "2026-09-01";
        out = Capture.run(bad);
        assertTrue(out[1].contains("bad-range"), out[1]);
        bad = report(dir.resolve("nowhere/x.xlsx").toString());
        assertTrue(Capture.run(bad)[1].contains("no-such-file"));
        bad = report(dir.resolve("x.xlsx").toString());
        bad.format = "pdf";
        assertTrue(Capture.run(bad)[1].contains("bad-format"));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "nothing written by the refused reports, no temporary file left");
        }
    }
}
