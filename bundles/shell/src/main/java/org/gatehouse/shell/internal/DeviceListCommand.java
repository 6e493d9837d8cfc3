package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.Device;
import org.gatehouse.api.service.SiteService;

@Command(scope = "gatehouse", name = "device-list", description = "Lists the registered devices and their status.")
@Service
public class DeviceListCommand extends GatehouseAction {

    @Reference
    SiteService sites;

    @Option(name = "--site", aliases = "-s", description = "Only the devices of this site")
    String site;

    @Override
    protected void run() {
        ShellTable table = new ShellTable().emptyTableText("No devices.");
        table.column("Id");
        table.column("Site");
        table.column("Zone");
        table.column("Type");
        table.column("Vendor");
        table.column("Name");
        table.column("Status");
        for (Device d : sites.devices(site)) {
            table.addRow().addContent(d.id(), d.siteId(), Formats.orDash(d.zoneId()), d.type(), d.vendor(),
                    Formats.orDash(d.name()), d.status());
        }
        table.print(System.out);
    }
}
