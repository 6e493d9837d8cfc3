package org.gatehouse.support.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Site;
import org.gatehouse.api.access.AttendanceSummary;
import org.gatehouse.api.access.DayRecord;

/**
 * The attendance report as a file, the same from the REST API and the shell: per student and school day, or per
 * student and month, as CSV (UTF-8 with a byte order mark so Excel reads Chinese, RFC 4180 quoting, CRLF lines, one
 * table) or XLSX (the table, and a second sheet with the totals per class). Column headers and statuses in zh-CN or
 * en.
 */
public final class AttendanceReport {
    /** The most rows one XLSX sheet holds (Excel's limit, without the header). */
    public static final int MAX_XLSX_ROWS = 1_048_575;
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    /** One row per student per school day, or per student per month. */
    public enum By {
        DAY, MONTH
    }

    public enum Format {
        CSV("csv", "text/csv; charset=UTF-8"),
        XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        public final String extension;
        public final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }
    }

    private static final Map<String, Map<String, String>> TEXT = Map.of(
            "zh-CN", Map.ofEntries(Map.entry("date", "日期"), Map.entry("month", "月份"), Map.entry("group", "班级"),
                    Map.entry("id", "学号"), Map.entry("name", "姓名"), Map.entry("status", "状态"),
                    Map.entry("firstIn", "首次进校"), Map.entry("lastOut", "最后离校"), Map.entry("pass", "请假单"),
                    Map.entry("days", "上学日"), Map.entry("students", "人次"), Map.entry("present", "出勤"),
                    Map.entry("late", "迟到"), Map.entry("absent", "缺勤"), Map.entry("leftEarly", "早退"),
                    Map.entry("excused", "请假"), Map.entry("sheet", "考勤"), Map.entry("totals", "班级汇总"),
                    Map.entry(DayRecord.PRESENT, "出勤"), Map.entry(DayRecord.LATE, "迟到"),
                    Map.entry(DayRecord.ABSENT, "缺勤"), Map.entry(DayRecord.LEFT_EARLY, "早退"),
                    Map.entry(DayRecord.LATE_LEFT_EARLY, "迟到且早退"), Map.entry(DayRecord.EXCUSED, "请假")),
            "en", Map.ofEntries(Map.entry("date", "Date"), Map.entry("month", "Month"), Map.entry("group", "Class"),
                    Map.entry("id", "Student ID"), Map.entry("name", "Name"), Map.entry("status", "Status"),
                    Map.entry("firstIn", "First in"), Map.entry("lastOut", "Last out"),
                    Map.entry("pass", "Leave pass"), Map.entry("days", "School days"),
                    Map.entry("students", "Student days"), Map.entry("present", "Present"),
                    Map.entry("late", "Late"), Map.entry("absent", "Absent"), Map.entry("leftEarly", "Left early"),
                    Map.entry("excused", "Excused"), Map.entry("sheet", "Attendance"),
                    Map.entry("totals", "Class totals"), Map.entry(DayRecord.PRESENT, "Present"),
                    Map.entry(DayRecord.LATE, "Late"), Map.entry(DayRecord.ABSENT, "Absent"),
                    Map.entry(DayRecord.LEFT_EARLY, "Left early"),
                    Map.entry(DayRecord.LATE_LEFT_EARLY, "Late and left early"),
                    Map.entry(DayRecord.EXCUSED, "Excused")));

    private final By by;
    private final Format format;
    private final Map<String, String> text;
    private final ZoneId zone;

    /**
     * @param lang {@code zh-CN} (also for null) or {@code en}
     * @param zone the time zone the first-in and last-out times are written in
     * @throws GatehouseException INVALID {@code bad-lang} for another language
     */
    public AttendanceReport(By by, Format format, String lang, ZoneId zone) {
        this.by = by;
        this.format = format;
        this.text = TEXT.get(lang == null || lang.isBlank() ? "zh-CN" : lang.trim());
        if (text == null) {
            throw GatehouseException.invalid("bad-lang", "lang must be zh-CN or en, not '" + lang + "'");
        }
        this.zone = zone;
    }

    /**
     * Parses {@code by}: {@code day} (also for null) or {@code month}.
     *
     * @throws GatehouseException INVALID {@code bad-by}
     */
    public static By by(String value) {
        if (value == null || value.isBlank() || "day".equalsIgnoreCase(value.trim())) {
            return By.DAY;
        }
        if ("month".equalsIgnoreCase(value.trim())) {
            return By.MONTH;
        }
        throw GatehouseException.invalid("bad-by", "by must be day or month, not '" + value + "'");
    }

    /**
     * Parses {@code format}: {@code xlsx} (also for null) or {@code csv}.
     *
     * @throws GatehouseException INVALID {@code bad-format}
     */
    public static Format format(String value) {
        if (value == null || value.isBlank() || "xlsx".equalsIgnoreCase(value.trim())) {
            return Format.XLSX;
        }
        if ("csv".equalsIgnoreCase(value.trim())) {
            return Format.CSV;
        }
        throw GatehouseException.invalid("bad-format", "format must be xlsx or csv, not '" + value + "'");
    }

    /**
     * Parses a day of a report's range, from a query parameter or a command option.
     *
     * @param name what the caller calls it ({@code from}, {@code --to})
     * @throws GatehouseException INVALID {@code invalid-parameter} unless the value is an ISO date
     */
    public static LocalDate day(String name, String value) {
        if (value == null || value.isBlank()) {
            throw GatehouseException.invalid("invalid-parameter", name + " is required (a day like 2026-09-01)");
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw GatehouseException.invalid("invalid-parameter", name + " must be a day like 2026-09-01, not '"
                    + value + "'");
        }
    }

    /**
     * @return the time zone of the first site that names a valid one (the school's), else Asia/Shanghai: the zone
     *         the report writes times in
     */
    public static ZoneId zone(List<Site> sites) {
        for (Site s : sites) {
            if (s.timezone() != null && !s.timezone().isBlank()) {
                try {
                    return ZoneId.of(s.timezone().trim());
                } catch (RuntimeException e) {
                    // a site with a bad zone: try the next
                }
            }
        }
        return ZoneId.of("Asia/Shanghai");
    }

    /** @return {@code attendance-<from>-<to>[-<group>].<ext>}, the group reduced to letters, digits, '-' and '_' */
    public static String filename(LocalDate from, LocalDate to, String group, Format format) {
        String g = group == null || group.isBlank() ? "" : "-" + group.trim().replaceAll("[^\\p{L}\\p{N}_-]", "_");
        return "attendance-" + from + "-" + to + g + "." + format.extension;
    }

    /** Writes the report of the records (ordered by date, class, name, as the attendance service gives them). */
    public void write(List<DayRecord> records, OutputStream out) throws IOException {
        List<String> header = header();
        List<List<Object>> rows = by == By.DAY ? dayRows(records) : monthRows(records);
        if (format == Format.CSV) {
            writeCsv(header, rows, out);
            return;
        }
        if (rows.size() > MAX_XLSX_ROWS) {
            throw GatehouseException.invalid("report-too-large", rows.size() + " rows are more than a sheet holds ("
                    + MAX_XLSX_ROWS + "): ask for one class, a shorter range, by=month or CSV");
        }
        Workbook wb = new Workbook(out, "Gatehouse", "1.0");
        Worksheet sheet = wb.newWorksheet(text.get("sheet"));
        fill(sheet, header, rows);
        Worksheet totals = wb.newWorksheet(text.get("totals"));
        fill(totals, List.of(text.get("group"), text.get("students"), text.get("present"), text.get("late"),
                text.get("absent"), text.get("leftEarly"), text.get("excused")), totals(records));
        wb.finish();
    }

    private List<String> header() {
        if (by == By.DAY) {
            return List.of(text.get("date"), text.get("group"), text.get("id"), text.get("name"), text.get("status"),
                    text.get("firstIn"), text.get("lastOut"), text.get("pass"));
        }
        return List.of(text.get("month"), text.get("group"), text.get("id"), text.get("name"), text.get("days"),
                text.get("present"), text.get("late"), text.get("absent"), text.get("leftEarly"),
                text.get("excused"));
    }

    private List<List<Object>> dayRows(List<DayRecord> records) {
        List<List<Object>> rows = new ArrayList<>(records.size());
        for (DayRecord r : records) {
            List<Object> row = new ArrayList<>(8);
            row.add(r.date());
            row.add(orEmpty(r.group()));
            row.add(r.personId());
            row.add(orEmpty(r.name()));
            row.add(text.getOrDefault(r.status(), r.status()));
            row.add(time(r.firstIn()));
            row.add(time(r.lastOut()));
            row.add(r.leavePass() == null ? "" : r.leavePass());
            rows.add(row);
        }
        return rows;
    }

    private List<List<Object>> monthRows(List<DayRecord> records) {
        // month, class, name, id: the order of the day records within a month
        Map<String, List<DayRecord>> runs = new TreeMap<>();
        for (DayRecord r : records) {
            String key = YearMonth.from(r.date()) + "\u0000" + orEmpty(r.group()) + "\u0000" + orEmpty(r.name())
                    + "\u0000" + r.personId();
            runs.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<List<Object>> rows = new ArrayList<>(runs.size());
        for (List<DayRecord> run : runs.values()) {
            DayRecord first = run.get(0);
            rows.add(counts(List.of(YearMonth.from(first.date()).toString(), orEmpty(first.group()),
                    first.personId(), orEmpty(first.name())), AttendanceSummary.of(null, first.group(), run)));
        }
        return rows;
    }

    private static List<List<Object>> totals(List<DayRecord> records) {
        Map<String, List<DayRecord>> byClass = new TreeMap<>();
        for (DayRecord r : records) {
            byClass.computeIfAbsent(orEmpty(r.group()), k -> new ArrayList<>()).add(r);
        }
        List<List<Object>> rows = new ArrayList<>(byClass.size());
        byClass.forEach((group, run) -> rows.add(counts(List.of(group), AttendanceSummary.of(null, group, run))));
        return rows;
    }

    /** @return the leading cells, then days (or student days), present, late, absent, left early, excused */
    private static List<Object> counts(List<Object> lead, AttendanceSummary s) {
        List<Object> row = new ArrayList<>(lead);
        row.addAll(List.of(s.students(), s.present(), s.late(), s.absent(), s.leftEarly(), s.excused()));
        return row;
    }

    private String time(Instant t) {
        return t == null ? "" : HM.format(t.atZone(zone));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void fill(Worksheet sheet, List<String> header, List<List<Object>> rows) {
        for (int c = 0; c < header.size(); c++) {
            sheet.value(0, c, header.get(c));
        }
        sheet.range(0, 0, 0, header.size() - 1).style().bold().set();
        sheet.freezePane(0, 1);
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                if (v instanceof LocalDate d) {
                    sheet.value(r + 1, c, d);
                    sheet.style(r + 1, c).format("yyyy-mm-dd").set();
                } else if (v instanceof Number n) {
                    sheet.value(r + 1, c, n);
                } else {
                    sheet.value(r + 1, c, v.toString());
                }
            }
        }
    }

    private static void writeCsv(List<String> header, List<List<Object>> rows, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        line(w, new ArrayList<>(header));
        for (List<Object> row : rows) {
            line(w, row);
        }
        w.flush();
    }

    private static void line(Writer w, List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(csv(cells.get(i)));
        }
        w.write("\r\n");
    }

    /**
     * One CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled); a text that a
     * spreadsheet would run as a formula ({@code = + - @} first) is prefixed with an apostrophe.
     */
    static String csv(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!(value instanceof Number) && !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
