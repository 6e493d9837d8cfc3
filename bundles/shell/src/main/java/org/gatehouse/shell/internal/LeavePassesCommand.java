package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.Page;
import org.gatehouse.api.access.LeavePass;
import org.gatehouse.api.access.LeavePassService;

@Command(scope = "gatehouse", name = "leave-passes", description = "Lists early-leave passes (请假), newest first.")
@Service
public class LeavePassesCommand extends GatehouseAction {

    @Reference
    LeavePassService passes;

    @Option(name = "--state", aliases = "-s", description = "Only this state: PENDING, APPROVED, REJECTED, CANCELLED,"
            + " USED")
    String state;

    @Option(name = "--group", aliases = "-g", description = "Only the students of this class (3-2)")
    String group;

    @Option(name = "--student", description = "Only this student's passes")
    String student;

    @Option(name = "--day", description = "Only passes whose window overlaps this day (2026-03-02)")
    String day;

    @Option(name = "-n", description = "How many passes to print (1..1000)")
    int count = 50;

    @Override
    protected void run() {
        limit(count);
        Page<LeavePass> page = passes.passes(student, group, state, day, 0, count);
        for (LeavePass p : page.items()) {
            System.out.println(line(p));
        }
        if (page.items().isEmpty()) {
            System.out.println("No leave passes.");
        } else {
            printMore(page);
        }
    }

    /** {@code #3 PENDING stu1 2026-03-02T01:00:00Z..2026-03-02T03:00:00Z by parent "dentist"}. */
    static String line(LeavePass p) {
        return "#" + p.id() + " " + p.state() + " " + p.studentId() + " " + Formats.time(p.from()) + ".."
                + Formats.time(p.to()) + " by " + p.requestedBy()
                + (p.decidedBy() == null ? "" : ", decided by " + p.decidedBy()) + " \"" + p.reason() + "\"";
    }
}
