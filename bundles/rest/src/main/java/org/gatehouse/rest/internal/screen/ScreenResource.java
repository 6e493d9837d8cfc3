package org.gatehouse.rest.internal.screen;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.Device;
import org.gatehouse.api.EventQuery;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Site;
import org.gatehouse.api.access.Attendance;
import org.gatehouse.api.access.AttendanceRule;
import org.gatehouse.api.access.AttendanceService;
import org.gatehouse.api.access.AttendanceSummary;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.access.PassageQuery;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.api.visitor.VisitService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * /screen: everything the guard-room big screen shows, in one answer read again on each live event. Made from the api
 * services only; a part whose service is absent (or fails) is left out and the others are still answered, so the
 * screen never goes blank. Days are those of the first site's time zone (UTC without a site).
 */
@Path("/screen")
@Produces(MediaType.APPLICATION_JSON)
public class ScreenResource {
    private static final Logger LOG = LoggerFactory.getLogger(ScreenResource.class);
    private static final int PAGE = Params.MAX_LIMIT;
    /** The roles whose names and roles the screen shows (never the watchlist). */
    private static final List<PersonRole> SHOWN = List.of(PersonRole.STUDENT, PersonRole.STAFF, PersonRole.VISITOR,
            PersonRole.GUARDIAN);

    private final Services services;
    private final Clock clock;
    private final Directory directory;
    /** The parts failing now, with their last error (logged once when it changes). */
    private final Map<String, String> failing = new ConcurrentHashMap<>();

    public ScreenResource(Services services) {
        this(services, Clock.systemUTC());
    }

    public ScreenResource(Services services, Clock clock) {
        this.services = services;
        this.clock = clock;
        this.directory = new Directory(clock);
    }

    @GET
    @Roles(Roles.SECURITY)
    public Screen screen() {
        Instant now = clock.instant();
        ZoneId zone = zone();
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant dayStart = today.atStartOfDay(zone).toInstant();
        Map<String, Device> devices = part("devices", SiteService.class, () -> {
            Map<String, Device> m = new HashMap<>();
            services.get(SiteService.class).devices(null).forEach(d -> m.put(d.id(), d));
            return m;
        });
        List<Passage> todays = part("passages", PassageService.class, () -> todaysPassages(dayStart));
        Set<Long> denied = todays == null ? Set.of() : Optional.ofNullable(
                part("denied passages", EventService.class, () -> denied(dayStart))).orElse(Set.of());
        Map<String, Integer> onCampus = todays == null ? null : part("on campus", PersonService.class,
                () -> Screen.onCampus(todays, denied, this::role));
        List<Screen.PassageRow> latest = todays == null ? null
                : part("latest passages", PassageService.class, () -> latest(todays, devices));
        return new Screen(now,
                part("visitors", VisitService.class, () -> Screen.visitors(services.get(VisitService.class)
                        .visits(today, null, 0, PAGE).items(), now)),
                onCampus, latest,
                part("alarms", AlarmService.class, () -> services.get(AlarmService.class)
                        .query(AlarmQuery.active(Screen.ALARMS)).items().stream().map(Screen::alarm).toList()),
                devices == null ? null : Screen.devices(devices.values()),
                part("attendance", PassageService.class, () -> attendance(today)));
    }

