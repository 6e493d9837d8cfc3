package org.gatehouse.device.gate.zkteco.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;
import org.gatehouse.api.access.Attendance;
import org.gatehouse.api.access.GateDecision;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.access.PassageQuery;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.access.TerminalEvent;
import org.gatehouse.api.recognition.Frame;

/** The part of the core's passage service a terminal driver uses: {@link #record}, idempotent by event key. */
final class TestPassages implements PassageService {
    final Map<String, TerminalEvent> recorded = new ConcurrentHashMap<>();
    /** When set, record refuses with it (as the core does for an unregistered device). */
    volatile GatehouseException refusal;

    @Override
    public GateDecision record(TerminalEvent event) {
        if (refusal != null) {
            throw refusal;
        }
        if (event.eventKey() == null || event.eventKey().isBlank() || event.eventKey().length() > 200) {
            throw GatehouseException.invalid("missing-event-key", "no event key");
        }
        recorded.putIfAbsent(event.eventKey(), event);
        return new GateDecision(event.matched(), GateDecision.REASON_ALLOWED, event.personId(), null, Set.of());
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
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] snapshot(long passageId, String reader) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Attendance> attendance(LocalDate date, String group) {
        throw new UnsupportedOperationException();
    }
}
