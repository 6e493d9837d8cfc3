package org.gatehouse.rest.internal;

import java.util.Objects;

import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.AuditService;
import org.gatehouse.api.service.DeviceControl;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.HealthService;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.NoticeService;
import org.gatehouse.api.service.TemplateService;
import org.gatehouse.api.service.SiteService;

/** The api services the REST resources call; templates, duty and notices may be null in tests. */
public record Services(SiteService sites, EventService events, AlarmService alarms, AuditService audit,
                       OutboxService outbox, HealthService health, DeviceControl devices,
                       PersonService persons, FaceService faces, TemplateService templates, DutyService duty,
                       NoticeService notices) {
    /** Without the notice services (they are optional for the resources that do not use them). */
    public Services(SiteService sites, EventService events, AlarmService alarms, AuditService audit,
                    OutboxService outbox, HealthService health, DeviceControl devices, PersonService persons,
                    FaceService faces) {
        this(sites, events, alarms, audit, outbox, health, devices, persons, faces, null, null, null);
    }

    public Services {
        Objects.requireNonNull(sites, "sites");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(alarms, "alarms");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(persons, "persons");
        Objects.requireNonNull(faces, "faces");
    }
}
