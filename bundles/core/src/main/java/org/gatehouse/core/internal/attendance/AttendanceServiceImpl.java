package org.gatehouse.core.internal.attendance;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.gatehouse.api.Device;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.access.AttendanceRule;
import org.gatehouse.api.access.AttendanceService;
import org.gatehouse.api.access.AttendanceSummary;
import org.gatehouse.api.access.CalendarDay;
import org.gatehouse.api.access.DayRecord;
import org.gatehouse.api.access.LeavePass;
import org.gatehouse.api.access.LeavePassService;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.access.SchoolTerm;
import org.gatehouse.api.device.IngestResult;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.access.PassageTimes;
import org.gatehouse.core.internal.audit.AuditTrail;
import org.gatehouse.core.internal.store.Db;
import org.osgi.annotation.bundle.Capability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The school calendar and arrival rules in the store, attendance judged from the passages of a range in one read,
 * and the daily absent notices on the spine.
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.access.AttendanceService")
public final class AttendanceServiceImpl implements AttendanceService {
    private static final Logger LOG = LoggerFactory.getLogger(AttendanceServiceImpl.class);
    private static final Pattern TERM_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern GRADE = Pattern.compile("[\\p{L}\\p{N}_.]{1,32}");
    private static final Pattern EVENT_ID_PART = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    /** The longest range a query may cover, in days. */
    public static final int MAX_RANGE_DAYS = 366;
    static final String FACEGATE = "facegate";
    public static final String EVENT_ABSENT = "attendance.absent";
    public static final String EVENT_ABSENT_LIST = "attendance.absent-list";

    private final Db db;
    private final AuditTrail audit;
    private final PersonService persons;
    private final SiteService sites;
    private final EventService events;
    private final PassageTimes passages;
    private final Supplier<ZoneId> zone;
    private volatile Clock clock = Clock.systemUTC();
    private volatile LeavePassService leavePasses;
    private volatile LocalTime absentTime = LocalTime.of(9, 0);
    private volatile LocalDate absentDone;

    /**
     * @param zone the site time zone of days (the gate time zone of the passages)
     */
    public AttendanceServiceImpl(Db db, AuditTrail audit, PersonService persons, SiteService sites,
                                 EventService events, PassageTimes passages, Supplier<ZoneId> zone) {
        this.db = db;
        this.audit = audit;
        this.persons = persons;
        this.sites = sites;
        this.events = events;
        this.passages = passages;
        this.zone = zone;
    }

    /** The early-leave passes that excuse an absence or a early leave; null: nothing is excused. */
    public void useLeavePasses(LeavePassService service) {
        this.leavePasses = service;
    }

    /** The time of day (site time zone) after which the absent notices of a school day go out. */
    public void configureAbsentTime(LocalTime time) {
        this.absentTime = time;
    }

    /** The clock of "now" (tests). */
    public void useClock(Clock c) {
        this.clock = c;
    }

    /**
     * Parses {@code attendance.absent.time}.
     *
     * @throws IllegalArgumentException unless it is HH:mm
     */
    public static LocalTime parseTime(String key, String value) {
        try {
            return LocalTime.parse(value.trim(), HM);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a time HH:mm, not '" + value + "'");
        }
    }

    // ---- terms ----

    @Override
    public List<SchoolTerm> terms() {
        return db.tx(c -> Db.list(c, "SELECT * FROM SCHOOL_TERMS ORDER BY FROM_DAY, ID", rs -> new SchoolTerm(
                rs.getString("ID"), rs.getString("NAME"), LocalDate.parse(rs.getString("FROM_DAY")),
                LocalDate.parse(rs.getString("TO_DAY")))));
    }

