package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "gatehouse", name = "leave-reject", description = "Rejects a PENDING early-leave pass as the session's user.")
@Service
public class LeaveRejectCommand extends LeaveDecideAction {

    public LeaveRejectCommand() {
        super(false);
    }
}
