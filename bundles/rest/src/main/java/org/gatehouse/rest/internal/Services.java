package org.gatehouse.rest.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.gatehouse.api.access.AttendanceService;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.access.RosterService;
import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.access.LeavePassService;
import org.gatehouse.api.opcua.OpcUaServerAdmin;
import org.gatehouse.api.perimeter.ArmingService;
import org.gatehouse.api.service.AccountService;
import org.gatehouse.api.service.SignedLinks;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.AuditService;
import org.gatehouse.api.service.DeviceControl;
import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.HealthService;
import org.gatehouse.api.service.NoticeService;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.api.service.TemplateService;
import org.gatehouse.api.visitor.VisitService;
import org.gatehouse.api.watchlist.WatchlistService;
import org.gatehouse.api.stranger.StrangerService;
import org.gatehouse.api.danger.DangerZoneService;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.ErrorMappers;

/**
 * The api services the resources call, looked up on every call: a resource whose service is absent answers 503
 * {@code service-unavailable} on its own paths, the others keep working, and a service that comes back is used at
 * once. {@link RestComponent} tracks every type of {@link #TYPES} in the OSGi registry; tests put instances.
 */
public final class Services {
    /** Every api service the REST API uses: the one list to extend when a resource needs a new service. */
    public static final List<Class<?>> TYPES = List.of(
            SiteService.class,
            DeviceControl.class,
            EventService.class,
            AlarmService.class,
            AuditService.class,
            PersonService.class,
            FaceService.class,
            PassageService.class,
            RosterService.class,
            AttendanceService.class,
            OutboxService.class,
            TemplateService.class,
            NoticeService.class,
            DutyService.class,
            HealthService.class,
            AccountService.class,
            LeavePassService.class,
            SignedLinks.class,
            WatchlistService.class,
            VisitService.class,
            StrangerService.class,
            DangerZoneService.class,
            ArmingService.class,
            OpcUaServerAdmin.class);

    private final Map<Class<?>, Supplier<?>> sources = new ConcurrentHashMap<>();

    /**
     * @param services instances registered under every type of {@link #TYPES} they implement; nulls are skipped
     * @throws IllegalArgumentException if an instance implements no listed type, or two implement the same one
     */
    public Services(Object... services) {
        for (Object service : services) {
            if (service == null) {
                continue;
            }
            boolean listed = false;
            for (Class<?> type : TYPES) {
                if (type.isInstance(service)) {
                    if (sources.containsKey(type)) {
                        throw new IllegalArgumentException("two services given for " + type.getSimpleName());
                    }
                    sources.put(type, constant(service));
                    listed = true;
                }
            }
            if (!listed) {
                throw new IllegalArgumentException(service.getClass().getName() + " implements no type of "
                        + "Services.TYPES");
            }
        }
    }

    /**
     * @return the service of that type
     * @throws ApiException 503 {@code service-unavailable} naming the type when it is absent
     */
    public <T> T get(Class<T> type) {
        Object service = current(type);
        if (service == null) {
            throw new ApiException(503, ErrorMappers.SERVICE_UNAVAILABLE, type.getSimpleName()
                    + " is not available");
        }
        return type.cast(service);
    }

    /** @return whether the service of that type is present now */
    public boolean available(Class<?> type) {
        return current(type) != null;
    }

    /** Takes the service of that type from the source on every call from now on (a source may answer null). */
    public <T> void provide(Class<T> type, Supplier<? extends T> source) {
        sources.put(listed(type), source);
    }

    /** Uses this instance for that type from now on; null makes the type absent. */
    public <T> void put(Class<T> type, T service) {
        if (service == null) {
            sources.remove(listed(type));
        } else {
            sources.put(listed(type), constant(type.cast(service)));
        }
    }

    private Object current(Class<?> type) {
        Supplier<?> source = sources.get(listed(type));
        return source == null ? null : source.get();
    }

    private static Class<?> listed(Class<?> type) {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException(type.getName() + " is not in Services.TYPES");
        }
        return type;
    }

    private static Supplier<Object> constant(Object service) {
        return () -> service;
    }
}
