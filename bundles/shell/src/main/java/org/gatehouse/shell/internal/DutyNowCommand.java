package org.gatehouse.shell.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.DutyService.OnDuty;

@Command(scope = "gatehouse", name = "duty-now", description = "Shows who is on duty now (or at --at), with phone.")
@Service
public class DutyNowCommand extends GatehouseAction {

    @Reference
    DutyService duty;

    @Option(name = "--at", description = "An ISO-8601 instant instead of now, e.g. 2026-11-24T14:00:00Z")
    String at;

    @Override
    protected void run() {
        Instant t;
        try {
            t = at == null ? Instant.now() : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw GatehouseException.invalid("invalid-at", "--at '" + at + "' is not an ISO-8601 instant");
        }
        ShellTable table = new ShellTable().emptyTableText("Nobody is on duty at " + Formats.time(t) + ".");
        table.column("Post");
        table.column("Person");
        table.column("Name");
        table.column("Phone");
        table.column("Shift");
        for (OnDuty d : duty.onDuty(t)) {
            table.addRow().addContent(d.shift().post(), d.person().id(), d.person().name(),
                    Formats.orDash(d.person().phone()), d.shift().id() + " " + DutyListCommand.time(d.shift()));
        }
        table.print(System.out);
    }
}
