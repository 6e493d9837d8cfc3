package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.visitor.VisitService;

@Command(scope = "gatehouse", name = "visit-approve", description = "Approves a PENDING visit as the session's user:"
        + " the visitor is admitted at the gates inside the window.")
@Service
public class VisitApproveCommand extends GatehouseAction {

    @Reference
    VisitService visits;

    @Argument(index = 0, name = "id", description = "Visit id", required = true)
    long id;

    @Override
    protected void run() {
        System.out.println(VisitsCommand.line(visits.approve(id, currentUser())));
    }
}
