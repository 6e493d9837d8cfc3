package org.gatehouse.shell.internal;

import java.util.Set;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.Page;
import org.gatehouse.api.service.AlarmService;

@Command(scope = "gatehouse", name = "alarm-list",
        description = "Lists alarms, newest first: the active ones (RAISED, ACKNOWLEDGED) unless --all or --state.")
@Service
public class AlarmListCommand extends GatehouseAction {

    @Reference
    AlarmService alarms;

    @Option(name = "--all", aliases = "-a", description = "Include closed alarms (RESOLVED, CLEARED)")
    boolean all;

    @Option(name = "--state", aliases = "-s", description = "Only this state: RAISED, ACKNOWLEDGED, RESOLVED, CLEARED")
    String state;

    @Option(name = "-n", description = "How many alarms to print (1..1000)")
    int count = 50;

    @Override
    protected void run() {
        limit(count);
        Set<AlarmState> states;
        if (state != null) {
            states = Set.of(parseEnum(AlarmState.class, state, "state"));
        } else if (all) {
            states = Set.of();
        } else {
            states = Set.of(AlarmState.RAISED, AlarmState.ACKNOWLEDGED);
        }
        Page<Alarm> page = alarms.query(new AlarmQuery(states, null, null, 0, count));
        for (Alarm a : page.items()) {
            System.out.println(Formats.alarm(a));
        }
        if (page.items().isEmpty()) {
            System.out.println("No alarms.");
        } else {
            printMore(page);
        }
    }
}
