package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.Page;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.api.service.OutboxService.OutboxMessage;

@Command(scope = "gatehouse", name = "outbox-list", description = "Lists outbox messages, newest first.")
@Service
public class OutboxListCommand extends GatehouseAction {

    @Reference
    OutboxService outbox;

    @Option(name = "--status", aliases = "-s", description = "Only this status: QUEUED, SENT, DELIVERED, FAILED")
    String status;

    @Option(name = "-n", description = "How many messages to print (1..1000)")
    int count = 50;

    @Override
    protected void run() {
        limit(count);
        OutboxMessage.Status filter = status == null ? null
                : parseEnum(OutboxMessage.Status.class, status, "status");
        Page<OutboxMessage> page = outbox.query(filter, 0, count);
        ShellTable table = new ShellTable().emptyTableText("No messages.");
        table.column("Id");
        table.column("Channel");
        table.column("Kind");
        table.column("Recipient");
        table.column("Status");
        table.column("Attempts");
        table.column("Created");
        table.column("Next attempt");
        table.column("Provider");
        table.column("Last error").maxSize(60);
        for (OutboxMessage m : page.items()) {
            table.addRow().addContent(m.id(), m.channel(), m.kind(), Formats.orDash(m.recipient()), m.status(),
                    m.attempts(), Formats.time(m.created()),
                    m.status() == OutboxMessage.Status.QUEUED ? Formats.time(m.nextAttempt()) : "-",
                    Formats.orDash(m.provider()), Formats.orDash(m.lastError()));
        }
        table.print(System.out);
        printMore(page);
    }
}
