package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.service.HealthService;
import org.gatehouse.api.service.HealthService.PluginInfo;

@Command(scope = "gatehouse", name = "plugin-list",
        description = "Lists the device drivers, recognition engines and notification channels present.")
@Service
public class PluginListCommand extends GatehouseAction {

    @Reference
    HealthService health;

    @Override
    protected void run() {
        ShellTable table = new ShellTable().emptyTableText("No plugins.");
        table.column("Kind");
        table.column("Id");
        table.column("Type");
        table.column("Bundle");
        table.column("Status");
        for (PluginInfo p : health.plugins()) {
            table.addRow().addContent(p.kind(), p.id(), Formats.orDash(p.type()), Formats.orDash(p.bundle()),
                    Formats.orDash(p.status()));
        }
        table.print(System.out);
    }
}
