package org.gatehouse.shell.internal;

import java.util.Map;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.service.HealthService;

@Command(scope = "gatehouse", name = "health", description = "Shows the health of the platform and its components.")
@Service
public class HealthCommand extends GatehouseAction {

    @Reference
    HealthService health;

    @Override
    protected void run() {
        HealthService.Health h = health.health();
        System.out.println("Status: " + h.status());
        ShellTable table = new ShellTable().emptyTableText("No components.");
        table.column("Component");
        table.column("Status");
        table.column("Detail");
        Map<String, HealthService.Status> components = h.components() == null ? Map.of() : h.components();
        Map<String, String> details = h.details() == null ? Map.of() : h.details();
        for (Map.Entry<String, HealthService.Status> c : new TreeMap<>(components).entrySet()) {
            table.addRow().addContent(c.getKey(), c.getValue(), Formats.orDash(details.get(c.getKey())));
        }
        table.print(System.out);
        int plugins = h.plugins() == null ? 0 : h.plugins().size();
        System.out.println("Plugins: " + plugins + " (gatehouse:plugin-list)");
    }
}
