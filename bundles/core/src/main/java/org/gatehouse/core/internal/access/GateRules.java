package org.gatehouse.core.internal.access;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gatehouse.api.Device;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.access.AttendanceRule;
import org.gatehouse.api.access.AttendanceService;
import org.gatehouse.api.access.GateDecision;
import org.gatehouse.api.access.LeavePass;
import org.gatehouse.api.access.LeavePassService;
import org.gatehouse.api.access.Passage;
import org.gatehouse.core.internal.access.roster.RosterServiceImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate rules, in one place for every mode (a generic gate's capture, a camera, a terminal's own verdict): roster
 * (role, class, consent, validity), the gate's {@code hours}, early leave of students during school hours, and fever.
 * The repeat window and the controller command belong to the passage store ({@link PassageServiceImpl}). Attendance
 * and leave passes are optional collaborators: without them the early-leave rule is off.
 */
final class GateRules {
    private static final Logger LOG = LoggerFactory.getLogger(GateRules.class);
    /** Device property: the hours a gate admits people, {@code HH:mm-HH:mm} (overnight allowed), empty = always. */
    static final String HOURS = "hours";
    /** Flag: a terminal's temperature was outside 30..45 Celsius and was dropped. */
    static final String FLAG_TEMPERATURE_INVALID = "temperature-invalid";
    static final String FLAG_FEVER = "fever";
    static final String FLAG_EARLY_LEAVE = "early-leave";
    static final String FLAG_COMMANDED = "commanded";
    static final String FLAG_COMMAND_FAILED = "command-failed";
    static final String FLAG_WATCHLIST = "watchlist";
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})\\s*");

    private final RosterServiceImpl roster;
    private volatile AttendanceService attendance;
    private volatile LeavePassService leave;
    private final Set<String> reportedBadHours = ConcurrentHashMap.newKeySet();

    GateRules(RosterServiceImpl roster) {
        this.roster = roster;
    }

    void attendance(AttendanceService a) {
        this.attendance = a;
    }

    void leavePasses(LeavePassService l) {
        this.leave = l;
    }

    /**
     * What the rules say about one face.
     *
     * @param open   whether the gate opens
     * @param reason the {@link GateDecision} reason
     * @param flags  findings that did not change {@code open}
     * @param pass   the approved leave pass the student goes out with (to be marked used once recorded), or null
     */
    record Verdict(boolean open, String reason, Set<String> flags, LeavePass pass) {
    }

    /**
     * Applies the rules in order: stranger, roster (not-allowed, expired), hours, early leave, fever (flag, or deny
     * with {@code gate.fever.deny}).
     *
     * @param person the recognised person, null for a stranger
     */
    Verdict judge(Device gate, String direction, Person person, Float temperature, Instant at, GateSettings s) {
        Set<String> flags = new LinkedHashSet<>();
        boolean fever = fever(temperature, s);
        if (fever) {
            flags.add(FLAG_FEVER);
        }
        if (person == null) {
            return new Verdict(false, GateDecision.REASON_STRANGER, flags, null);
        }
        String refusal = roster.refusal(gate, person, at);
        if (refusal != null) {
            return new Verdict(false, refusal, flags, null);
        }
        ZonedDateTime local = at.atZone(s.zone());
        if (!withinHours(gate, local.toLocalTime())) {
            return new Verdict(false, GateDecision.REASON_OUTSIDE_HOURS, flags, null);
        }
        LeavePass pass = null;
        if (Passage.OUT.equals(direction) && person.role() == PersonRole.STUDENT && duringSchool(person, local)) {
            LeavePassService l = leave;
            Optional<LeavePass> active = l == null ? Optional.empty() : l.active(person.id(), at);
            if (active.isEmpty()) {
                return new Verdict(false, GateDecision.REASON_NO_LEAVE_PASS, flags, null);
            }
            pass = active.get();
            flags.add(FLAG_EARLY_LEAVE);
        }
        if (fever && s.feverDeny()) {
            flags.remove(FLAG_EARLY_LEAVE);
            return new Verdict(false, GateDecision.REASON_FEVER, flags, null);
        }
        return new Verdict(true, GateDecision.REASON_ALLOWED, flags, pass);
    }

    /** The verdict on a face that matched the watchlist: deny, whoever it is (fever still flagged). */
    static Verdict watchlist(Float temperature, GateSettings s) {
        Set<String> flags = new LinkedHashSet<>();
        if (fever(temperature, s)) {
            flags.add(FLAG_FEVER);
        }
        flags.add(FLAG_WATCHLIST);
        return new Verdict(false, GateDecision.REASON_WATCHLIST, flags, null);
    }

    /** A temperature at or above {@code gate.fever.celsius}. */
    static boolean fever(Float temperature, GateSettings s) {
        return temperature != null && temperature >= s.feverCelsius();
    }

    /** Whether a temperature is a body temperature the platform accepts (30..45 Celsius). */
    static boolean plausible(Float temperature) {
        return temperature == null || (temperature >= 30f && temperature <= 45f);
    }

    /** On a school day, between the grade's arriveBy and leaveAfter; false when attendance is not installed. */
    private boolean duringSchool(Person student, ZonedDateTime local) {
        AttendanceService a = attendance;
        if (a == null || !a.schoolDay(local.toLocalDate())) {
            return false;
        }
        Optional<AttendanceRule> rule = a.rule(student.group());
        if (rule.isEmpty()) {
            return false;
        }
        LocalTime t = local.toLocalTime();
        return !t.isBefore(rule.get().arriveBy()) && t.isBefore(rule.get().leaveAfter());
    }

    /** The gate's {@code hours}; an unreadable value admits at all hours and is reported once. */
    private boolean withinHours(Device gate, LocalTime t) {
        String raw = gate.properties().get(HOURS);
        if (raw == null || raw.isBlank()) {
            return true;
        }
        LocalTime[] range = parseHours(raw);
        if (range == null) {
            if (reportedBadHours.add(gate.id() + "=" + raw)) {
                LOG.warn("Face gate {} has hours '{}', not HH:mm-HH:mm; it admits at all hours until fixed", gate.id(),
                        raw);
            }
            return true;
        }
        LocalTime from = range[0];
        LocalTime to = range[1];
        if (from.isBefore(to)) {
            return !t.isBefore(from) && t.isBefore(to);
        }
        return !t.isBefore(from) || t.isBefore(to); // overnight, e.g. 22:00-06:00
    }

    /** @return {@code [from, to]} of {@code HH:mm-HH:mm}, null when it is not one */
    static LocalTime[] parseHours(String raw) {
        Matcher m = RANGE.matcher(raw);
        if (!m.matches()) {
            return null;
        }
        try {
            LocalTime from = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            LocalTime to = m.group(3).equals("24") && m.group(4).equals("00") ? LocalTime.MAX
                    : LocalTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
            return from.equals(to) ? null : new LocalTime[] {from, to};
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
