package org.gatehouse.shell.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.access.Attendance;
import org.gatehouse.api.access.PassageService;

@Command(scope = "gatehouse", name = "attendance",
        description = "Attendance of students on a day from the face gates: first in, last out, or absent.")
@Service
public class AttendanceCommand extends GatehouseAction {

    @Reference
    PassageService passages;

    @Option(name = "--date", description = "Day (2026-03-02); default today in the gate time zone")
    String date;

    @Option(name = "--group", aliases = "-g", description = "Only this class (3-2)")
    String group;

    @Option(name = "--zone", description = "Time zone the times are printed in (default Asia/Shanghai)")
    String zone = "Asia/Shanghai";

    @Override
    protected void run() {
        LocalDate day = day(date);
        ZoneId z;
        try {
            z = ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw GatehouseException.invalid("invalid-zone", "--zone '" + zone + "' is not a time zone");
        }
        List<Attendance> rows = passages.attendance(day, group);
        DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm").withZone(z);
        int absent = 0;
        for (Attendance a : rows) {
            absent += a.absent() ? 1 : 0;
            System.out.println(String.format("%-12s %-16s %-6s in %-5s out %-5s%s", a.personId(), a.name(),
                    Formats.orDash(a.group()), a.firstIn() == null ? "-" : hm.format(a.firstIn()),
                    a.lastOut() == null ? "-" : hm.format(a.lastOut()), a.absent() ? "  ABSENT" : ""));
        }
        System.out.println(rows.isEmpty() ? "No students." : rows.size() + " students, " + (rows.size() - absent)
                + " present, " + absent + " absent");
    }
}
