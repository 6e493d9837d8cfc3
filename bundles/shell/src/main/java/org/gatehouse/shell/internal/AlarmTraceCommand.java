package org.gatehouse.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmStep;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.service.AlarmService;

@Command(scope = "gatehouse", name = "alarm-trace",
        description = "Traces an alarm afterwards, oldest first: its events, raise, messages and each delivery, "
                + "reminders, escalations, who acknowledged and resolved it.")
@Service
public class AlarmTraceCommand extends GatehouseAction {

    @Reference
    AlarmService alarms;

    @Argument(index = 0, name = "id", description = "Alarm id", required = true)
    @Completion(AlarmIdCompleter.class)
    long id;

    @Override
    protected void run() {
        Alarm alarm = alarms.get(id).orElseThrow(() -> GatehouseException.notFound("unknown-alarm",
                "alarm #" + id + " does not exist"));
        List<AlarmStep> steps = alarms.timeline(id);
        System.out.println(Formats.alarm(alarm));
        System.out.println(table(steps));
    }

    /** @return the steps as a table: time (UTC, to the second), step, who, detail */
    static String table(List<AlarmStep> steps) {
        int who = 3;
        for (AlarmStep s : steps) {
            who = Math.max(who, Math.min(24, Formats.orDash(s.actor()).length()));
        }
        String row = "%-20s  %-12s  %-" + who + "s  %s%n";
        StringBuilder b = new StringBuilder(String.format(row, "TIME", "STEP", "WHO", "DETAIL"));
        for (AlarmStep s : steps) {
            b.append(String.format(row, Formats.time(s.time()), s.kind(), Formats.orDash(s.actor()),
                    Formats.orDash(s.detail()).replace('\n', ' ')));
        }
        if (steps.isEmpty()) {
            b.append("No steps.").append(System.lineSeparator());
        }
        return b.toString().stripTrailing();
    }
}
