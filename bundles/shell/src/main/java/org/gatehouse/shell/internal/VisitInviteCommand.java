package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.visitor.Invitation;
import org.gatehouse.api.visitor.VisitService;

@Command(scope = "gatehouse", name = "visit-invite", description = "Creates a host's one-time invitation link for a"
        + " window and prints it.")
@Service
public class VisitInviteCommand extends GatehouseAction {

    @Reference
    VisitService visits;

    @Argument(index = 0, name = "hostId", description = "The STAFF person visited", required = true)
    String hostId;

    @Argument(index = 1, name = "from", description = "Start of the window (2026-03-02T01:00:00Z)", required = true)
    String from;

    @Argument(index = 2, name = "to", description = "End of the window", required = true)
    String to;

    @Argument(index = 3, name = "purpose", description = "Why")
    String purpose;

    @Option(name = "--base", description = "Public base URL of the site (https://school.example); without it the"
            + " path is printed")
    String base;

    @Override
    protected void run() {
        Invitation i = visits.invite(hostId, purpose, ValidityCommand.instant("from", from),
                ValidityCommand.instant("to", to), currentUser());
        String prefix = base == null || base.isBlank() ? "" : base.strip().replaceAll("/+$", "");
        System.out.println(prefix + i.path());
        System.out.println("Host " + i.hostId() + (i.hostName() == null ? "" : " " + i.hostName()) + ", "
                + Formats.time(i.from()) + ".." + Formats.time(i.to()) + ", link works until "
                + Formats.time(i.expires()));
    }
}
