package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.visitor.VisitService;

@Command(scope = "gatehouse", name = "visit-reject", description = "Rejects a PENDING visit as the session's user.")
@Service
public class VisitRejectCommand extends GatehouseAction {

    @Reference
    VisitService visits;

    @Argument(index = 0, name = "id", description = "Visit id", required = true)
    long id;

    @Argument(index = 1, name = "note", description = "Why (told to the visitor's host)")
    String note;

    @Override
    protected void run() {
        System.out.println(VisitsCommand.line(visits.reject(id, note, currentUser())));
    }
}
