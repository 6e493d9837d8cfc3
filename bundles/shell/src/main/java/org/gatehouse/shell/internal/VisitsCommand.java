package org.gatehouse.shell.internal;

import java.time.LocalDate;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.Page;
import org.gatehouse.api.visitor.Visit;
import org.gatehouse.api.visitor.VisitService;
import org.gatehouse.api.visitor.VisitState;

@Command(scope = "gatehouse", name = "visits", description = "Lists visits (访客), newest window first.")
@Service
public class VisitsCommand extends GatehouseAction {

    @Reference
    VisitService visits;

    @Option(name = "--date", aliases = "-d", description = "Only visits whose window touches this day (2026-03-02,"
            + " gate time zone)")
    String date;

    @Option(name = "--state", aliases = "-s", description = "Only this state: PENDING, APPROVED, REJECTED, ARRIVED,"
            + " LEFT, EXPIRED, CANCELLED")
    String state;

    @Option(name = "-n", description = "How many visits to print (1..1000)")
    int count = 50;

    @Override
    protected void run() {
        limit(count);
        LocalDate day = day(date);
        VisitState s = state == null || state.isBlank() ? null : parseEnum(VisitState.class, state, "state");
        Page<Visit> page = visits.visits(day, s, 0, count);
        for (Visit v : page.items()) {
            System.out.println(line(v));
        }
        if (page.items().isEmpty()) {
            System.out.println("No visits.");
        } else {
            printMore(page);
        }
    }

    /**
     * {@code #3 APPROVED Zhang San (1101**********002X) -> t1 Ms Li 2026-03-02T01:00:00Z..2026-03-02T03:00:00Z walk-in
     * "meeting"}, with arrival, departure, overstay and the decider when known.
     */
    static String line(Visit v) {
        StringBuilder b = new StringBuilder("#").append(v.id()).append(' ').append(v.state()).append(' ')
                .append(v.visitorName());
        if (v.idNumber() != null) {
            b.append(" (").append(v.idNumber()).append(')');
        }
        b.append(" -> ").append(v.hostId());
        if (v.hostName() != null) {
            b.append(' ').append(v.hostName());
        }
        b.append(' ').append(Formats.time(v.from())).append("..").append(Formats.time(v.to())).append(' ')
                .append(v.source());
        if (v.purpose() != null) {
            b.append(" \"").append(v.purpose()).append('"');
        }
        if (v.decidedBy() != null) {
            b.append(", decided by ").append(v.decidedBy());
        }
        if (v.arrivedAt() != null) {
            b.append(", arrived ").append(Formats.time(v.arrivedAt()));
        }
        if (v.leftAt() != null) {
            b.append(", left ").append(Formats.time(v.leftAt()));
        }
        if (v.overstay()) {
            b.append(", OVERSTAY");
        }
        if (v.note() != null) {
            b.append(", note \"").append(v.note()).append('"');
        }
        return b.toString();
    }
}
