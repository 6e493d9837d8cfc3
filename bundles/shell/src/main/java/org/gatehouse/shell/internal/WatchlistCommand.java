package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.Page;
import org.gatehouse.api.watchlist.WatchlistEntry;
import org.gatehouse.api.watchlist.WatchlistService;

@Command(scope = "gatehouse", name = "watchlist",
        description = "Lists watchlist entries (黑名单), newest first, optionally those whose name, reason or source"
                + " contains a text.")
@Service
public class WatchlistCommand extends GatehouseAction {
    @Reference
    WatchlistService watchlist;

    @Argument(index = 0, name = "query", description = "Part of the name, reason or source")
    String query;

    @Option(name = "--active", description = "Only entries that match now")
    boolean active;

    @Option(name = "--expired", description = "Only expired entries")
    boolean expired;

    @Option(name = "-n", description = "How many, 1-1000")
    int n = 50;

    @Override
    protected void run() {
        Boolean which = active == expired ? null : active;
        Page<WatchlistEntry> page = watchlist.entries(query, which, 0, limit(n));
        ShellTable table = new ShellTable().emptyTableText("No watchlist entries.");
        for (String c : new String[] {"Id", "Name", "Risk", "Reason", "Source", "Expires", "Photos", "Hits", "False"}) {
            table.column(c);
        }
        for (WatchlistEntry e : page.items()) {
            table.addRow().addContent(e.id(), e.name(), e.risk(), e.reason(), Formats.orDash(e.source()),
                    e.expires() == null ? "never" : e.expires().toString(), e.faces(), e.hits(), e.falseHits());
        }
        table.print(System.out);
        printMore(page);
    }
}
