package org.gatehouse.shell.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.EventQuery;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.service.EventService;

@Command(scope = "gatehouse", name = "event-tail",
        description = "Prints the newest stored events, oldest first; with -f keeps printing new events until Ctrl-C.")
@Service
public class EventTailCommand extends GatehouseAction {

    /** Events buffered while the terminal is slow; beyond this they are counted and dropped. */
    static final int BUFFER = 10_000;

    @Reference
    EventService events;

    @Option(name = "-n", description = "How many stored events to print first (1..1000)")
    int count = 20;

    @Option(name = "--type", aliases = "-t", description = "Event type: exact, or a prefix with * (fence.*)")
    String type;

    @Option(name = "--follow", aliases = "-f", description = "Keep printing new events until Ctrl-C")
    boolean follow;

    @Override
    protected void run() throws Exception {
        limit(count);
        String queryType = type == null || type.isBlank() || type.equals("*") ? null : type.trim();
        if (!follow) {
            printStored(queryType, null);
            return;
        }
        // Subscribe before querying so nothing falls between the two; ids printed from the store are skipped.
        BlockingQueue<SecurityEvent> queue = new LinkedBlockingQueue<>(BUFFER);
        AtomicLong dropped = new AtomicLong();
        AutoCloseable subscription = events.subscribe(queryType == null ? "*" : queryType, e -> {
            if (!queue.offer(e)) {
                dropped.incrementAndGet();
            }
        });
        try {
            Set<String> printed = new HashSet<>();
            printStored(queryType, printed);
            while (!Thread.currentThread().isInterrupted()) {
                SecurityEvent e = queue.take();
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    System.out.println("... " + lost + " events dropped (terminal too slow)");
                }
                if (e.id() != null && printed.remove(e.id())) {
                    continue;
                }
                System.out.println(Formats.event(e));
                System.out.flush();
            }
        } catch (InterruptedException e) {
            // Ctrl-C: the session interrupts this thread. Leave the flag clear so the shell goes on.
        } finally {
            subscription.close();
        }
    }

    private void printStored(String queryType, Set<String> printedIds) {
        List<SecurityEvent> newestFirst = events.query(
                new EventQuery(null, null, queryType, null, null, null, 0, count)).items();
        List<SecurityEvent> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        for (SecurityEvent e : oldestFirst) {
            System.out.println(Formats.event(e));
            if (printedIds != null && e.id() != null) {
                printedIds.add(e.id());
            }
        }
        if (oldestFirst.isEmpty() && !follow) {
            System.out.println("No events.");
        }
    }
}
