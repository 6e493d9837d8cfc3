package org.gatehouse.shell.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.access.AttendanceService;
import org.gatehouse.api.access.DayRecord;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.support.report.AttendanceReport;

/**
 * Writes the attendance report file, the same file GET /attendance/report answers (the writer is the support
 * library's, copied into both bundles).
 */
@Command(scope = "gatehouse", name = "attendance-report",
        description = "Write the attendance report (XLSX or CSV, per student and school day or month) to a file.")
@Service
public class AttendanceReportCommand extends GatehouseAction {

    @Reference
    AttendanceService attendance;

    @Reference
    SiteService sites;

    @Option(name = "--from", required = true, description = "First day (2026-09-01)")
    String from;

    @Option(name = "--to", required = true, description = "Last day (2026-09-30), at most 366 days after --from")
    String to;

    @Option(name = "--group", aliases = "-g", description = "Only this class (3-2)")
    String group;

    @Option(name = "--by", description = "day (one row per student and school day, default) or month")
    String by;

    @Option(name = "--format", description = "xlsx or csv; default from the file name, else xlsx")
    String format;

    @Option(name = "--lang", description = "Column headers: zh-CN (default) or en")
    String lang;

    @Option(name = "--out", aliases = "-o", required = true,
            description = "File to write, or a directory to write attendance-<from>-<to>[-<group>].<ext> into")
    String out;

    @Override
    protected void run() throws IOException {
        LocalDate f = AttendanceReport.day("--from", from);
        LocalDate t = AttendanceReport.day("--to", to);
        Path target = Path.of(out);
        String fmt = format;
        if (fmt == null && target.getFileName() != null
                && target.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            fmt = "csv";
        }
        AttendanceReport.Format type = AttendanceReport.format(fmt);
        AttendanceReport writer = new AttendanceReport(AttendanceReport.by(by), type, lang,
                AttendanceReport.zone(sites.sites()));
        String g = group == null || group.isBlank() ? null : group.trim();
        if (Files.isDirectory(target)) {
            target = target.resolve(AttendanceReport.filename(f, t, g, type));
        }
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
            throw GatehouseException.notFound("no-such-file", "no directory " + target.getParent());
        }
        List<DayRecord> records = attendance.records(f, t, g);
        // written beside the target first: a failure leaves no half file behind and an older file intact
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".attendance-", ".tmp");
        try {
            try (OutputStream o = Files.newOutputStream(tmp)) {
                writer.write(records, o);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        System.out.println("Wrote " + target + " (" + records.size() + " day records, " + Files.size(target)
                + " bytes)");
    }
}
