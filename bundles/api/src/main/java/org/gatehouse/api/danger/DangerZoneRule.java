package org.gatehouse.api.danger;

import java.time.LocalTime;
import java.util.List;

import org.gatehouse.api.Severity;

/**
 * Who may be in a danger zone, and when. A presence outside every allowed window, or by a person (known from a face at
 * the zone's camera or a badge) who is not allowed, is a warning to the zone's responsible staff
 * ({@link org.gatehouse.api.Zone#responsibleStaff()}) with the snapshot and a live-view link of its camera.
 *
 * @param zoneId         the zone (kind DANGER)
 * @param kind           water, lab, chemical store, construction
 * @param allowed        windows when presence is normal (a lab during lessons); empty: never
 * @param allowedPersons person ids always allowed (the lab technician), whatever the hour
 * @param cameraIds      the zone's cameras: their person detections count as presence, the first gives the live view
 * @param severity       of the warning (default MAJOR)
 * @param foldMinutes    presences within this many minutes fold into one warning (default 10)
 * @param enabled        whether the rule applies
 */
public record DangerZoneRule(String zoneId, DangerKind kind, List<Window> allowed, List<String> allowedPersons,
                             List<String> cameraIds, Severity severity, int foldMinutes, boolean enabled) {
    public DangerZoneRule {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        allowedPersons = allowedPersons == null ? List.of() : List.copyOf(allowedPersons);
        cameraIds = cameraIds == null ? List.of() : List.copyOf(cameraIds);
    }

    /**
     * A window of allowed presence. Days as for stranger rules: {@code all}, {@code school}, {@code holiday} or
     * {@code MON,TUE,...}; times in the site's time zone; {@code to} before {@code from} runs overnight.
     */
    public record Window(String days, LocalTime from, LocalTime to) {
    }
}
