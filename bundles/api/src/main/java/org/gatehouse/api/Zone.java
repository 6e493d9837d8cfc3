package org.gatehouse.api;

import java.util.List;

/**
 * An area of a site.
 *
 * @param id                stable identifier, unique across sites
 * @param siteId            the site it belongs to
 * @param name              display name
 * @param kind              what the zone is for
 * @param armed             for perimeter zones: whether intrusion events raise alarms
 * @param responsibleStaff  person ids of the staff responsible for the zone (danger-zone warnings go to them)
 */
public record Zone(String id, String siteId, String name, ZoneKind kind, boolean armed, List<String> responsibleStaff) {
    public Zone {
        responsibleStaff = responsibleStaff == null ? List.of() : List.copyOf(responsibleStaff);
    }
}
