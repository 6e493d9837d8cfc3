package org.gatehouse.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.stranger.StrangerRule;
import org.gatehouse.api.stranger.StrangerService;

@Command(scope = "gatehouse", name = "stranger-rules",
        description = "Lists the stranger alert rules (陌生人告警), in the order they are tried.")
@Service
public class StrangerRulesCommand extends GatehouseAction {

    @Reference
    StrangerService strangers;

    @Override
    protected void run() {
        List<StrangerRule> rules = strangers.rules();
        if (rules.isEmpty()) {
            System.out.println("No stranger rules (gatehouse:stranger-rule to add one).");
        }
        rules.forEach(r -> System.out.println(line(r)));
    }

    /** {@code dorm-night  dorm  all 22:00-06:00  MAJOR  fold 30m  "Dormitory at night"}. */
    static String line(StrangerRule r) {
        return String.format("%-16s %-12s %-12s %s-%s  %-8s fold %dm%s  \"%s\"", r.id(),
                r.zoneId() == null ? "*" : r.zoneId(), r.days(), r.from(), r.to(), r.severity(), r.foldMinutes(),
                r.enabled() ? "" : "  disabled", r.name());
    }
}
