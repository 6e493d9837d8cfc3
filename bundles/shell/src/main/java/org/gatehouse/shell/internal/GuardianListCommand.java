package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.PersonService.Contact;

@Command(scope = "gatehouse", name = "guardian-list",
        description = "Shows the guardians of a student and where their messages go (channel and address).")
@Service
public class GuardianListCommand extends GatehouseAction {

    @Reference
    PersonService persons;

    @Argument(index = 0, name = "student", description = "Student id", required = true)
    String student;

    @Override
    protected void run() {
        if (persons.person(student, currentUser()).isEmpty()) {
            throw GatehouseException.notFound("unknown-person", "person '" + student + "' does not exist");
        }
        ShellTable table = new ShellTable().emptyTableText("No guardians bound.");
        table.column("Guardian");
        table.column("Name");
        table.column("Channel");
        table.column("Address");
        table.column("Language");
        for (Contact c : persons.guardianContacts(student)) {
            table.addRow().addContent(c.person().id(), c.person().name(), c.channel(), c.address(), c.language());
        }
        table.print(System.out);
    }
}
