package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.Zone;
import org.gatehouse.api.service.SiteService;

@Command(scope = "gatehouse", name = "zone-list", description = "Lists the zones, of all sites or of one.")
@Service
public class ZoneListCommand extends GatehouseAction {

    @Reference
    SiteService sites;

    @Option(name = "--site", aliases = "-s", description = "Only the zones of this site")
    String site;

    @Override
    protected void run() {
        ShellTable table = new ShellTable().emptyTableText("No zones.");
        table.column("Id");
        table.column("Site");
        table.column("Name");
        table.column("Kind");
        table.column("Armed");
        table.column("Responsible staff");
        for (Zone z : sites.zones(site)) {
            table.addRow().addContent(z.id(), z.siteId(), z.name(), Formats.orDash(z.kind()), z.armed() ? "yes" : "no",
                    z.responsibleStaff().isEmpty() ? "-" : String.join(",", z.responsibleStaff()));
        }
        table.print(System.out);
    }
}
