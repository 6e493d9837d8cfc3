package org.gatehouse.demo.internal;

import org.gatehouse.api.access.AttendanceService;
import org.gatehouse.api.danger.DangerZoneService;
import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.SiteService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo campus (feature {@code gatehouse-demo}, booted by default): when the core's services appear and the store
 * has no site yet, it creates the demo school, its people, a 24-hour duty roster,
 * the school calendar of the current term and the rules of its two danger zones. It never changes or removes
 * anything afterwards; a school that does not want it uninstalls the feature or leaves it out of the boot features.
 */
@Component(immediate = true, service = {})
public class DemoComponent {
    private static final Logger LOG = LoggerFactory.getLogger(DemoComponent.class);

    @Reference
    private SiteService sites;
    @Reference
    private PersonService persons;
    @Reference
    private DutyService duty;
    @Reference
    private AttendanceService attendance;
    @Reference
    private DangerZoneService dangerZones;

    @Activate
    void activate() {
        try {
            seed(sites, persons, duty, attendance, dangerZones);
        } catch (RuntimeException e) {
            LOG.warn("Demo campus not created: {}", e.getMessage());
        }
    }

    /**
     * Creates the demo campus, roster, calendar and danger-zone rules (none without the service) when the store has
     * no site; returns true if it did.
     */
    static boolean seed(SiteService sites, PersonService persons, DutyService duty, AttendanceService attendance,
                        DangerZoneService dangerZones) {
        if (!DemoData.seedIfEmpty(sites, persons)) {
            return false;
        }
        if (dangerZones != null) {
            DemoData.dangerZones(dangerZones);
        }
        DemoRoster.seed(persons, duty);
        DemoCalendar.seed(attendance, java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
        return true;
    }
}
