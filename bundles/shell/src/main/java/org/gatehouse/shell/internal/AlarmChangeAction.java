package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.service.AlarmService;

/** Base of the commands that change the state of one alarm as the session's user, with a note; prints the alarm. */
abstract class AlarmChangeAction extends GatehouseAction {

    /** A change of {@link AlarmService}: alarm id, user, note to the alarm after the change. */
    @FunctionalInterface
    interface Change {
        Alarm apply(AlarmService alarms, long id, String user, String note);
    }

    private final Change change;

    @Reference
    AlarmService alarms;

    @Argument(index = 0, name = "id", description = "Alarm id", required = true)
    @Completion(AlarmIdCompleter.class)
    long id;

    @Option(name = "--note", description = "Note for the audit trail")
    String note;

    AlarmChangeAction(Change change) {
        this.change = change;
    }

    @Override
    protected final void run() {
        System.out.println(Formats.alarm(change.apply(alarms, id, currentUser(), note)));
    }
}
