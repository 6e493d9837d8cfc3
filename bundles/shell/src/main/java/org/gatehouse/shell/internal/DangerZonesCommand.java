package org.gatehouse.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.danger.DangerZoneRule;
import org.gatehouse.api.danger.DangerZoneService;

@Command(scope = "gatehouse", name = "danger-zones",
        description = "Lists the danger-zone rules (危险区域): who may be in a pond, lab or chemical store when.")
@Service
public class DangerZonesCommand extends GatehouseAction {

    @Reference
    DangerZoneService dangerZones;

    @Override
    protected void run() {
        List<DangerZoneRule> rules = dangerZones.rules();
        if (rules.isEmpty()) {
            System.out.println("No danger-zone rules (gatehouse:danger-zone to add one).");
        }
        rules.forEach(r -> System.out.println(line(r)));
    }

    /** {@code chem-store  CHEMICAL_STORE  allowed school 08:00-17:00  persons staff-li  cameras -  MAJOR  fold 10m}. */
    static String line(DangerZoneRule r) {
        String allowed = r.allowed().isEmpty() ? "never" : String.join(", ", r.allowed().stream()
                .map(w -> w.days() + " " + w.from() + "-" + w.to()).toList());
        return String.format("%-14s %-14s allowed %s  persons %s  cameras %s  %-8s fold %dm%s", r.zoneId(), r.kind(),
                allowed, r.allowedPersons().isEmpty() ? "-" : String.join(",", r.allowedPersons()),
                r.cameraIds().isEmpty() ? "-" : String.join(",", r.cameraIds()), r.severity(), r.foldMinutes(),
                r.enabled() ? "" : "  disabled");
    }
}
