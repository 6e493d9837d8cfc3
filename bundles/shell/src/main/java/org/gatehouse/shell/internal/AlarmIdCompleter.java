package org.gatehouse.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.service.AlarmService;

/** Completes the ids of active alarms (the newest 100). */
@Service
public class AlarmIdCompleter implements Completer {

    @Reference
    AlarmService alarms;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        try {
            for (Alarm a : alarms.query(AlarmQuery.active(100)).items()) {
                delegate.getStrings().add(Long.toString(a.id()));
            }
        } catch (RuntimeException e) {
            // no completion when the alarm service is unavailable
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
