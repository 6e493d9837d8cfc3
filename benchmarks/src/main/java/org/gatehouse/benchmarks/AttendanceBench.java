package org.gatehouse.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;

import org.gatehouse.api.Site;
import org.gatehouse.api.access.AttendanceRule;
import org.gatehouse.api.access.DayRecord;
import org.gatehouse.api.access.SchoolTerm;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.AttendanceFixture;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.support.report.AttendanceReport;

/**
 * Attendance of a whole school over a month: N students in classes of 50, two passages per student and school day
 * (one in ten late), then the judged records of the range (one read of the passages), the summary per class, and the
 * report files (XLSX and CSV, by day and by month).
 *
 * <p>Usage: {@code AttendanceBench [students=5000] [days=30] [runs=3]}
 */
public final class AttendanceBench {
    private AttendanceBench() {
    }

    public static void main(String[] args) throws Exception {
        int students = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "att-db");
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        Platform p = TestDb.platform(TestDb.dataSource(new File(dir.toFile(), "db").getAbsolutePath()),
                new TestDb.Channels());
        p.sites.saveSite(new Site("s1", "School", "Asia/Shanghai", null), "bench");
        LocalDate from = LocalDate.of(2026, 9, 1);
        LocalDate to = from.plusDays(days - 1);
        p.attendance.useClock(AttendanceFixture.clock(to.plusDays(1).atTime(12, 0)));
        p.attendance.saveTerm(new SchoolTerm("t", "term", from, to.plusDays(1)), "bench");
        p.attendance.saveRule(new AttendanceRule("*", LocalTime.of(8, 0), LocalTime.of(16, 0)), "bench");
        StringBuilder csv = new StringBuilder("id,name,role,group\n");
        for (int i = 0; i < students; i++) {
            csv.append("s").append(i).append(",Student ").append(i).append(",STUDENT,").append(i / 50 / 10 + 1)
                    .append('-').append(i / 50 % 10 + 1).append('\n');
        }
        long t0 = System.nanoTime();
        p.persons.importCsv(csv.toString().getBytes(StandardCharsets.UTF_8), false, "bench");
        TreeSet<LocalDate> school = p.attendance.schoolDays(from, to);
        ZoneId z = AttendanceFixture.SH;
        p.db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO PASSAGES (DEVICE_ID, DIRECTION, PERSON_ID,"
                    + " TIME_MS) VALUES ('gate-1', ?, ?, ?)")) {
                int n = 0;
                for (LocalDate d : school) {
                    for (int i = 0; i < students; i++) {
                        LocalDateTime in = d.atTime(i % 10 == 0 ? 8 : 7, 30 + i % 29);
                        add(ps, "in", "s" + i, in.atZone(z).toInstant().toEpochMilli());
                        add(ps, "out", "s" + i, d.atTime(16, 30).atZone(z).toInstant().toEpochMilli());
                        if (++n % 2000 == 0) {
                            ps.executeBatch();
                        }
                    }
                }
                ps.executeBatch();
            }
            return null;
        });
        System.out.printf("seeded %d students, %d school days, %d passages in %.1f s%n", students, school.size(),
                2L * students * school.size(), (System.nanoTime() - t0) / 1e9);
        for (int r = 0; r < runs; r++) {
            long a = System.nanoTime();
            List<DayRecord> records = p.attendance.records(from, to, null);
            long b = System.nanoTime();
            p.attendance.summary(from, to, null);
            long c = System.nanoTime();
            long[] sizes = new long[4];
            long[] ms = new long[4];
            int k = 0;
            for (AttendanceReport.By by : AttendanceReport.By.values()) {
                for (AttendanceReport.Format f : AttendanceReport.Format.values()) {
                    long s = System.nanoTime();
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    new AttendanceReport(by, f, "zh-CN", z).write(records, out);
                    ms[k] = (System.nanoTime() - s) / 1_000_000;
                    sizes[k++] = out.size();
                }
            }
            System.out.printf("run %d: records %d in %d ms; summary %d ms; report day csv %d ms (%d kB), day xlsx %d ms"
                    + " (%d kB), month csv %d ms (%d kB), month xlsx %d ms (%d kB); heap used %d MB%n", r + 1,
                    records.size(), (b - a) / 1_000_000, (c - b) / 1_000_000, ms[0], sizes[0] / 1024, ms[1],
                    sizes[1] / 1024, ms[2], sizes[2] / 1024, ms[3], sizes[3] / 1024,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        }
        p.stop();
    }

    private static void add(PreparedStatement ps, String direction, String person, long ms) throws java.sql.SQLException {
        ps.setString(1, direction);
        ps.setString(2, person);
        ps.setLong(3, ms);
        ps.addBatch();
    }
}
