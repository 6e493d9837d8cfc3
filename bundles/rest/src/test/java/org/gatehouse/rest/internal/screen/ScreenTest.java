package org.gatehouse.rest.internal.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.access.AttendanceSummary;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.visitor.Visit;
import org.gatehouse.api.visitor.VisitState;
import org.junit.jupiter.api.Test;

/** The pure summaries of the big screen: who is on campus, today's visitors, device health, the attendance rate. */
class ScreenTest {
    static final Instant NOW = Instant.parse("2026-09-07T04:00:00Z");

    static Passage passage(long id, String person, String direction, int minutesAgo) {
        return new Passage(id, "gate-1", null, direction, person, null, null, null,
                NOW.minusSeconds(60L * minutesAgo), "passage-" + id);
    }

    @Test
    void theNewestOpenPassageOfEachPersonDecides() {
        // newest first
        List<Passage> today = List.of(
                passage(9, "vis1", "in", 1),     // denied: the visitor stays out
                passage(8, "staff1", "out", 2),  // staff left
                passage(7, null, "in", 3),       // a stranger: never counted
                passage(6, "stu2", "out", 4),    // denied: stu2 is still inside
                passage(5, "staff1", "in", 5),
                passage(4, "stu2", "in", 6),
                passage(3, "stu1", "in", 7),
                passage(2, "guard1", "in", 8),   // a guardian: its own key
                passage(1, "ghost", "in", 9));   // a person nobody knows: not counted
        Map<String, PersonRole> roles = Map.of("vis1", PersonRole.VISITOR, "staff1", PersonRole.STAFF,
                "stu1", PersonRole.STUDENT, "stu2", PersonRole.STUDENT, "guard1", PersonRole.GUARDIAN);
        Map<String, Integer> in = Screen.onCampus(today, Set.of(9L, 6L), roles::get);
        assertEquals(Map.of("STUDENT", 2, "STAFF", 0, "VISITOR", 0, "GUARDIAN", 1), in);
        assertEquals(List.of("STUDENT", "STAFF", "VISITOR", "GUARDIAN"), new ArrayList<>(in.keySet()),
                "the three roles of the screen come first, always");
        assertEquals(Map.of("STUDENT", 0, "STAFF", 0, "VISITOR", 0), Screen.onCampus(List.of(), Set.of(),
                roles::get));
    }

    static Visit visit(long id, VisitState state, int fromHoursAgo, int toHoursAhead, boolean overstay) {
        Instant from = NOW.minusSeconds(3600L * fromHoursAgo);
        return new Visit(id, "visitor-" + id, "Visitor " + id, null, null, "staff1", "Host", null, from,
                NOW.plusSeconds(3600L * toHoursAhead), state, true, Visit.SOURCE_WALK_IN, "guard", from, null, null,
                null, state == VisitState.ARRIVED || state == VisitState.LEFT ? from.plusSeconds(60) : null, null,
                null, null, overstay);
    }

    @Test
    void todaysVisitorsAreCountedAndTheOverstayingComeFirst() {
        Screen.Visitors v = Screen.visitors(List.of(
                visit(1, VisitState.APPROVED, 1, 2, false),
                visit(2, VisitState.ARRIVED, 3, 1, false),
                visit(3, VisitState.ARRIVED, 5, -1, false),  // the window ended an hour ago: overstaying
                visit(4, VisitState.ARRIVED, 2, 1, true),    // the service says so
                visit(5, VisitState.LEFT, 4, 1, false),
                visit(6, VisitState.PENDING, 0, 3, false),
                visit(7, VisitState.REJECTED, 1, 1, false),
                visit(8, VisitState.CANCELLED, 1, 1, false),
                visit(9, VisitState.EXPIRED, 6, -2, false)), NOW);
        assertEquals(1, v.expected());
        assertEquals(3, v.onCampus());
        assertEquals(1, v.left());
        assertEquals(2, v.overstay());
        assertEquals(List.of(3L, 4L, 2L, 1L, 6L, 5L, 9L), v.items().stream().map(Screen.VisitRow::id).toList(),
                "overstaying (earliest first), on campus, expected, pending, left, expired; no rejected or cancelled");
        assertTrue(v.items().get(0).overstay());
        assertFalse(v.items().get(2).overstay());
        assertEquals(0, Screen.visitors(List.of(), NOW).items().size());
    }

    @Test
    void atMostFiftyVisitsAreListedButAllAreCounted() {
        List<Visit> many = new ArrayList<>();
        for (int i = 1; i <= 70; i++) {
            many.add(visit(i, VisitState.APPROVED, 1, 2, false));
        }
        Screen.Visitors v = Screen.visitors(many, NOW);
        assertEquals(70, v.expected());
        assertEquals(Screen.VISITS, v.items().size());
    }

    static Device device(String id, String name, DeviceStatus status) {
        return new Device(id, "s1", null, "facegate", "http", name, status, Map.of());
    }

    @Test
    void devicesWithProblemsComeFirst() {
        Screen.Devices d = Screen.devices(List.of(device("g1", "Gate 1", DeviceStatus.ONLINE),
                device("c1", "Camera", DeviceStatus.OFFLINE), device("f1", "Fence", DeviceStatus.FAULT),
                device("u1", "New", DeviceStatus.UNKNOWN), device("g2", "Gate 2", DeviceStatus.ONLINE)));
        assertEquals(2, d.online());
        assertEquals(2, d.offline(), "offline and fault; a device that never reported is neither");
        assertEquals(List.of("c1", "f1", "u1", "g1", "g2"), d.items().stream().map(Screen.DeviceRow::id).toList());
    }

    @Test
    void theAttendanceRateOfAJudgedDayLeavesTheExcusedOut() {
        Screen.AttendanceRate r = Screen.attendance(new AttendanceSummary(LocalDate.of(2026, 9, 7), null, 10, 5, 2,
                2, 1, 1));
        assertEquals(9, r.expected());
        assertEquals(7, r.present(), "present, late and gone early came in");
        assertEquals(7.0 / 9, r.rate(), 1e-9);
        Screen.AttendanceRate none = Screen.attendance(0, 0);
        assertNull(none.rate(), "nobody expected: no rate");
        assertEquals(0.5, Screen.attendance(4, 2).rate(), 1e-9);
    }
}
