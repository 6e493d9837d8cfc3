package org.gatehouse.support.gate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;
import org.gatehouse.api.access.Attendance;
import org.gatehouse.api.access.GateDecision;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.access.PassageQuery;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.access.TerminalEvent;
import org.gatehouse.api.recognition.Frame;

/**
 * The core's {@link PassageService#record} as far as a terminal driver sees it, for the drivers' tests: keeps the
 * events in order, once per event key, and refuses a missing or over-long key with the core's codes. The real path is
 * covered by the core's tests and the Pax Exam test.
 */
public class RecordingPassages implements PassageService {
    /** The recorded events, in order, one per key. */
    public final List<TerminalEvent> events = new CopyOnWriteArrayList<>();
    /** When set, record refuses with it (as the core does for an unregistered device or a store that is down). */
    public volatile GatehouseException failure;

    @Override
    public GateDecision record(TerminalEvent event) {
        if (failure != null) {
            throw failure;
        }
        if (event.eventKey() == null || event.eventKey().isBlank()) {
            throw GatehouseException.invalid("missing-event-key", "the event has no key");
        }
        if (event.eventKey().length() > 200) {
            throw GatehouseException.invalid("bad-event-key", "the event key is longer than 200 characters");
        }
        synchronized (events) {
            if (event(event.eventKey()) == null) {
                events.add(event);
            }
        }
        return new GateDecision(event.matched(), GateDecision.REASON_ALLOWED, event.personId(), null, Set.of());
    }

    /** @return the recorded event of that key, or null */
    public TerminalEvent event(String eventKey) {
        return events.stream().filter(e -> e.eventKey().equals(eventKey)).findFirst().orElse(null);
    }

    @Override
    public Passage capture(String deviceId, Frame snapshot, Float temperature, Instant at) {
        throw new UnsupportedOperationException();
    }

    @Override
    public GateDecision decide(String deviceId, Frame snapshot, Float temperature, Instant at) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Page<Passage> passages(PassageQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Passage> passage(long id) {
        return Optional.empty();
    }

    @Override
    public byte[] snapshot(long passageId, String reader) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Attendance> attendance(LocalDate date, String group) {
        return List.of();
    }
}
