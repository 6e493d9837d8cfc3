package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.Site;
import org.gatehouse.api.service.SiteService;

@Command(scope = "gatehouse", name = "site-list", description = "Lists the sites (campuses).")
@Service
public class SiteListCommand extends GatehouseAction {

    @Reference
    SiteService sites;

    @Override
    protected void run() {
        ShellTable table = new ShellTable().emptyTableText("No sites.");
        table.column("Id");
        table.column("Name");
        table.column("Timezone");
        table.column("Address");
        for (Site s : sites.sites()) {
            table.addRow().addContent(s.id(), s.name(), Formats.orDash(s.timezone()), Formats.orDash(s.address()));
        }
        table.print(System.out);
    }
}
