package org.gatehouse.support.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.access.DayRecord;
import org.junit.jupiter.api.Test;

/** The report files written and read back: the CSV as text, the XLSX through a real XLSX reader. */
class AttendanceReportTest {
    static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    static final LocalDate D1 = LocalDate.of(2026, 9, 7);
    static final LocalDate D2 = LocalDate.of(2026, 10, 9);

    static List<DayRecord> records() {
        return List.of(
                new DayRecord("stu1", "王小明", "3-2", D1, D1.atTime(7, 45).atZone(SH).toInstant(),
                        D1.atTime(16, 40).atZone(SH).toInstant(), DayRecord.PRESENT, null),
                new DayRecord("stu2", "Li, \"Lei\"", "3-2", D1, null, null, DayRecord.EXCUSED, 7L),
                new DayRecord("stu3", "=cmd", "4-1", D1, D1.atTime(8, 30).atZone(SH).toInstant(),
                        D1.atTime(15, 0).atZone(SH).toInstant(), DayRecord.LATE_LEFT_EARLY, null),
                new DayRecord("stu1", "王小明", "3-2", D2, D2.atTime(8, 10).atZone(SH).toInstant(), null,
                        DayRecord.LATE, null));
    }

    static byte[] write(AttendanceReport.By by, AttendanceReport.Format f, String lang) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new AttendanceReport(by, f, lang, SH).write(records(), out);
        return out.toByteArray();
    }

    /** Every sheet of an XLSX as rows of cell texts. */
    static List<List<List<String>>> read(byte[] xlsx) throws Exception {
        List<List<List<String>>> sheets = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet s : wb.getSheets().toList()) {
                List<List<String>> rows = new ArrayList<>();
                for (Row r : s.read()) {
                    rows.add(r.stream().map(c -> c == null ? "" : text(c)).collect(Collectors.toList()));
                }
                sheets.add(rows);
            }
        }
        return sheets;
    }

    private static String text(Cell c) {
        return switch (c.getType()) {
            case NUMBER -> c.getRawValue();
            default -> c.getText();
        };
    }

    @Test
    void csvByDayIsUtf8WithBomQuotedAndOneTable() throws Exception {
        byte[] csv = write(AttendanceReport.By.DAY, AttendanceReport.Format.CSV, null);
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(csv[0], csv[1], csv[2]));
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertEquals("日期,班级,学号,姓名,状态,首次进校,最后离校,请假单\r\n"
                + "2026-09-07,3-2,stu1,王小明,出勤,07:45,16:40,\r\n"
                + "2026-09-07,3-2,stu2,\"Li, \"\"Lei\"\"\",请假,,,7\r\n"
                + "2026-09-07,4-1,stu3,'=cmd,迟到且早退,08:30,15:00,\r\n"
                + "2026-10-09,3-2,stu1,王小明,迟到,08:10,,\r\n", text);
    }

    @Test
    void csvByMonthInEnglish() throws Exception {
        String text = new String(write(AttendanceReport.By.MONTH, AttendanceReport.Format.CSV, "en"),
                StandardCharsets.UTF_8).substring(1);
        assertEquals("Month,Class,Student ID,Name,School days,Present,Late,Absent,Left early,Excused\r\n"
                + "2026-09,3-2,stu2,\"Li, \"\"Lei\"\"\",1,0,0,0,0,1\r\n"
                + "2026-09,3-2,stu1,王小明,1,1,0,0,0,0\r\n"
                + "2026-09,4-1,stu3,'=cmd,1,0,1,0,1,0\r\n"
                + "2026-10,3-2,stu1,王小明,1,0,1,0,0,0\r\n", text);
    }

    @Test
    void xlsxByDayHasTheRowsAndTheClassTotals() throws Exception {
        List<List<List<String>>> sheets = read(write(AttendanceReport.By.DAY, AttendanceReport.Format.XLSX, "en"));
        assertEquals(2, sheets.size());
        List<List<String>> rows = sheets.get(0);
        assertEquals(List.of("Date", "Class", "Student ID", "Name", "Status", "First in", "Last out", "Leave pass"),
                rows.get(0));
        assertEquals(5, rows.size());
        assertEquals(List.of("3-2", "stu1", "王小明", "Present", "07:45", "16:40"), rows.get(1).subList(1, 7));
        assertEquals("7", rows.get(2).get(7));
        assertEquals("=cmd", rows.get(3).get(3), "no formula risk in a text cell of a sheet");
        assertEquals(List.of(List.of("Class", "Student days", "Present", "Late", "Absent", "Left early", "Excused"),
                List.of("3-2", "3", "1", "1", "0", "0", "1"), List.of("4-1", "1", "0", "1", "0", "1", "0")),
                sheets.get(1));
    }

    @Test
    void xlsxByMonthInChinese() throws Exception {
        List<List<String>> rows = read(write(AttendanceReport.By.MONTH, AttendanceReport.Format.XLSX, "zh-CN"))
                .get(0);
        assertEquals(List.of("月份", "班级", "学号", "姓名", "上学日", "出勤", "迟到", "缺勤", "早退", "请假"), rows.get(0));
        assertEquals(List.of("2026-10", "3-2", "stu1", "王小明", "1", "0", "1", "0", "0", "0"), rows.get(4));
    }

    @Test
    void badParametersAndTheFilename() {
        assertEquals("bad-by", assertThrows(GatehouseException.class, () -> AttendanceReport.by("week")).code());
        assertEquals("bad-format", assertThrows(GatehouseException.class,
                () -> AttendanceReport.format("pdf")).code());
        assertEquals("bad-lang", assertThrows(GatehouseException.class, () -> new AttendanceReport(
                AttendanceReport.By.DAY, AttendanceReport.Format.CSV, "fr", SH)).code());
        assertEquals(AttendanceReport.By.DAY, AttendanceReport.by(null));
        assertEquals(AttendanceReport.Format.XLSX, AttendanceReport.format(" XLSX "));
        assertEquals("attendance-2026-09-01-2026-09-30-3-2.xlsx", AttendanceReport.filename(D1.minusDays(6),
                LocalDate.of(2026, 9, 30), "3-2", AttendanceReport.Format.XLSX));
        assertEquals("attendance-2026-09-01-2026-09-30.csv", AttendanceReport.filename(D1.minusDays(6),
                LocalDate.of(2026, 9, 30), null, AttendanceReport.Format.CSV));
        assertEquals("attendance-2026-09-01-2026-09-30-a_b.csv", AttendanceReport.filename(D1.minusDays(6),
                LocalDate.of(2026, 9, 30), "a/b", AttendanceReport.Format.CSV));
    }
}
