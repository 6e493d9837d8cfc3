package org.gatehouse.opcua.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.access.PassageQuery;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.perimeter.ArmingService;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.AuditService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.api.visitor.VisitService;
import org.gatehouse.api.visitor.VisitState;

/**
 * The Gatehouse services the server reads, each one possibly absent (then its nodes or counters are left out or
 * keep their last value). Set by the component as the services come and go.
 */
public final class Backend {
    volatile SiteService sites;
    volatile EventService events;
    volatile AuditService audit;
    volatile ArmingService arming;
    volatile AlarmService alarms;
    volatile PassageService passages;
    volatile VisitService visits;

    public Backend sites(SiteService s) {
        sites = s;
        return this;
    }

    public Backend events(EventService s) {
        events = s;
        return this;
    }

    public Backend audit(AuditService s) {
        audit = s;
        return this;
    }

    public Backend arming(ArmingService s) {
        arming = s;
        return this;
    }

    public Backend alarms(AlarmService s) {
        alarms = s;
        return this;
    }

    public Backend passages(PassageService s) {
        passages = s;
        return this;
    }

    public Backend visits(VisitService s) {
        visits = s;
        return this;
    }

    /** @return passages since midnight (server time zone), or null without the passage service */
    Long passagesToday(ZoneId zone) {
        PassageService p = passages;
        if (p == null) {
            return null;
        }
        return p.passages(new PassageQuery(null, null, LocalDate.now(zone).atStartOfDay(zone).toInstant(), null, 0,
                1)).total();
    }

    /** @return today's visits in state ARRIVED (on campus, not left yet), or null without the visit service */
    Long visitorsOnCampus(ZoneId zone) {
        VisitService v = visits;
        return v == null ? null : v.visits(LocalDate.now(zone), VisitState.ARRIVED, 0, 1).total();
    }

    /** @return open (raised or acknowledged) alarms, or null without the alarm service */
    Long openAlarms() {
        AlarmService a = alarms;
        return a == null ? null : a.query(new AlarmQuery(Set.of(AlarmState.RAISED, AlarmState.ACKNOWLEDGED), null,
                null, 0, 1)).total();
    }
}
