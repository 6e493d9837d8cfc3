package org.gatehouse.shell.internal;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Severity;
import org.gatehouse.api.danger.DangerKind;
import org.gatehouse.api.danger.DangerZoneRule;
import org.gatehouse.api.danger.DangerZoneService;

@Command(scope = "gatehouse", name = "danger-zone",
        description = "Creates or replaces the rule of a danger zone (kind DANGER): a presence there outside the allowed"
                + " windows (site time zone; 18:00-06:00 runs overnight), by someone not allowed, warns the zone's"
                + " responsible staff with the snapshot and the camera's live view.")
@Service
public class DangerZoneCommand extends GatehouseAction {
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    @Reference
    DangerZoneService dangerZones;

    @Argument(index = 0, name = "zone", description = "Zone id (a zone of kind DANGER)", required = true)
    String zone;

    @Option(name = "--kind", description = "WATER, LAB, CHEMICAL_STORE or CONSTRUCTION", required = true)
    String kind;

    @Option(name = "--allowed", multiValued = true, description = "An allowed window \"DAYS HH:mm-HH:mm\" or \"DAYS"
            + " all-day\"; DAYS all, school, holiday or MON,TUE,..; repeat for more (none: never allowed)")
    List<String> allowed;

    @Option(name = "--person", multiValued = true, description = "A person id always allowed; repeat for more")
    List<String> persons;

    @Option(name = "--camera", multiValued = true, description = "A camera of the zone (device id; the first gives the"
            + " live view); repeat for more")
    List<String> cameras;

    @Option(name = "--severity", description = "INFO, WARNING, MAJOR (default) or CRITICAL")
    String severity;

    @Option(name = "--fold", description = "Presences within this many minutes fold into one warning (1..1440,"
            + " default 10)")
    int fold;

    @Option(name = "--disabled", description = "Save the rule switched off")
    boolean disabled;

    @Override
    protected void run() {
        List<DangerZoneRule.Window> windows = new ArrayList<>();
        for (String a : allowed == null ? List.<String>of() : allowed) {
            windows.add(window(a));
        }
        Severity sev = severity == null ? null : parseEnum(Severity.class, severity, "severity");
        DangerZoneRule saved = dangerZones.save(new DangerZoneRule(zone, parseEnum(DangerKind.class, kind, "kind"),
                windows, persons, cameras, sev, fold, !disabled), currentUser());
        System.out.println("Saved " + DangerZonesCommand.line(saved));
    }

    /** {@code school 08:00-17:00} or {@code holiday all-day}. */
    static DangerZoneRule.Window window(String text) {
        String[] p = text == null ? new String[0] : text.trim().split("\\s+");
        if (p.length == 2 && p[1].equalsIgnoreCase("all-day")) {
            return new DangerZoneRule.Window(p[0], LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        }
        String[] w = p.length == 2 ? p[1].split("-") : new String[0];
        if (w.length != 2) {
            throw badWindow(text);
        }
        try {
            return new DangerZoneRule.Window(p[0], LocalTime.parse(w[0], HM), LocalTime.parse(w[1], HM));
        } catch (DateTimeParseException e) {
            throw badWindow(text);
        }
    }

    private static GatehouseException badWindow(String text) {
        return GatehouseException.invalid("bad-window", "an allowed window is \"DAYS HH:mm-HH:mm\" (school"
                + " 08:00-17:00) or \"DAYS all-day\", not '" + text + "'");
    }
}
