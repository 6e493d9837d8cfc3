package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.service.PersonService;

@Command(scope = "gatehouse", name = "person-list",
        description = "Lists persons (students, staff, guardians, visitors, watchlist), by role and class/department.")
@Service
public class PersonListCommand extends GatehouseAction {

    @Reference
    PersonService persons;

    @Option(name = "--role", aliases = "-r", description = "STUDENT, STAFF, GUARDIAN, VISITOR or WATCHLIST")
    String role;

    @Option(name = "--group", aliases = "-g", description = "Class (3-2) or department")
    String group;

    @Option(name = "-n", description = "How many, 1-1000")
    int n = 50;

    @Override
    protected void run() {
        PersonRole r = role == null ? null : parseEnum(PersonRole.class, role, "role");
        Page<Person> page = persons.persons(r, group, 0, limit(n));
        ShellTable table = new ShellTable().emptyTableText("No persons.");
        table.column("Id");
        table.column("Name");
        table.column("Role");
        table.column("Group");
        table.column("Phone");
        table.column("Email");
        table.column("Language");
        for (Person p : page.items()) {
            table.addRow().addContent(p.id(), p.name(), p.role(), Formats.orDash(p.group()), Formats.orDash(p.phone()),
                    Formats.orDash(p.email()), p.language());
        }
        table.print(System.out);
        if (page.total() > page.items().size()) {
            System.out.println(page.items().size() + " of " + page.total() + "; use -n to see more");
        }
    }
}
