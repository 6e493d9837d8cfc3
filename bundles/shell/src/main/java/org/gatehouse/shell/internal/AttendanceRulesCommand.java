package org.gatehouse.shell.internal;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.access.AttendanceRule;
import org.gatehouse.api.access.AttendanceService;

/** The arrival and leaving times per grade. */
@Command(scope = "gatehouse", name = "attendance-rules",
        description = "List the arrive-by and leave-after times per grade, or set or remove the rule of a grade.")
@Service
public class AttendanceRulesCommand extends GatehouseAction {

    @Reference
    AttendanceService attendance;

    @Option(name = "--grade", description = "Grade to set (3 for classes 3-1, 3-2...), or * for every other grade")
    String grade;

    @Option(name = "--arrive-by", description = "Latest time to arrive on time (07:50)")
    String arriveBy;

    @Option(name = "--leave-after", description = "Earliest time to leave without leaving early (16:30)")
    String leaveAfter;

    @Option(name = "--remove", description = "Remove the rule of this grade")
    String remove;

    @Override
    protected void run() {
        if (remove != null) {
            attendance.deleteRule(remove.trim(), currentUser());
            System.out.println("Removed the rule of grade " + remove.trim());
            return;
        }
        if (grade != null) {
            AttendanceRule r = attendance.saveRule(new AttendanceRule(grade.trim(), time("--arrive-by", arriveBy),
                    time("--leave-after", leaveAfter)), currentUser());
            System.out.println("Saved " + line(r));
            return;
        }
        List<AttendanceRule> rules = attendance.rules();
        if (rules.isEmpty()) {
            System.out.println("No rules: attendance is only present or absent (--grade to add one).");
        }
        rules.forEach(r -> System.out.println(line(r)));
    }

    private static String line(AttendanceRule r) {
        return String.format("grade %-4s arrive by %s  leave after %s", r.grade(), r.arriveBy(), r.leaveAfter());
    }

    private static LocalTime time(String option, String value) {
        if (value == null || value.isBlank()) {
            throw GatehouseException.invalid("invalid-time", option + " is required (a time like 07:50)");
        }
        try {
            return LocalTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw GatehouseException.invalid("invalid-time", option + " must be a time like 07:50, not '" + value
                    + "'");
        }
    }
}
