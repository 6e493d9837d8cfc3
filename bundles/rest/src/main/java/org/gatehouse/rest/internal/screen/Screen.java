package org.gatehouse.rest.internal.screen;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.access.AttendanceSummary;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.visitor.Visit;
import org.gatehouse.api.visitor.VisitState;

/**
 * The answer of {@code GET /screen} (the guard-room big screen) and the pure summaries it is made of. A part whose
 * service is absent is null (left out of the JSON), never an error.
 *
 * @param generatedAt when it was computed
 * @param visitors    today's visits, null without the visit service
 * @param onCampus    persons whose latest open passage today is {@code in}, by role (STUDENT, STAFF, VISITOR always
 *                    present), null without the passage service
 * @param passages    the latest passages, newest first, null without the passage service
 * @param alarms      open (raised or acknowledged) alarms, newest first, null without the alarm service
 * @param devices     device health, null without the site service
 * @param attendance  today's attendance of the students, null without the passage service
 */
public record Screen(Instant generatedAt, Visitors visitors, Map<String, Integer> onCampus, List<PassageRow> passages,
                     List<AlarmRow> alarms, Devices devices, AttendanceRate attendance) {
    /** How many passages {@link #passages} holds. */
    public static final int PASSAGES = 12;
    /** How many alarms {@link #alarms} holds at most. */
    public static final int ALARMS = 20;
    /** How many visits {@link Visitors#items} holds at most. */
    public static final int VISITS = 50;

    /**
     * Today's visitors.
     *
     * @param expected approved visits whose visitor has not arrived yet
     * @param onCampus arrived and not left (overstaying ones included)
     * @param left     arrived and left
     * @param overstay arrived and still on campus after the window
     * @param items    the visits of the day but rejected and cancelled ones: overstaying first, then on campus,
     *                 expected, pending, left, expired; by start of the window within each
     */
    public record Visitors(int expected, int onCampus, int left, int overstay, List<VisitRow> items) {
    }

    /** One visit on the screen. */
    public record VisitRow(long id, String visitorName, String hostName, VisitState state, Instant from, Instant to,
                           Instant arrivedAt, boolean overstay) {
    }

    /**
     * One passage on the screen.
     *
     * @param open     whether the gate let the person through (a denied passage is false; null when unknown)
     * @param reason   the gate's decision reason, may be null
     * @param snapshot whether {@code GET /passages/{id}/snapshot} has an image
     */
    public record PassageRow(long id, String deviceId, String deviceName, String personId, String name,
                             PersonRole role, String direction, Instant time, boolean stranger, Boolean open,
                             String reason, boolean snapshot) {
    }

    /** One open alarm on the screen. */
    public record AlarmRow(long id, String type, String severity, String message, Instant firstAt, int count,
                           String state) {
    }

    /**
     * Device health.
     *
     * @param online  devices reporting ONLINE
     * @param offline devices reporting OFFLINE or FAULT (a device that never reported, UNKNOWN, is neither)
     * @param items   every device: faults and offline ones first, then unknown, then online; by name within each
     */
    public record Devices(int online, int offline, List<DeviceRow> items) {
    }

    public record DeviceRow(String id, String name, String type, DeviceStatus status) {
    }

    /**
     * Today's attendance of the students.
     *
     * @param present students who came in today
     * @param expected students expected today (0 on a day that is not a school day)
     * @param rate    present / expected, null when nobody is expected
     */
    public record AttendanceRate(int present, int expected, Double rate) {
        static AttendanceRate of(int present, int expected) {
            return new AttendanceRate(present, expected, expected > 0 ? Math.min(1.0, (double) present / expected)
                    : null);
        }
    }

    // ---- the summaries, pure so that they are tested without a server ----

    /**
     * The persons on campus by role from one pass over today's passages, newest first: a person's newest open
     * passage decides (in: on campus). Denied passages do not count, nor do strangers.
     *
     * @param newestFirst today's passages, newest first
     * @param denied      ids of the passages the gate refused
     * @param roles       the role of a person id (null when unknown: the person is not counted)
     */
    public static Map<String, Integer> onCampus(Iterable<Passage> newestFirst, Set<Long> denied,
                                                Function<String, PersonRole> roles) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (PersonRole r : List.of(PersonRole.STUDENT, PersonRole.STAFF, PersonRole.VISITOR)) {
            out.put(r.name(), 0);
        }
        Set<String> decided = new HashSet<>();
        for (Passage p : newestFirst) {
            if (p.personId() == null || denied.contains(p.id()) || !decided.add(p.personId())) {
                continue;
            }
            if (Passage.IN.equals(p.direction())) {
                PersonRole role = roles.apply(p.personId());
                if (role != null) {
                    out.merge(role.name(), 1, Integer::sum);
                }
            }
        }
        return out;
    }

    /** Today's visits counted and ordered for the screen (at most {@link #VISITS} items). */
    public static Visitors visitors(Collection<Visit> today, Instant now) {
        int expected = 0;
        int onCampus = 0;
        int left = 0;
        int overstay = 0;
        List<VisitRow> rows = new ArrayList<>();
        for (Visit v : today) {
            boolean over = v.state() == VisitState.ARRIVED && (v.overstay() || v.to() != null && now.isAfter(v.to()));
            switch (v.state()) {
                case APPROVED -> expected++;
                case ARRIVED -> onCampus++;
                case LEFT -> left++;
                default -> {
                    // pending, expired: listed, not counted; rejected and cancelled: neither
                }
            }
            if (over) {
                overstay++;
            }
            if (v.state() != VisitState.REJECTED && v.state() != VisitState.CANCELLED) {
                rows.add(new VisitRow(v.id(), v.visitorName(), v.hostName(), v.state(), v.from(), v.to(),
                        v.arrivedAt(), over));
            }
        }
        rows.sort(Comparator.comparingInt(Screen::rank).thenComparing(VisitRow::from,
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparingLong(VisitRow::id));
        return new Visitors(expected, onCampus, left, overstay, List.copyOf(rows.subList(0, Math.min(VISITS,
                rows.size()))));
    }

    private static int rank(VisitRow r) {
        if (r.overstay()) {
            return 0;
        }
        return switch (r.state()) {
            case ARRIVED -> 1;
            case APPROVED -> 2;
            case PENDING -> 3;
            case LEFT -> 4;
            default -> 5;
        };
    }

    /** Device health: counts and the devices, problems first. */
    public static Devices devices(Collection<Device> all) {
        int online = 0;
        int offline = 0;
        List<DeviceRow> rows = new ArrayList<>();
        for (Device d : all) {
            if (d.status() == DeviceStatus.ONLINE) {
                online++;
            } else if (d.status() == DeviceStatus.OFFLINE || d.status() == DeviceStatus.FAULT) {
                offline++;
            }
            rows.add(new DeviceRow(d.id(), d.name(), d.type(), d.status()));
        }
        rows.sort(Comparator.comparingInt((DeviceRow r) -> switch (r.status()) {
            case FAULT, OFFLINE -> 0;
            case UNKNOWN -> 1;
            case ONLINE -> 2;
        }).thenComparing(r -> r.name() == null ? r.id() : r.name()).thenComparing(DeviceRow::id));
        return new Devices(online, offline, List.copyOf(rows));
    }

    /**
     * The attendance rate of a judged school day (the whole school's summary): expected are the students not excused
     * by a leave pass, present those of them who came in (on time, late, or gone early).
     */
    public static AttendanceRate attendance(AttendanceSummary day) {
        int expected = day.students() - day.excused();
        int present = expected - day.absent();
        return AttendanceRate.of(Math.max(0, present), Math.max(0, expected));
    }

    /** The attendance rate from first-in times when no calendar judges the day: every student is expected. */
    public static AttendanceRate attendance(int students, int cameIn) {
        return AttendanceRate.of(cameIn, students);
    }

    static AlarmRow alarm(Alarm a) {
        return new AlarmRow(a.id(), a.type(), a.severity() == null ? null : a.severity().name(), a.message(),
                a.firstAt(), a.count(), a.state() == null ? null : a.state().name());
    }

    static PassageRow passage(Passage p, Device device, Person person, Boolean open, String reason) {
        return new PassageRow(p.id(), p.deviceId(), device == null ? null : device.name(), p.personId(),
                person == null ? null : person.name(), person == null ? null : person.role(), p.direction(),
                p.time(), p.stranger(), open, reason, p.snapshot() != null);
    }
}
