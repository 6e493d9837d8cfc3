package org.gatehouse.shell.internal;

import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.watchlist.WatchlistImport;
import org.gatehouse.api.watchlist.WatchlistService;

@Command(scope = "gatehouse", name = "watchlist-import",
        description = "Imports watchlist entries from a folder holding one CSV (name,reason,risk,source,expires,photo)"
                + " and the photos it names; shows a progress bar, then every refused row.")
@Service
public class WatchlistImportCommand extends GatehouseAction {
    @Reference
    WatchlistService watchlist;

    @Argument(index = 0, name = "folder", required = true, description = "Folder with the CSV and the photos")
    String folder;

    /** Milliseconds between two looks at the job. */
    long pollMs = 200;

    @Override
    protected void run() throws Exception {
        Path dir = existingDirectory(folder);
        WatchlistImport job = watchlist.importFolder(dir, currentUser());
        ProgressBar bar = new ProgressBar(System.out, job.total());
        while (job.finished() == null) {
            bar.update(job.done(), folder);
            Thread.sleep(pollMs);
            job = watchlist.importJob(job.id()).orElse(job);
        }
        bar.finish();
        System.out.println(job.id() + " " + job.state() + ": " + job.created() + " of " + job.total()
                + " rows created, " + job.errors().size() + " refused");
        job.errors().forEach(e -> System.out.println("  row " + e));
    }
}
