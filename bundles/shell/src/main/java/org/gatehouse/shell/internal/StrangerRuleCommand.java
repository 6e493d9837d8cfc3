package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.Severity;
import org.gatehouse.api.stranger.StrangerRule;
import org.gatehouse.api.stranger.StrangerService;

@Command(scope = "gatehouse", name = "stranger-rule",
        description = "Creates or replaces a stranger alert rule: an unknown face in the zone, on those days, in the"
                + " daily window (gate time zone; 22:00-06:00 runs overnight, 00:00-00:00 is the whole day) raises an"
                + " alarm; its repeats within the fold window count in that alarm.")
@Service
public class StrangerRuleCommand extends GatehouseAction {
    @Reference
    StrangerService strangers;

    @Argument(index = 0, name = "id", description = "Rule id (letters, digits, '.', '_', '-')", required = true)
    String id;

    @Argument(index = 1, name = "zone", description = "Zone id, or * for every zone", required = true)
    String zone;

    @Argument(index = 2, name = "days", description = "all, school, holiday, or days like MON,TUE,SAT",
            required = true)
    String days;

    @Argument(index = 3, name = "window", description = "Daily window HH:mm-HH:mm, e.g. 22:00-06:00", required = true)
    String window;

    @Option(name = "--severity", description = "INFO, WARNING, MAJOR (default) or CRITICAL")
    String severity;

    @Option(name = "--fold", description = "Repeats within this many minutes fold into one alarm (1..1440, default 30)")
    int fold;

    @Option(name = "--name", description = "A label for people (default: the id)")
    String name;

    @Option(name = "--disabled", description = "Save the rule switched off")
    boolean disabled;

    @Override
    protected void run() {
        java.time.LocalTime[] w = window(window);
        Severity sev = severity == null ? null : parseEnum(Severity.class, severity, "severity");
        StrangerRule saved = strangers.save(new StrangerRule(id, name, zone, days, w[0], w[1], sev, fold,
                !disabled), currentUser());
        System.out.println("Saved " + StrangerRulesCommand.line(saved));
    }
}
