package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.service.AlarmService;

@Command(scope = "gatehouse", name = "alarm-resolve",
        description = "Resolves (closes) an active alarm as the session's user.")
@Service
public class AlarmResolveCommand extends AlarmChangeAction {

    public AlarmResolveCommand() {
        super(AlarmService::resolve);
    }
}
