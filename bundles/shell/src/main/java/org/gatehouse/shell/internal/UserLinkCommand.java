package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.service.AccountService;

@Command(scope = "gatehouse", name = "user-link",
        description = "Links a sign-in user to a person: a guardian user to its GUARDIAN record, a teacher to its STAFF"
                + " record (whose group is its class). Audited.")
@Service
public class UserLinkCommand extends GatehouseAction {
    @Reference
    AccountService accounts;

    @Argument(index = 0, name = "user", description = "User name (etc/users.properties)", required = true)
    String user;

    @Argument(index = 1, name = "personId", description = "Person id", required = true)
    String personId;

    @Override
    protected void run() {
        accounts.link(user, personId, currentUser());
        System.out.println("User " + user + " linked to person " + personId);
    }
}
