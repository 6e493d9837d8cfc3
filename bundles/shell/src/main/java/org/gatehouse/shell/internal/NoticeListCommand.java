package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.Page;
import org.gatehouse.api.service.NoticeService;
import org.gatehouse.api.service.NoticeService.Notice;
import org.gatehouse.api.service.NoticeService.Stats;

@Command(scope = "gatehouse", name = "notice-list",
        description = "Lists home-school notices, newest first, with delivery and read statistics.")
@Service
public class NoticeListCommand extends GatehouseAction {

    @Reference
    NoticeService notices;

    @Option(name = "-n", description = "How many notices to print (1..1000)")
    int count = 20;

    @Override
    protected void run() {
        limit(count);
        Page<Notice> page = notices.list(0, count);
        ShellTable table = new ShellTable().emptyTableText("No notices.");
        table.column("Id");
        table.column("Status");
        table.column("Audience").maxSize(30);
        table.column("What").maxSize(40);
        table.column("Schedule");
        table.column("Next");
        table.column("Recipients");
        table.column("Queued");
        table.column("Sent");
        table.column("Delivered");
        table.column("Failed");
        table.column("Read");
        for (Notice n : page.items()) {
            Stats s = notices.get(n.id()).map(NoticeService.NoticeStats::stats).orElse(new Stats(0, 0, 0, 0, 0, 0));
            String what = n.templateKind() != null ? n.templateKind()
                    : n.texts().isEmpty() ? "-" : n.texts().get(0).title();
            String schedule = n.schedule().repeat() == NoticeService.Repeat.WEEKLY
                    ? "weekly " + n.schedule().day() + " " + n.schedule().time() + " until " + n.schedule().until()
                    : "once";
            table.addRow().addContent(n.id(), n.status(), n.audience(), what, schedule, Formats.time(n.nextAt()),
                    s.recipients(), s.queued(), s.sent(), s.delivered(), s.failed(), s.read());
        }
        table.print(System.out);
        printMore(page);
    }
}
