package org.gatehouse.shell.internal;

import java.time.LocalDate;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.access.AttendanceService;
import org.gatehouse.api.access.CalendarDay;
import org.gatehouse.api.access.SchoolTerm;
import org.gatehouse.support.report.AttendanceReport;

/** The school calendar: terms and the days that differ from a term's weekdays (holidays, make-up days 调休). */
@Command(scope = "gatehouse", name = "calendar",
        description = "List the school terms and holidays, or add a term, a holiday or a make-up school day.")
@Service
public class CalendarCommand extends GatehouseAction {

    @Reference
    AttendanceService attendance;

    @Option(name = "--holiday", description = "Make this day (2026-10-01) a day without school")
    String holiday;

    @Option(name = "--school-day", description = "Make this day (a Saturday 2026-10-10) a school day (调休)")
    String schoolDay;

    @Option(name = "--note", description = "What the day is (国庆节, 调休)")
    String note;

    @Option(name = "--remove", description = "Remove the exception of this day")
    String remove;

    @Option(name = "--term", description = "Add or replace the term with this id (2026-autumn); needs --name,"
            + " --from, --to")
    String term;

    @Option(name = "--name", description = "Name of the term (2026 秋季学期)")
    String name;

    @Option(name = "--from", description = "First day of the term, or of the listing")
    String from;

    @Option(name = "--to", description = "Last day of the term, or of the listing")
    String to;

    @Option(name = "--remove-term", description = "Delete the term with this id")
    String removeTerm;

    @Override
    protected void run() {
        String user = currentUser();
        if (holiday != null || schoolDay != null) {
            if (holiday != null && schoolDay != null) {
                throw GatehouseException.invalid("invalid-option", "give --holiday or --school-day, not both");
            }
            LocalDate day = holiday != null ? AttendanceReport.day("--holiday", holiday)
                    : AttendanceReport.day("--school-day", schoolDay);
            CalendarDay d = attendance.saveDay(new CalendarDay(day, schoolDay != null, note), user);
            System.out.println("Saved " + line(d));
            return;
        }
        if (remove != null) {
            attendance.deleteDay(AttendanceReport.day("--remove", remove), user);
            System.out.println("Removed the exception of " + remove.trim());
            return;
        }
        if (term != null) {
            SchoolTerm t = attendance.saveTerm(new SchoolTerm(term.trim(), name, AttendanceReport.day("--from", from),
                    AttendanceReport.day("--to", to)), user);
            System.out.println("Saved term " + t.id() + " " + t.name() + " " + t.from() + ".." + t.to());
            return;
        }
        if (removeTerm != null) {
            attendance.deleteTerm(removeTerm.trim(), user);
            System.out.println("Removed term " + removeTerm.trim());
            return;
        }
        list();
    }

    private void list() {
        List<SchoolTerm> terms = attendance.terms();
        if (terms.isEmpty()) {
            System.out.println("No terms: no day is a school day unless marked (--term to add one).");
        }
        for (SchoolTerm t : terms) {
            System.out.println(String.format("term %-14s %s..%s  %s", t.id(), t.from(), t.to(), t.name()));
        }
        LocalDate f = from != null ? AttendanceReport.day("--from", from)
                : terms.stream().map(SchoolTerm::from).min(LocalDate::compareTo).orElse(LocalDate.now());
        LocalDate t = to != null ? AttendanceReport.day("--to", to)
                : terms.stream().map(SchoolTerm::to).max(LocalDate::compareTo).orElse(f);
        List<CalendarDay> days = attendance.days(f, t);
        for (CalendarDay d : days) {
            System.out.println(line(d));
        }
        if (days.isEmpty()) {
            System.out.println("No holidays or make-up days between " + f + " and " + t + ".");
        }
    }

    private static String line(CalendarDay d) {
        return String.format("%s %-3s %-10s %s", d.date(), d.date().getDayOfWeek().toString().substring(0, 3),
                d.schoolDay() ? "school day" : "no school", Formats.orDash(d.note()));
    }
}
