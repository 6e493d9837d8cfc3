package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.gatehouse.api.access.LeavePassService;

/** Base of the commands that approve or reject a PENDING leave pass as the session's user; prints the pass. */
abstract class LeaveDecideAction extends GatehouseAction {
    private final boolean approve;

    @Reference
    LeavePassService passes;

    @Argument(index = 0, name = "id", description = "Leave pass id", required = true)
    long id;

    LeaveDecideAction(boolean approve) {
        this.approve = approve;
    }

    @Override
    protected final void run() {
        System.out.println(LeavePassesCommand.line(passes.decide(id, approve, currentUser())));
    }
}
