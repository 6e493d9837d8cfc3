package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.Page;
import org.gatehouse.api.stranger.StrangerAlert;
import org.gatehouse.api.stranger.StrangerService;

@Command(scope = "gatehouse", name = "stranger-alerts",
        description = "Lists the stranger alerts, newest first: one line per unknown face (cluster of captures).")
@Service
public class StrangerAlertsCommand extends GatehouseAction {

    @Reference
    StrangerService strangers;

    @Option(name = "-n", description = "How many alerts to print (1..1000)")
    int count = 50;

    @Override
    protected void run() {
        limit(count);
        Page<StrangerAlert> page = strangers.alerts(0, count);
        for (StrangerAlert a : page.items()) {
            System.out.println(line(a));
        }
        if (page.items().isEmpty()) {
            System.out.println("No stranger alerts.");
        } else {
            printMore(page);
        }
    }

    /** {@code #4 dorm-night dorm x3 2026-03-02T15:40:00Z..2026-03-02T16:10:00Z best passage 12 alarm #7}. */
    static String line(StrangerAlert a) {
        return "#" + a.id() + " " + a.ruleId() + " " + Formats.orDash(a.zoneId()) + " x" + a.count() + " "
                + Formats.time(a.firstAt()) + ".." + Formats.time(a.lastAt()) + " best passage "
                + Formats.orDash(a.bestPassage()) + " alarm " + (a.alarmId() == null ? "-" : "#" + a.alarmId());
    }
}
