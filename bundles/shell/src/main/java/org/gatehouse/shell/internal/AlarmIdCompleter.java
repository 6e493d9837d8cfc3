package org.gatehouse.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.service.AlarmService;

/** Completes the ids of active alarms (the newest 100). */
@Service
public class AlarmIdCompleter extends IdCompleter {

    @Reference
    AlarmService alarms;

    @Override
    protected List<String> ids() {
        return alarms.query(AlarmQuery.active(100)).items().stream().map(a -> Long.toString(a.id())).toList();
    }
}