    @Override
    public SchoolTerm saveTerm(SchoolTerm term, String actor) {
        Limits.body(term, "a term");
        if (term.id() == null || !TERM_ID.matcher(term.id()).matches()) {
            throw GatehouseException.invalid("bad-term", "the term id must be 1-64 letters, digits, '.', '-' or '_'");
        }
        if (term.name() == null || term.name().isBlank() || term.name().length() > 100) {
            throw GatehouseException.invalid("bad-term", "the term needs a name of at most 100 characters");
        }
        if (term.from() == null || term.to() == null || term.from().isAfter(term.to())) {
            throw GatehouseException.invalid("bad-term", "the term needs a first day (from) not after its last (to)");
        }
        if (ChronoUnit.DAYS.between(term.from(), term.to()) >= MAX_RANGE_DAYS) {
            throw GatehouseException.invalid("bad-term", "a term lasts at most " + MAX_RANGE_DAYS + " days");
        }
        SchoolTerm t = new SchoolTerm(term.id(), term.name().strip(), term.from(), term.to());
        db.tx(c -> {
            boolean known = upsert(c, "SCHOOL_TERMS", "ID", t.id(), List.of("NAME", "FROM_DAY", "TO_DAY"), t.name(),
                    t.from(), t.to());
            audit.record(c, actor, known ? "term-update" : "term-create", "term", t.id(),
                    t.from() + ".." + t.to());
            return null;
        });
        return t;
    }

    @Override
    public void deleteTerm(String id, String actor) {
        delete("DELETE FROM SCHOOL_TERMS WHERE ID = ?", id, "unknown-term", "term", actor);
    }

    /**
     * Updates the columns of the row with that key, or inserts the row when there is none.
     *
     * @return whether the row existed
     */
    private static boolean upsert(Connection c, String table, String keyColumn, Object key, List<String> columns,
                                  Object... values) throws SQLException {
        Object[] params = java.util.Arrays.copyOf(values, values.length + 1);
        params[values.length] = key;
        if (Db.update(c, "UPDATE " + table + " SET " + String.join(" = ?, ", columns) + " = ? WHERE " + keyColumn
                + " = ?", params) > 0) {
            return true;
        }
        Db.update(c, "INSERT INTO " + table + " (" + String.join(", ", columns) + ", " + keyColumn + ") VALUES ("
                + "?, ".repeat(columns.size()) + "?)", params);
        return false;
    }

    /** Deletes one row by its key and audits the removal, in one transaction; NOT_FOUND {@code code} if none. */
    private void delete(String sql, String key, String code, String subjectType, String actor) {
        db.tx(c -> {
            Db.deleteOne(c, sql, key, code, subjectType);
            audit.removed(c, actor, subjectType, key);
            return null;
        });
    }

    // ---- calendar days ----

    @Override
    public List<CalendarDay> days(LocalDate from, LocalDate to) {
        checkRange(from, to);
        return db.tx(c -> Db.list(c, "SELECT * FROM CALENDAR_DAYS WHERE DAY_ISO >= ? AND DAY_ISO <= ? ORDER BY"
                + " DAY_ISO", AttendanceServiceImpl::day, from, to));
    }

    private static CalendarDay day(java.sql.ResultSet rs) throws SQLException {
        return new CalendarDay(LocalDate.parse(rs.getString("DAY_ISO")), rs.getShort("SCHOOL_DAY") != 0,
                rs.getString("NOTE"));
    }

    @Override
    public CalendarDay saveDay(CalendarDay day, String actor) {
        Limits.body(day, "a calendar day");
        if (day.date() == null) {
            throw GatehouseException.invalid("bad-day", "the day needs a date");
        }
        String note = Limits.text("note", day.note() == null ? null : day.note().strip(), 100, false);
        CalendarDay d = new CalendarDay(day.date(), day.schoolDay(), note);
        db.tx(c -> {
            upsert(c, "CALENDAR_DAYS", "DAY_ISO", d.date(), List.of("SCHOOL_DAY", "NOTE"), d.schoolDay(), d.note());
            audit.record(c, actor, "calendar-day-save", "calendar-day", d.date().toString(),
                    (d.schoolDay() ? "school day" : "no school") + (d.note() == null ? "" : ": " + d.note()));
            return null;
        });
        return d;
    }

