package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.service.AlarmService;

@Command(scope = "gatehouse", name = "alarm-resolve",
        description = "Resolves (closes) an active alarm as the session's user.")
@Service
public class AlarmResolveCommand extends GatehouseAction {

    @Reference
    AlarmService alarms;

    @Argument(index = 0, name = "id", description = "Alarm id", required = true)
    @Completion(AlarmIdCompleter.class)
    long id;

    @Option(name = "--note", description = "Note for the audit trail")
    String note;

    @Override
    protected void run() {
        System.out.println(Formats.alarm(alarms.resolve(id, currentUser(), note)));
    }
}
