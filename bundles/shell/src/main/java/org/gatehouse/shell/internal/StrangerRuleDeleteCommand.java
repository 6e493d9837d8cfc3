package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.stranger.StrangerService;

@Command(scope = "gatehouse", name = "stranger-rule-delete", description = "Deletes a stranger alert rule.")
@Service
public class StrangerRuleDeleteCommand extends GatehouseAction {

    @Reference
    StrangerService strangers;

    @Argument(index = 0, name = "id", description = "Rule id", required = true)
    String id;

    @Override
    protected void run() {
        strangers.delete(id, currentUser());
        System.out.println("Deleted stranger rule " + id);
    }
}