    /** Today's passages, newest first, in pages (a passage that arrives meanwhile may come twice: harmless). */
    private List<Passage> todaysPassages(Instant dayStart) {
        PassageService ps = services.get(PassageService.class);
        List<Passage> out = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            Page<Passage> page = ps.passages(new PassageQuery(null, null, dayStart, null, offset, PAGE));
            out.addAll(page.items());
            if (page.items().size() < PAGE || offset + PAGE >= page.total()) {
                return out;
            }
        }
    }

    /** The ids of today's passages the gates refused (their events are {@code gate.denied}). */
    private Set<Long> denied(Instant dayStart) {
        EventService es = services.get(EventService.class);
        Set<Long> out = new HashSet<>();
        for (int offset = 0; ; offset += PAGE) {
            Page<SecurityEvent> page = es.query(new EventQuery(dayStart, null, PassageService.EVENT_DENIED, null,
                    null, null, offset, PAGE));
            for (SecurityEvent e : page.items()) {
                Long id = passageId(e);
                if (id != null) {
                    out.add(id);
                }
            }
            if (page.items().size() < PAGE || offset + PAGE >= page.total()) {
                return out;
            }
        }
    }

    private static Long passageId(SecurityEvent e) {
        try {
            String id = e.attributes().get("passageId");
            return id == null ? null : Long.valueOf(id);
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    /** The newest passages (today's, else the latest ones of any day) with their decision from their events. */
    private List<Screen.PassageRow> latest(List<Passage> todays, Map<String, Device> devices) {
        List<Passage> newest = todays.size() >= Screen.PASSAGES ? todays.subList(0, Screen.PASSAGES)
                : services.get(PassageService.class).passages(new PassageQuery(null, null, null, null, 0,
                Screen.PASSAGES)).items();
        EventService es = services.available(EventService.class) ? services.get(EventService.class) : null;
        List<Screen.PassageRow> rows = new ArrayList<>(newest.size());
        for (Passage p : newest) {
            Boolean open = null;
            String reason = null;
            SecurityEvent e = es == null || p.eventId() == null ? null : es.get(p.eventId()).orElse(null);
            if (e != null) {
                String o = e.attributes().get("open");
                open = o != null ? Boolean.valueOf(o) : PassageService.EVENT_DENIED.equals(e.type()) ? Boolean.FALSE
                        : null;
                reason = e.attributes().get("reason");
            }
            Person person = p.personId() == null || !services.available(PersonService.class) ? null
                    : directory.get(services.get(PersonService.class), p.personId());
            rows.add(Screen.passage(p, devices == null ? null : devices.get(p.deviceId()), person, open, reason));
        }
        return rows;
    }

    /**
     * Today's attendance: judged by the school calendar when one is set up (a day that is not a school day expects
     * nobody), else every student is expected and those with a passage in today are present.
     */
    private Screen.AttendanceRate attendance(LocalDate today) {
        if (services.available(AttendanceService.class)) {
            AttendanceService as = services.get(AttendanceService.class);
            if (!as.terms().isEmpty()) {
                if (!as.schoolDay(today)) {
                    return Screen.AttendanceRate.of(cameIn(today), 0);
                }
                List<AttendanceSummary> day = as.summary(today, today, AttendanceRule.ANY_GRADE);
                return day.isEmpty() ? Screen.AttendanceRate.of(0, 0) : Screen.attendance(day.get(0));
            }
        }
        List<Attendance> all = services.get(PassageService.class).attendance(today, null);
        return Screen.attendance(all.size(), (int) all.stream().filter(a -> a.firstIn() != null).count());
    }

    private int cameIn(LocalDate today) {
        return (int) services.get(PassageService.class).attendance(today, null).stream()
                .filter(a -> a.firstIn() != null).count();
    }

    private PersonRole role(String personId) {
        Person p = directory.get(services.get(PersonService.class), personId);
        return p == null ? null : p.role();
    }

    /** The time zone of the first site, else UTC. */
    private ZoneId zone() {
        if (!services.available(SiteService.class)) {
            return ZoneOffset.UTC;
        }
        try {
            List<Site> sites = services.get(SiteService.class).sites();
            return sites.isEmpty() || sites.get(0).timezone() == null ? ZoneOffset.UTC
                    : ZoneId.of(sites.get(0).timezone());
        } catch (RuntimeException e) { // DateTimeException: an unknown zone
            return ZoneOffset.UTC;
        }
    }

    /**
     * One part of the screen: null when its service is absent, or when it fails (logged once per new error, and
     * once when it works again).
     */
    private <T> T part(String name, Class<?> needs, Supplier<T> compute) {
        if (!services.available(needs)) {
            return null;
        }
        try {
            T value = compute.get();
            if (failing.remove(name) != null) {
                LOG.info("Big screen: the {} part is back", name);
            }
            return value;
        } catch (RuntimeException e) {
            String text = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!text.equals(failing.put(name, text))) {
                LOG.warn("Big screen: the {} part is left out: {}", name, text);
            }
            return null;
        }
    }

    /**
     * Names and roles of the persons the screen shows, read a page of each role at a time and kept for a minute; an
     * unknown id reads them again (at most every 5 s), so a visitor registered a moment ago is named at once.
     */
    static final class Directory {
        private static final long MAX_AGE_MS = 60_000;
        private static final long MISS_AGE_MS = 5_000;
        private final Clock clock;
        private volatile Map<String, Person> byId;
        private volatile long loadedAt;

        Directory(Clock clock) {
            this.clock = clock;
        }

        Person get(PersonService people, String id) {
            long now = clock.millis();
            Map<String, Person> m = byId;
            if (m == null || now - loadedAt > MAX_AGE_MS || !m.containsKey(id) && now - loadedAt > MISS_AGE_MS) {
                m = load(people, now);
            }
            return m.get(id);
        }

        private synchronized Map<String, Person> load(PersonService people, long now) {
            Map<String, Person> m = byId;
            if (m != null && now - loadedAt <= MISS_AGE_MS) {
                return m; // another request just read them
            }
            Map<String, Person> fresh = new HashMap<>();
            for (PersonRole role : SHOWN) {
                for (int offset = 0; ; offset += PAGE) {
                    Page<Person> page = people.persons(role, null, offset, PAGE);
                    page.items().forEach(p -> fresh.put(p.id(), p));
                    if (page.items().size() < PAGE || offset + PAGE >= page.total()) {
                        break;
                    }
                }
            }
            byId = Map.copyOf(fresh);
            loadedAt = now;
            return byId;
        }
    }
}
