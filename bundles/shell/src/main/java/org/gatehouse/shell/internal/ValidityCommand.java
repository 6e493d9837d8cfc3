package org.gatehouse.shell.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.access.RosterService;

@Command(scope = "gatehouse", name = "validity",
        description = "Shows or sets a person's access validity at the gates (outside it: denied and removed from"
                + " every face terminal).")
@Service
public class ValidityCommand extends GatehouseAction {

    @Reference
    RosterService rosters;

    @Argument(index = 0, name = "person", description = "The person id", required = true)
    String person;

    @Option(name = "--from", description = "Start (2026-09-01T00:00:00Z), 'open' for none")
    String from;

    @Option(name = "--to", description = "End (2027-07-01T00:00:00Z), 'open' for none")
    String to;

    @Override
    protected void run() {
        if (from != null || to != null) {
            Optional<Instant[]> now = rosters.validity(person);
            Instant f = from == null ? now.map(v -> v[0]).orElse(null) : instant("from", from);
            Instant t = to == null ? now.map(v -> v[1]).orElse(null) : instant("to", to);
            rosters.setValidity(person, f, t, currentUser());
        }
        Optional<Instant[]> v = rosters.validity(person);
        System.out.println(v.isEmpty() ? person + ": no validity (always valid)" : person + ": valid from "
                + (v.get()[0] == null ? "open" : Formats.time(v.get()[0])) + " to "
                + (v.get()[1] == null ? "open" : Formats.time(v.get()[1])));
    }

    /** @return an ISO instant, or null for blank or {@code open} */
    static Instant instant(String name, String value) {
        if (value.isBlank() || value.trim().equalsIgnoreCase("open")) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw GatehouseException.invalid("invalid-" + name, "--" + name + " must be an instant like"
                    + " 2026-09-01T00:00:00Z or 'open', not '" + value + "'");
        }
    }
}
