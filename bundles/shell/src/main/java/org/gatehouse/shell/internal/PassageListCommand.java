package org.gatehouse.shell.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.access.PassageQuery;
import org.gatehouse.api.access.PassageService;

@Command(scope = "gatehouse", name = "passage-list", description = "Lists face gate passages, newest first.")
@Service
public class PassageListCommand extends GatehouseAction {

    @Reference
    PassageService passages;

    @Option(name = "--person", aliases = "-p", description = "Only this person's passages")
    String person;

    @Option(name = "--device", aliases = "-d", description = "Only this gate's passages")
    String device;

    @Option(name = "--from", description = "At or after this instant (2026-03-02T00:00:00Z)")
    String from;

    @Option(name = "--to", description = "Before this instant")
    String to;

    @Option(name = "-n", description = "How many passages to print (1..1000)")
    int count = 50;

    @Override
    protected void run() {
        limit(count);
        Page<Passage> page = passages.passages(new PassageQuery(person, device, instant("from", from),
                instant("to", to), 0, count));
        for (Passage p : page.items()) {
            System.out.println(line(p));
        }
        if (page.items().isEmpty()) {
            System.out.println("No passages.");
        } else {
            printMore(page);
        }
    }

    /** {@code 2026-03-02T00:05:00Z #12 gate-1 in stu-1 score=0.931 temp=36.6}; a stranger is {@code stranger}. */
    static String line(Passage p) {
        return Formats.time(p.time()) + " #" + p.id() + " " + p.deviceId() + " " + p.direction() + " "
                + (p.personId() == null ? "stranger" : p.personId())
                + (p.score() == null ? "" : String.format(Locale.ROOT, " score=%.3f", p.score()))
                + (p.temperature() == null ? "" : String.format(Locale.ROOT, " temp=%.1f", p.temperature()))
                + (p.snapshot() == null ? " (snapshot purged)" : "");
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw GatehouseException.invalid("invalid-" + name, "--" + name + " must be an instant like"
                    + " 2026-03-02T00:00:00Z, not '" + value + "'");
        }
    }
}
