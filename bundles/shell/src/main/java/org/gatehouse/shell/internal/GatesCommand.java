package org.gatehouse.shell.internal;

import java.util.Set;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.Device;
import org.gatehouse.api.access.RosterService;
import org.gatehouse.api.access.SyncSummary;
import org.gatehouse.api.service.SiteService;

@Command(scope = "gatehouse", name = "gates",
        description = "Lists the face gates: status, and for terminals the roster sync (desired/synced/failed/pending,"
                + " last run and error).")
@Service
public class GatesCommand extends GatehouseAction {
    /** Vendors of terminals that recognise on the device (the platform syncs their rosters). */
    static final Set<String> TERMINAL_VENDORS = Set.of("hikvision", "zkteco");

    @Reference
    SiteService sites;

    @Reference(optional = true)
    RosterService rosters;

    @Override
    protected void run() {
        ShellTable table = new ShellTable().emptyTableText("No face gates.");
        for (String c : new String[] {"Id", "Name", "Vendor", "Status", "Desired", "Synced", "Failed", "Pending",
                "Last run", "Last error"}) {
            table.column(c);
        }
        for (Device d : sites.devices(null)) {
            if (!"facegate".equals(d.type())) {
                continue;
            }
            SyncSummary s = rosters != null && TERMINAL_VENDORS.contains(d.vendor()) ? rosters.summary(d.id()) : null;
            table.addRow().addContent(d.id(), Formats.orDash(d.name()), d.vendor(), d.status(),
                    s == null ? "-" : s.desired(), s == null ? "-" : s.synced(), s == null ? "-" : s.failed(),
                    s == null ? "-" : s.pending(), s == null || s.lastRun() == null ? "-" : Formats.time(s.lastRun()),
                    s == null ? "-" : Formats.orDash(s.lastError()));
        }
        table.print(System.out);
    }
}
