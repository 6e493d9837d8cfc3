package org.gatehouse.shell.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.watchlist.WatchlistEntry;
import org.gatehouse.api.watchlist.WatchlistRequest;
import org.gatehouse.api.watchlist.WatchlistService;

@Command(scope = "gatehouse", name = "watchlist-add",
        description = "Adds a watchlist entry; add its photos with gatehouse:watchlist-face. Audited.")
@Service
public class WatchlistAddCommand extends GatehouseAction {
    @Reference
    WatchlistService watchlist;

    @Argument(index = 0, name = "name", required = true, description = "The name on the notice")
    String name;

    @Argument(index = 1, name = "reason", required = true, description = "Why (up to 500 characters)")
    String reason;

    @Option(name = "--risk", description = "low, medium or high (default high)")
    String risk;

    @Option(name = "--source", description = "Where it comes from, e.g. the police notice's number")
    String source;

    @Option(name = "--expires", description = "When it stops matching: yyyy-MM-dd (UTC) or an ISO-8601 instant")
    String expires;

    @Override
    protected void run() {
        WatchlistEntry e = watchlist.create(new WatchlistRequest(name, reason, risk, source, instant(expires)),
                currentUser());
        System.out.println(e.id() + " " + e.name() + " (" + e.risk() + ")" + (e.expires() == null ? ""
                : " until " + e.expires()));
    }

    static Instant instant(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return raw.length() == 10 ? LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(raw);
        } catch (DateTimeParseException x) {
            throw GatehouseException.invalid("bad-expiry", "--expires '" + raw + "' is neither yyyy-MM-dd nor an"
                    + " ISO-8601 instant");
        }
    }
}
