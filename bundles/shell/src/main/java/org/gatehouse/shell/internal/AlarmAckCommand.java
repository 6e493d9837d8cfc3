package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.service.AlarmService;

@Command(scope = "gatehouse", name = "alarm-ack",
        description = "Acknowledges a raised alarm as the session's user.")
@Service
public class AlarmAckCommand extends AlarmChangeAction {

    public AlarmAckCommand() {
        super(AlarmService::acknowledge);
    }
}
