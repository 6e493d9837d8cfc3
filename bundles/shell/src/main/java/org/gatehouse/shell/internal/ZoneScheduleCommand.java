package org.gatehouse.shell.internal;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.perimeter.ArmingSchedule;
import org.gatehouse.api.perimeter.ArmingService;

@Command(scope = "gatehouse", name = "zone-schedule",
        description = "Replaces a perimeter zone's weekly arming schedule: windows \"DAYS HH:mm-HH:mm\" or \"DAYS"
                + " all-day\" (DAYS all, school, holiday or MON,TUE,..; site time zone; 18:30-06:30 runs overnight)."
                + " No window removes the schedule. Audited.")
@Service
public class ZoneScheduleCommand extends GatehouseAction {
    @Reference
    ArmingService arming;

    @Argument(index = 0, name = "zone", description = "Perimeter zone id", required = true)
    String zone;

    @Argument(index = 1, name = "windows", description = "Windows like \"school 18:30-06:30\" \"holiday all-day\"",
            multiValued = true)
    List<String> windows;

    @Override
    protected void run() {
        List<ArmingSchedule.Window> out = new ArrayList<>();
        for (String w : windows == null ? List.<String>of() : windows) {
            out.add(schedule(w));
        }
        System.out.println(ZonesArmingCommand.line(arming.schedule(zone, new ArmingSchedule(out), currentUser())));
    }

    static ArmingSchedule.Window schedule(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\s+");
        if (parts.length != 2) {
            throw bad(text);
        }
        if (parts[1].equalsIgnoreCase("all-day")) {
            return new ArmingSchedule.Window(parts[0], LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        }
        LocalTime[] w = GatehouseAction.window(parts[1]);
        return new ArmingSchedule.Window(parts[0], w[0], w[1]);
    }

    private static GatehouseException bad(String text) {
        return GatehouseException.invalid("bad-window", "a window is \"DAYS HH:mm-HH:mm\" or \"DAYS all-day\","
                + " e.g. \"school 18:30-06:30\", not '" + text + "'");
    }
}