    @Override
    public void deleteDay(LocalDate date, String actor) {
        if (date == null) {
            throw GatehouseException.invalid("bad-day", "the day needs a date");
        }
        delete("DELETE FROM CALENDAR_DAYS WHERE DAY_ISO = ?", date.toString(), "unknown-day", "calendar-day", actor);
    }

    @Override
    public boolean schoolDay(LocalDate date) {
        if (date == null) {
            throw GatehouseException.invalid("bad-day", "the day needs a date");
        }
        return schoolDays(date, date).contains(date);
    }

    /** @return the school days between from and to (inclusive), from the terms and the exceptions in two reads */
    public TreeSet<LocalDate> schoolDays(LocalDate from, LocalDate to) {
        List<SchoolTerm> terms = terms();
        Map<LocalDate, Boolean> exceptions = new HashMap<>();
        db.tx(c -> Db.list(c, "SELECT * FROM CALENDAR_DAYS WHERE DAY_ISO >= ? AND DAY_ISO <= ?", rs -> {
            CalendarDay d = day(rs);
            exceptions.put(d.date(), d.schoolDay());
            return null;
        }, from, to));
        TreeSet<LocalDate> out = new TreeSet<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Boolean exception = exceptions.get(d);
            if (exception != null ? exception : weekday(d) && inTerm(terms, d)) {
                out.add(d);
            }
        }
        return out;
    }

    private static boolean weekday(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    private static boolean inTerm(List<SchoolTerm> terms, LocalDate d) {
        for (SchoolTerm t : terms) {
            if (!d.isBefore(t.from()) && !d.isAfter(t.to())) {
                return true;
            }
        }
        return false;
    }

    // ---- rules ----

    @Override
    public List<AttendanceRule> rules() {
        return db.tx(c -> Db.list(c, "SELECT * FROM ATTENDANCE_RULES ORDER BY GRADE", rs -> new AttendanceRule(
                rs.getString("GRADE"), LocalTime.parse(rs.getString("ARRIVE_BY")),
                LocalTime.parse(rs.getString("LEAVE_AFTER")))));
    }

    @Override
    public AttendanceRule saveRule(AttendanceRule rule, String actor) {
        Limits.body(rule, "a rule");
        String grade = rule.grade() == null ? null : rule.grade().strip();
        if (grade == null || !(AttendanceRule.ANY_GRADE.equals(grade) || GRADE.matcher(grade).matches())) {
            throw GatehouseException.invalid("bad-rule", "the grade must be '*' or 1-32 letters or digits without"
                    + " '-' (the part of a class name before its '-')");
        }
        if (rule.arriveBy() == null || rule.leaveAfter() == null || !rule.arriveBy().isBefore(rule.leaveAfter())) {
            throw GatehouseException.invalid("bad-rule", "arriveBy must be a time before leaveAfter");
        }
        AttendanceRule r = new AttendanceRule(grade, rule.arriveBy().truncatedTo(ChronoUnit.MINUTES),
                rule.leaveAfter().truncatedTo(ChronoUnit.MINUTES));
        db.tx(c -> {
            upsert(c, "ATTENDANCE_RULES", "GRADE", grade, List.of("ARRIVE_BY", "LEAVE_AFTER"),
                    HM.format(r.arriveBy()), HM.format(r.leaveAfter()));
            audit.record(c, actor, "attendance-rule-save", "attendance-rule", grade,
                    HM.format(r.arriveBy()) + "-" + HM.format(r.leaveAfter()));
            return null;
        });
        return r;
    }

    @Override
    public void deleteRule(String grade, String actor) {
        delete("DELETE FROM ATTENDANCE_RULES WHERE GRADE = ?", grade, "unknown-rule", "attendance-rule", actor);
    }

    @Override
    public Optional<AttendanceRule> rule(String group) {
        return rule(rules(), group);
    }

    /** The grade of a class: the part before its first '-' ({@code 3} of {@code 3-2}), the whole name without one. */
    public static String grade(String group) {
        if (group == null) {
            return null;
        }
        int dash = group.indexOf('-');
        return dash < 0 ? group : group.substring(0, dash);
    }

    private static Optional<AttendanceRule> rule(List<AttendanceRule> rules, String group) {
        String grade = grade(group);
        AttendanceRule any = null;
        for (AttendanceRule r : rules) {
            if (r.grade().equals(grade)) {
                return Optional.of(r);
            }
            if (AttendanceRule.ANY_GRADE.equals(r.grade())) {
                any = r;
            }
        }
        return Optional.ofNullable(any);
    }

    // ---- records ----

    /** @throws GatehouseException INVALID {@code bad-range} */
    public static void checkRange(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw GatehouseException.invalid("bad-range", "from and to are required (yyyy-MM-dd)");
        }
        if (from.isAfter(to)) {
            throw GatehouseException.invalid("bad-range", "from " + from + " is after to " + to);
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_RANGE_DAYS) {
            throw GatehouseException.invalid("bad-range", "a range covers at most " + MAX_RANGE_DAYS + " days");
        }
    }

    /** First in, last in and last out of one student on one day. */
    private static final class Seen {
        long firstIn = -1;
        long lastIn = -1;
        long lastOut = -1;
    }

    @Override
    public List<DayRecord> records(LocalDate from, LocalDate to, String group) {
        checkRange(from, to);
        ZoneId z = zone.get();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, z);
        // days after today have no records yet
        LocalDate last = to.isAfter(today) ? today : to;
        if (from.isAfter(last)) {
            return List.of();
        }
        TreeSet<LocalDate> days = schoolDays(from, last);
        if (days.isEmpty()) {
            return List.of();
        }
        String g = group == null || group.isBlank() ? null : group.strip();
        List<Person> students = students(g);
        if (students.isEmpty()) {
            return List.of();
        }
        Set<String> ids = new java.util.HashSet<>();
        students.forEach(p -> ids.add(p.id()));
        // one read of the passages of the whole range, reduced per student and day (index from the first day)
        LocalDate first = days.first();
        int span = (int) ChronoUnit.DAYS.between(first, days.last()) + 1;
        long[] starts = new long[span + 1];
        for (int i = 0; i <= span; i++) {
            starts[i] = first.plusDays(i).atStartOfDay(z).toInstant().toEpochMilli();
        }
        Map<String, Seen[]> seen = new HashMap<>();
        passages.scan(Instant.ofEpochMilli(starts[0]), Instant.ofEpochMilli(starts[span]), (person, direction, ms) -> {
            if (!ids.contains(person)) {
                return;
            }
            int at = java.util.Arrays.binarySearch(starts, ms);
            int day = at >= 0 ? at : -at - 2;
            Seen[] ofPerson = seen.computeIfAbsent(person, k -> new Seen[span]);
            if (ofPerson[day] == null) {
                ofPerson[day] = new Seen();
            }
            Seen s = ofPerson[day];
            if (Passage.IN.equals(direction)) {
                s.firstIn = s.firstIn < 0 ? ms : Math.min(s.firstIn, ms);
                s.lastIn = Math.max(s.lastIn, ms);
            } else {
                s.lastOut = Math.max(s.lastOut, ms);
            }
        });
        List<AttendanceRule> rules = rules();
        Map<LocalDate, Map<String, List<LeavePass>>> passes = new HashMap<>();
        List<DayRecord> out = new ArrayList<>(students.size() * days.size());
        for (LocalDate d : days) {
            for (Person p : students) {
                Seen[] ofPerson = seen.get(p.id());
                Seen s = ofPerson == null ? null : ofPerson[(int) ChronoUnit.DAYS.between(first, d)];
                String status = judge(s, rule(rules, p.group()).orElse(null), d, z);
                Long pass = null;
                if (DayRecord.ABSENT.equals(status) || DayRecord.LEFT_EARLY.equals(status)
                        || DayRecord.LATE_LEFT_EARLY.equals(status)) {
                    pass = excuse(passes, d, g, p.id());
                    if (pass != null) {
                        // a late arrival stays late; the leaving (or the absence) is excused
                        status = DayRecord.LATE_LEFT_EARLY.equals(status) ? DayRecord.LATE : DayRecord.EXCUSED;
                    }
                }
                out.add(new DayRecord(p.id(), p.name(), p.group(), d,
                        s == null || s.firstIn < 0 ? null : Instant.ofEpochMilli(s.firstIn),
                        s == null || s.lastOut < 0 ? null : Instant.ofEpochMilli(s.lastOut), status, pass));
            }
        }
        out.sort(Comparator.comparing(DayRecord::date)
                .thenComparing(r -> r.group() == null ? "" : r.group())
                .thenComparing(DayRecord::name, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(DayRecord::personId));
        return out;
    }

    /** The status of a day from its passages (null: none) and the grade's rule (null: only present or absent). */
    static String judge(Seen s, AttendanceRule rule, LocalDate day, ZoneId z) {
        if (s == null || (s.firstIn < 0 && s.lastOut < 0)) {
            return DayRecord.ABSENT;
        }
        if (rule == null) {
            return DayRecord.PRESENT;
        }
        boolean late = s.firstIn >= 0 && Instant.ofEpochMilli(s.firstIn)
                .isAfter(day.atTime(rule.arriveBy()).atZone(z).toInstant());
        boolean leftEarly = s.lastOut >= 0 && s.lastIn <= s.lastOut && Instant.ofEpochMilli(s.lastOut)
                .isBefore(day.atTime(rule.leaveAfter()).atZone(z).toInstant());
        if (late && leftEarly) {
            return DayRecord.LATE_LEFT_EARLY;
        }
        return late ? DayRecord.LATE : leftEarly ? DayRecord.LEFT_EARLY : DayRecord.PRESENT;
    }

    /** @return the id of an APPROVED or USED pass of the student overlapping the day, or null */
    private Long excuse(Map<LocalDate, Map<String, List<LeavePass>>> cache, LocalDate day, String group,
                        String studentId) {
        LeavePassService service = leavePasses;
        if (service == null) {
            return null;
        }
        Map<String, List<LeavePass>> ofDay = cache.computeIfAbsent(day, d -> {
            Map<String, List<LeavePass>> m = new HashMap<>();
            for (int off = 0; ; off += Limits.MAX_PAGE) {
                Page<LeavePass> page = service.passes(null, group, null, d.toString(), off, Limits.MAX_PAGE);
                for (LeavePass p : page.items()) {
                    if (LeavePass.APPROVED.equals(p.state()) || LeavePass.USED.equals(p.state())) {
                        m.computeIfAbsent(p.studentId(), k -> new ArrayList<>()).add(p);
                    }
                }
                if (page.items().size() < Limits.MAX_PAGE) {
                    return m;
                }
            }
        });
        List<LeavePass> mine = ofDay.get(studentId);
        return mine == null || mine.isEmpty() ? null : mine.get(0).id();
    }

    private List<Person> students(String group) {
        List<Person> out = new ArrayList<>();
        for (int off = 0; ; off += Limits.MAX_PAGE) {
            Page<Person> page = persons.persons(PersonRole.STUDENT, group, off, Limits.MAX_PAGE);
            out.addAll(page.items());
            if (page.items().size() < Limits.MAX_PAGE) {
                return out;
            }
        }
    }

    @Override
    public List<AttendanceSummary> summary(LocalDate from, LocalDate to, String group) {
        boolean school = AttendanceRule.ANY_GRADE.equals(group);
        // the records come by date and class: each run of one day (and class) is one summary
        Map<String, List<DayRecord>> runs = new LinkedHashMap<>();
        for (DayRecord r : records(from, to, school ? null : group)) {
            String key = r.date() + "\u0000" + (school || r.group() == null ? "" : r.group());
            runs.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<AttendanceSummary> out = new ArrayList<>(runs.size());
        for (List<DayRecord> run : runs.values()) {
            out.add(AttendanceSummary.of(run.get(0).date(), school ? null : run.get(0).group(), run));
        }
        return out;
    }

    // ---- absent notices ----

    /** What one run of the absent notices did. */
    public record AbsentRun(LocalDate day, int absent, int classes, int published) {
    }

    /**
     * Publishes the absent notices of today when it is a school day and the absent time has passed, once per day in
     * this process; the event ids ({@code absent-<day>-<person>}, {@code absent-list-<day>-<class>}) make a second
     * run (after a restart) store nothing new, so nobody is told twice.
     *
     * @return what was done, empty when there was nothing to do yet (not a school day, too early, done already)
     */
    public Optional<AbsentRun> absentNotices() {
        ZoneId z = zone.get();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, z);
        if (today.equals(absentDone) || now.isBefore(today.atTime(absentTime).atZone(z).toInstant())) {
            return Optional.empty();
        }
        Optional<AbsentRun> run = publishAbsent(today, now);
        absentDone = today;
        return run;
    }

    /**
     * Publishes the absent notices of a day as they stand at {@code now}; the event ids make a repeated call store
     * nothing new.
     *
     * @return what was done, empty when the day is not a school day or no face gate is registered
     */
    public Optional<AbsentRun> publishAbsent(LocalDate today, Instant now) {
        if (!schoolDay(today)) {
            return Optional.empty();
        }
        Optional<Device> gate = sites.devices(null).stream().filter(d -> FACEGATE.equals(d.type())).findFirst();
        if (gate.isEmpty()) {
            LOG.warn("No absent notices for {}: no face gate is registered", today);
            return Optional.empty();
        }
        List<DayRecord> absent = records(today, today, null).stream()
                .filter(r -> DayRecord.ABSENT.equals(r.status())).toList();
        Map<String, List<DayRecord>> byClass = new TreeMap<>();
        List<SecurityEvent> batch = new ArrayList<>();
        for (DayRecord r : absent) {
            byClass.computeIfAbsent(r.group() == null ? "" : r.group(), k -> new ArrayList<>()).add(r);
            Map<String, String> attrs = new HashMap<>();
            attrs.put("date", today.toString());
            attrs.put("name", r.name());
            if (r.group() != null) {
                attrs.put("group", r.group());
            }
            batch.add(new SecurityEvent("absent-" + today + "-" + r.personId(), now, null, gate.get().id(), null,
                    EVENT_ABSENT, Severity.INFO, attrs, null, r.personId()));
        }
        for (Map.Entry<String, List<DayRecord>> e : byClass.entrySet()) {
            if (e.getKey().isEmpty()) {
                continue; // a student without a class has no homeroom teacher
            }
            StringBuilder names = new StringBuilder();
            for (DayRecord r : e.getValue()) {
                String next = (names.length() == 0 ? "" : "、") + r.name();
                if (names.length() + next.length() > 1000) {
                    names.append("、…");
                    break;
                }
                names.append(next);
            }
            batch.add(new SecurityEvent("absent-list-" + today + "-" + idPart(e.getKey()), now, null,
                    gate.get().id(), null, EVENT_ABSENT_LIST, Severity.INFO, Map.of("date", today.toString(),
                    "group", e.getKey(), "count", Integer.toString(e.getValue().size()), "names", names.toString()),
                    null, null));
        }
        int published = 0;
        for (int i = 0; i < batch.size(); i += 1000) {
            for (IngestResult r : events.ingestAll(batch.subList(i, Math.min(batch.size(), i + 1000)))) {
                published += r.duplicate() ? 0 : 1;
            }
        }
        AbsentRun run = new AbsentRun(today, absent.size(), (int) byClass.keySet().stream()
                .filter(k -> !k.isEmpty()).count(), published);
        LOG.info("Absent notices of {}: {} students absent in {} classes, {} new events", today, run.absent(),
                run.classes(), published);
        return Optional.of(run);
    }

    /** A class name as part of an event id: itself when plain, else a stable hex form. */
    static String idPart(String group) {
        if (EVENT_ID_PART.matcher(group).matches()) {
            return group;
        }
        StringBuilder hex = new StringBuilder("x");
        for (byte b : group.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hex.append(String.format(Locale.ROOT, "%02x", b));
        }
        return hex.length() > 64 ? hex.substring(0, 64) + Integer.toHexString(group.hashCode()) : hex.toString();
    }
}
