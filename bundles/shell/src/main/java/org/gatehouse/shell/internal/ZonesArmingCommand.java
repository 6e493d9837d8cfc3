package org.gatehouse.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.perimeter.ArmingSchedule;
import org.gatehouse.api.perimeter.ArmingService;
import org.gatehouse.api.perimeter.ZoneArming;

@Command(scope = "gatehouse", name = "zones-arming",
        description = "Lists the perimeter zones (周界) with their arming: armed or not, what decides it (schedule,"
                + " manual, fixed), by whom and until when, the next change of the schedule, a bypass.")
@Service
public class ZonesArmingCommand extends GatehouseAction {
    private static final Pattern RELATIVE = Pattern.compile("\\+(\\d{1,5})([mhd])");

    @Reference
    ArmingService arming;

    @Override
    protected void run() {
        List<ZoneArming> zones = arming.zones();
        if (zones.isEmpty()) {
            System.out.println("No perimeter zones.");
            return;
        }
        System.out.println(String.format("%-16s %-9s %-9s %-21s %-21s %s", "ZONE", "STATE", "SOURCE", "UNTIL",
                "NEXT CHANGE", "SCHEDULE / BYPASS"));
        zones.forEach(z -> System.out.println(line(z)));
    }

    /** One zone in one line: {@code north  disarmed  manual  2026-03-02T13:00:00Z  -  no schedule  (by guard)}. */
    static String line(ZoneArming z) {
        String state = !z.armed() ? "disarmed" : z.bypass() != null ? "BYPASSED" : "ARMED";
        String until = !"manual".equals(z.source()) ? "-" : z.manualUntil() == null ? "(next change)"
                : Formats.time(z.manualUntil());
        String bypass = z.bypass() == null ? "" : "  bypass until " + Formats.time(z.bypass().until()) + " by "
                + z.bypass().by() + ": " + z.bypass().reason();
        return String.format("%-16s %-9s %-9s %-21s %-21s %s", z.zoneId(), state, z.source(), until,
                z.nextChange() == null ? "-" : Formats.time(z.nextChange()), schedule(z.schedule()) + bypass)
                + (z.by() == null ? "" : "  (by " + z.by() + ")");
    }

    static String schedule(ArmingSchedule s) {
        if (s == null || s.windows().isEmpty()) {
            return "no schedule";
        }
        StringBuilder b = new StringBuilder();
        for (ArmingSchedule.Window w : s.windows()) {
            b.append(b.length() == 0 ? "" : ", ").append(w.days()).append(' ')
                    .append(w.from().equals(w.to()) ? "all-day" : w.from() + "-" + w.to());
        }
        return b.toString();
    }

    /**
     * @return an ISO-8601 instant, or {@code +30m}, {@code +2h}, {@code +3d} from now; null when absent
     * @throws GatehouseException INVALID {@code bad-until}
     */
    static Instant until(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        Matcher m = RELATIVE.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return now.plus(switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e2) {
                throw GatehouseException.invalid("bad-until", "--until is an instant like 2026-03-02T22:00:00Z or"
                        + " +30m, +2h, +3d, not '" + v + "'");
            }
        }
    }
}
