package org.gatehouse.shell.internal;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.watchlist.WatchlistService;
import org.gatehouse.api.watchlist.WatchlistStats;

@Command(scope = "gatehouse", name = "watchlist-stats",
        description = "The watchlist hits' figures to tune face.threshold.watchlist: verdicts, the score histogram"
                + " and each entry's false-hit rate.")
@Service
public class WatchlistStatsCommand extends GatehouseAction {
    @Reference
    WatchlistService watchlist;

    @Option(name = "--from", description = "Hits since (ISO-8601 instant); all when absent")
    String from;

    @Override
    protected void run() {
        WatchlistStats s = watchlist.stats(PassageListCommand.instant("from", from));
        System.out.println(String.format(Locale.ROOT, "threshold %.2f: %d hits, %d confirmed, %d false, %d unreviewed",
                s.threshold(), s.hits(), s.confirmed(), s.falseHits(), s.unreviewed()));
        if (s.hits() == 0) {
            return;
        }
        ShellTable bins = new ShellTable();
        for (String c : new String[] {"Score", "Confirmed", "False", "Unreviewed"}) {
            bins.column(c);
        }
        for (WatchlistStats.Bin b : s.bins()) {
            if (b.confirmed() + b.falseHits() + b.unreviewed() > 0) {
                bins.addRow().addContent(String.format(Locale.ROOT, "%.2f-%.2f", b.from(), b.from() + 0.02f),
                        b.confirmed(), b.falseHits(), b.unreviewed());
            }
        }
        bins.print(System.out);
        ShellTable rates = new ShellTable();
        for (String c : new String[] {"Entry", "Name", "Hits", "False", "False-hit rate"}) {
            rates.column(c);
        }
        for (WatchlistStats.EntryRate r : s.perEntry()) {
            rates.addRow().addContent(r.entryId(), r.name(), r.hits(), r.falseHits(), r.falseHitRate() == null ? "-"
                    : String.format(Locale.ROOT, "%.0f%%", r.falseHitRate() * 100));
        }
        rates.print(System.out);
    }
}
