package org.gatehouse.device.gate.hikvision.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
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
 * The core's {@link PassageService#record} as far as a driver sees it: keeps the events (idempotent by key), refuses
 * temperatures out of physical range as the core does. The real path is covered by the Pax Exam test.
 */
final class RecordingPassages implements PassageService {
    final List<TerminalEvent> events = new CopyOnWriteArrayList<>();
    volatile GatehouseException failure;

    @Override
    public GateDecision record(TerminalEvent event) {
        if (failure != null) {
            throw failure;
        }
        if (event.eventKey() == null || event.eventKey().isBlank()) {
            throw GatehouseException.invalid("missing-event-key", "the event has no key");
        }
        if (event.temperature() != null && (event.temperature() < 25 || event.temperature() > 45)) {
            throw GatehouseException.invalid("bad-temperature", "temperature out of range");
        }
        synchronized (events) {
            if (events.stream().noneMatch(e -> e.eventKey().equals(event.eventKey()))) {
                events.add(event);
            }
        }
        return null;
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
