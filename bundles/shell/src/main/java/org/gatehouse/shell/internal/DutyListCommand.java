package org.gatehouse.shell.internal;

import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.DutyService.Shift;

@Command(scope = "gatehouse", name = "duty-list",
        description = "Lists the duty roster: every shift with post, person, days and local times.")
@Service
public class DutyListCommand extends GatehouseAction {

    @Reference
    DutyService duty;

    @Override
    protected void run() {
        ShellTable table = new ShellTable().emptyTableText("No shifts.");
        table.column("Id");
        table.column("Post");
        table.column("Person");
        table.column("Days");
        table.column("Time");
        table.column("Dates");
        table.column("Site");
        for (Shift s : duty.shifts()) {
            String days = s.days().isEmpty() ? "every day"
                    : s.days().stream().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
            String dates = s.from() == null && s.until() == null ? "-"
                    : Formats.orDash(s.from()) + ".." + Formats.orDash(s.until());
            table.addRow().addContent(s.id(), s.post(), s.personId(), days, time(s), dates, Formats.orDash(s.siteId()));
        }
        table.print(System.out);
    }

    static String time(Shift s) {
        return s.start() + "-" + s.end() + (s.end().isAfter(s.start()) ? "" : " (+1 day)");
    }
}
