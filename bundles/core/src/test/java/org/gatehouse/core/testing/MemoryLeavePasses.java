package org.gatehouse.core.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gatehouse.api.Page;
import org.gatehouse.api.access.LeavePass;
import org.gatehouse.api.access.LeavePassService;

/**
 * Leave passes in a list, for the tests of the domains that read them (the gate's early-leave rule, the attendance's
 * excuses): {@link #active} finds an APPROVED pass of the moment, {@link #used} marks it USED, {@link #passes} filters
 * by student, state and day (not by class: no persons here). Asking for and deciding passes is the leave domain's own
 * test, on the real service.
 */
public final class MemoryLeavePasses implements LeavePassService {
    /** Every pass, in the order added. */
    public final List<LeavePass> all = new CopyOnWriteArrayList<>();
    /** The ids {@link #used} was called with, in order. */
    public final List<Long> usedIds = new CopyOnWriteArrayList<>();
    private final ZoneId zone;

    /** @param zone the school's time zone: local times of {@link #add(String, LocalDateTime, LocalDateTime, String)}
     *              and the days of {@link #passes} */
    public MemoryLeavePasses(ZoneId zone) {
        this.zone = zone;
    }

    /** Adds a pass with that id. */
    public LeavePass add(long id, String student, Instant from, Instant to, String state) {
        LeavePass p = new LeavePass(id, student, from, to, "dentist", state, "g1", "t1", from);
        all.add(p);
        return p;
    }

    /** Adds a pass with the next id, its window in the school's local time. */
    public LeavePass add(String student, LocalDateTime from, LocalDateTime to, String state) {
        return add(all.size() + 1, student, from.atZone(zone).toInstant(), to.atZone(zone).toInstant(), state);
    }

    @Override
    public Optional<LeavePass> active(String studentId, Instant at) {
        return all.stream().filter(l -> l.studentId().equals(studentId) && LeavePass.APPROVED.equals(l.state())
                && !at.isBefore(l.from()) && at.isBefore(l.to())).findFirst();
    }

    @Override
    public synchronized void used(long id) {
        LeavePass p = pass(id).filter(l -> LeavePass.APPROVED.equals(l.state()))
                .orElseThrow(() -> new IllegalStateException("no approved pass " + id));
        all.set(all.indexOf(p), new LeavePass(p.id(), p.studentId(), p.from(), p.to(), p.reason(), LeavePass.USED,
                p.requestedBy(), p.decidedBy(), p.created()));
        usedIds.add(id);
    }

    @Override
    public Optional<LeavePass> pass(long id) {
        return all.stream().filter(l -> l.id() == id).findFirst();
    }

    @Override
    public Page<LeavePass> passes(String studentId, String group, String state, String day, int offset, int limit) {
        LocalDate d = day == null ? null : LocalDate.parse(day);
        List<LeavePass> out = all.stream().filter(p -> (studentId == null || studentId.equals(p.studentId()))
                && (state == null || state.equals(p.state()))
                && (d == null || (p.from().isBefore(d.plusDays(1).atStartOfDay(zone).toInstant())
                        && p.to().isAfter(d.atStartOfDay(zone).toInstant())))).toList();
        List<LeavePass> page = out.subList(Math.min(offset, out.size()), Math.min(out.size(), offset + limit));
        return new Page<>(page, out.size(), offset, limit);
    }

    @Override
    public LeavePass request(String studentId, Instant from, Instant to, String reason, String actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public LeavePass decide(long id, boolean approve, String actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public LeavePass cancel(long id, String actor) {
        throw new UnsupportedOperationException();
    }
}
