package org.gatehouse.rest.internal;

import java.util.Objects;

import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.access.PassageService;
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

/** The api services the REST resources call; templates, duty, notices and passages may be null in tests. */
public record Services(SiteService sites, EventService events, AlarmService alarms, AuditService audit,
                       OutboxService outbox, HealthService health, DeviceControl devices,
                       PersonService persons, FaceService faces, TemplateService templates, DutyService duty,
                       NoticeService notices, PassageService passages) {
    /** Without the passage service. */
    public Services(SiteService sites, EventService events, AlarmService alarms, AuditService audit,
                    OutboxService outbox, HealthService health, DeviceControl devices, PersonService persons,
                    FaceService faces, TemplateService templates, DutyService duty, NoticeService notices) {
        this(sites, events, alarms, audit, outbox, health, devices, persons, faces, templates, duty, notices, null);
    }

    /** @return the service, or 503 {@code service-unavailable} if this server runs without it */
    static <T> T require(T service, String name) {
        if (service == null) {
            throw new ApiException(503, "service-unavailable", "the " + name + " service is not available");
        }
        return service;
    }

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
