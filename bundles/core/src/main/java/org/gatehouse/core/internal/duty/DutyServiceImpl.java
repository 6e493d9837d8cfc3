package org.gatehouse.core.internal.duty;

import org.osgi.annotation.bundle.Capability;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.audit.AuditTrail;
import org.gatehouse.core.internal.store.Db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Person;
import org.gatehouse.api.Site;
import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.PersonService.Contact;

/** The duty roster in table DUTY_SHIFTS; times are local to the shift's site. */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.service.DutyService")
public final class DutyServiceImpl implements DutyService {
    private static final Pattern POST = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int DAY_MIN = 24 * 60;

    private final Db db;
    private final AuditTrail audit;
    private final SiteService sites;
    private final PersonService persons;

    public DutyServiceImpl(Db db, AuditTrail audit, SiteService sites, PersonService persons) {
        this.db = db;
        this.audit = audit;
        this.sites = sites;
        this.persons = persons;
    }

    @Override
    public List<Shift> shifts() {
        return db.tx(c -> Db.list(c, "SELECT * FROM DUTY_SHIFTS ORDER BY POST, START_MIN, ID", DutyServiceImpl::map));
    }

    @Override
    public Shift save(Shift s, String actor) {
        Limits.body(s, "a shift");
        String id = s.id() == null || s.id().isBlank() ? "shift-" + UUID.randomUUID().toString().substring(0, 8)
                : Limits.id("id", s.id());
        Limits.id("personId", s.personId());
        if (s.post() == null || !POST.matcher(s.post()).matches() || s.post().length() > 64) {
            throw GatehouseException.invalid("bad-post", "post must be lower-kebab case, e.g. guard-room or leader");
        }
        if (s.start() == null || s.end() == null) {
            throw GatehouseException.invalid("bad-shift", "start and end times are required (HH:mm)");
        }
        if (s.from() != null && s.until() != null && s.until().isBefore(s.from())) {
            throw GatehouseException.invalid("bad-shift", "until " + s.until() + " is before from " + s.from());
        }
        if (s.siteId() != null && sites.site(s.siteId()).isEmpty()) {
            throw GatehouseException.notFound("unknown-site", "site '" + s.siteId() + "' does not exist");
        }
        if (persons.person(s.personId(), null).isEmpty()) {
            throw GatehouseException.notFound("unknown-person", "person '" + s.personId() + "' does not exist");
        }
        Shift out = new Shift(id, s.siteId(), s.personId(), s.post(), s.days().stream().distinct().sorted().toList(),
                s.start().withSecond(0).withNano(0), s.end().withSecond(0).withNano(0), s.from(), s.until());
        String days = String.join(",", out.days().stream().map(DayOfWeek::name).toList());
        return db.tx(c -> {
            int n = Db.update(c, "UPDATE DUTY_SHIFTS SET SITE_ID = ?, PERSON_ID = ?, POST = ?, DAYS = ?, START_MIN = ?,"
                    + " END_MIN = ?, FROM_DATE = ?, UNTIL_DATE = ? WHERE ID = ?", out.siteId(), out.personId(),
                    out.post(), days, minutes(out.start()), minutes(out.end()), str(out.from()), str(out.until()), id);
            if (n == 0) {
                Db.update(c, "INSERT INTO DUTY_SHIFTS (ID, SITE_ID, PERSON_ID, POST, DAYS, START_MIN, END_MIN,"
                        + " FROM_DATE, UNTIL_DATE) VALUES (?,?,?,?,?,?,?,?,?)", id, out.siteId(), out.personId(),
                        out.post(), days, minutes(out.start()), minutes(out.end()), str(out.from()), str(out.until()));
            }
            audit.record(c, actor, n == 0 ? "shift-add" : "shift-update", "shift", id,
                    out.post() + " " + out.personId() + " " + out.start() + "-" + out.end());
            return out;
        });
    }

    @Override
    public void delete(String id, String actor) {
        db.tx(c -> {
            Db.deleteOne(c, "DELETE FROM DUTY_SHIFTS WHERE ID = ?", id, "unknown-shift", "shift");
            audit.removed(c, actor, "shift", id);
            return null;
        });
    }

    @Override
    public List<OnDuty> onDuty(Instant at) {
        Instant when = at == null ? Instant.now() : at;
        List<OnDuty> out = new ArrayList<>();
        for (Shift s : shifts()) {
            if (covers(s, LocalDateTime.ofInstant(when, zone(s.siteId())))) {
                persons.person(s.personId(), null).ifPresent(p -> out.add(new OnDuty(s, p)));
            }
        }
        out.sort(Comparator.comparing((OnDuty d) -> d.shift().post()).thenComparing(d -> d.person().id()));
        return out;
    }

    @Override
    public List<Contact> contacts(String post, Instant at) {
        List<Contact> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (OnDuty d : onDuty(at)) {
            if ((post == null || post.equals(d.shift().post())) && seen.add(d.person().id())) {
                Person p = d.person();
                if (p.phone() != null) {
                    out.add(new Contact(p, "sms", p.phone(), p.language()));
                } else if (p.email() != null) {
                    out.add(new Contact(p, "email", p.email(), p.language()));
                }
            }
        }
        return out;
    }

    /** @return true when the shift, started on the local day of {@code t} or the day before, runs at {@code t} */
    static boolean covers(Shift s, LocalDateTime t) {
        int start = minutes(s.start());
        int end = minutes(s.end());
        int length = end > start ? end - start : end - start + DAY_MIN; // equal: a whole day
        for (LocalDate d : List.of(t.toLocalDate(), t.toLocalDate().minusDays(1))) {
            if (!startsOn(s, d)) {
                continue;
            }
            LocalDateTime from = d.atStartOfDay().plusMinutes(start);
            if (!t.isBefore(from) && t.isBefore(from.plusMinutes(length))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsOn(Shift s, LocalDate d) {
        return (s.days().isEmpty() || s.days().contains(d.getDayOfWeek()))
                && (s.from() == null || !d.isBefore(s.from())) && (s.until() == null || !d.isAfter(s.until()));
    }

    /** The time zone of a site, else of the first site, else UTC. */
    ZoneId zone(String siteId) {
        Optional<Site> site = siteId == null ? sites.sites().stream().findFirst() : sites.site(siteId);
        try {
            return site.map(x -> ZoneId.of(x.timezone())).orElse(ZoneOffset.UTC);
        } catch (DateTimeException | NullPointerException e) {
            return ZoneOffset.UTC;
        }
    }

    private static int minutes(LocalTime t) {
        return t.getHour() * 60 + t.getMinute();
    }

    private static String str(LocalDate d) {
        return d == null ? null : d.toString();
    }

    private static Shift map(ResultSet rs) throws SQLException {
        String days = rs.getString("DAYS");
        List<DayOfWeek> d = days == null || days.isBlank() ? List.of()
                : Arrays.stream(days.split(",")).map(DayOfWeek::valueOf).toList();
        String from = rs.getString("FROM_DATE");
        String until = rs.getString("UNTIL_DATE");
        return new Shift(rs.getString("ID"), rs.getString("SITE_ID"), rs.getString("PERSON_ID"), rs.getString("POST"),
                d, LocalTime.of(rs.getInt("START_MIN") / 60, rs.getInt("START_MIN") % 60),
                LocalTime.of(rs.getInt("END_MIN") / 60, rs.getInt("END_MIN") % 60),
                from == null ? null : LocalDate.parse(from), until == null ? null : LocalDate.parse(until));
    }
}
