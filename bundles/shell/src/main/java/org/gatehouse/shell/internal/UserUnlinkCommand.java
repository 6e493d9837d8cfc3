package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.service.AccountService;

@Command(scope = "gatehouse", name = "user-unlink", description = "Removes the link of a sign-in user to its person."
        + " Audited.")
@Service
public class UserUnlinkCommand extends GatehouseAction {
    @Reference
    AccountService accounts;

    @Argument(index = 0, name = "user", description = "User name", required = true)
    String user;

    @Override
    protected void run() {
        String before = accounts.personOf(user).orElse(null);
        accounts.unlink(user, currentUser());
        System.out.println(before == null ? "User " + user + " was not linked" : "User " + user
                + " unlinked from person " + before);
    }
}
