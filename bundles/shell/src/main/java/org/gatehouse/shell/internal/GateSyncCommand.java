package org.gatehouse.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.access.RosterService;
import org.gatehouse.api.access.SyncState;
import org.gatehouse.api.access.SyncStatus;
import org.gatehouse.api.access.SyncSummary;

@Command(scope = "gatehouse", name = "gate-sync",
        description = "Shows the roster sync of a face terminal: its progress and the outcome per person.")
@Service
public class GateSyncCommand extends GatehouseAction {

    @Reference
    RosterService rosters;

    @Argument(index = 0, name = "device", description = "The face terminal (a facegate device)", required = true)
    @Completion(DeviceIdCompleter.class)
    String device;

    @Option(name = "--failed", aliases = "-f", description = "Only the persons the terminal refused")
    boolean failed;

    @Option(name = "--retry", description = "Make the refused persons due again (audited)")
    boolean retry;

    @Override
    protected void run() {
        if (retry) {
            rosters.retry(device, currentUser());
            System.out.println("Refused persons of " + device + " are due again; the driver pushes them on its next"
                    + " pass.");
        }
        SyncSummary s = rosters.summary(device);
        System.out.println(String.format("%s: %d desired, %d synced, %d failed, %d pending; last run %s%s",
                s.deviceId(), s.desired(), s.synced(), s.failed(), s.pending(),
                s.lastRun() == null ? "never" : Formats.time(s.lastRun()),
                s.lastError() == null ? "" : "; last error: " + s.lastError()));
        List<SyncStatus> rows = rosters.status(device).stream()
                .filter(x -> !failed || x.state() == SyncState.FAILED).toList();
        for (SyncStatus x : rows) {
            System.out.println(String.format("%-16s %-8s %s%s", x.personId(), x.state(), Formats.time(x.updated()),
                    x.error() == null ? "" : "  " + x.error()));
        }
    }
}
