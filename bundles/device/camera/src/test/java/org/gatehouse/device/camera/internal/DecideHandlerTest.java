package org.gatehouse.device.camera.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.access.GateDecision;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.recognition.Detection;
import org.gatehouse.api.recognition.Frame;
import org.junit.jupiter.api.Test;

/**
 * What the handler does with the core's answers. The core's decide is written by another helper at the same time;
 * these answers are the documented shapes of {@link PassageService#decide} (the real video reaches the handler in
 * {@link CameraDriverTest}).
 */
class DecideHandlerTest {

    static final FaceTracker.Capture CAPTURE = new FaceTracker.Capture(7, Instant.parse("2026-12-02T07:30:00Z"),
            new byte[] { (byte) 0xFF, (byte) 0xD8 }, new Detection(1, 2, 80, 80, 0.9f, new float[0]), 72, 12, 0, 2400);

    static PassageService answering(AtomicReference<RuntimeException> failure, List<Object[]> calls) {
        return (PassageService) Proxy.newProxyInstance(PassageService.class.getClassLoader(),
                new Class<?>[] { PassageService.class }, (p, m, a) -> {
                    if (!m.getName().equals("decide")) {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    calls.add(a);
                    if (failure.get() != null) {
                        throw failure.get();
                    }
                    return new GateDecision(true, GateDecision.REASON_ALLOWED, "p-franck", null, Set.of("commanded"));
                });
    }

    @Test
    void theBestFrameGoesToDecideAsAJpegAtItsTime() {
        List<Object[]> calls = new java.util.ArrayList<>();
        DecideHandler h = new DecideHandler("gate-cam-1", answering(new AtomicReference<>(), calls));
        h.accept(CAPTURE);
        assertEquals(1, h.decided());
        Object[] a = calls.get(0);
        assertEquals("gate-cam-1", a[0]);
        assertEquals("jpeg", ((Frame) a[1]).format());
        assertEquals(CAPTURE.jpeg(), ((Frame) a[1]).data());
        assertEquals(null, a[2]);
        assertEquals(CAPTURE.at(), a[3]);
    }

    @Test
    void theSameUnavailabilityIsLoggedOnceAMinute() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>(
                GatehouseException.unavailable("not-built", "the gate decision is being built", null));
        AtomicLong now = new AtomicLong(1_000_000);
        DecideHandler h = new DecideHandler("gate-cam-1", answering(failure, new java.util.ArrayList<>()), now::get);
        for (int i = 0; i < 10; i++) {
            h.accept(CAPTURE);
            now.addAndGet(1000);
        }
        assertEquals(1, h.warnings());
        now.addAndGet(DecideHandler.QUIET_MILLIS);
        h.accept(CAPTURE);
        assertEquals(2, h.warnings(), "again after a minute, with the count of those not logged");
        failure.set(GatehouseException.notFound("unknown-device", "no device gate-cam-1"));
        h.accept(CAPTURE);
        assertEquals(3, h.warnings(), "another reason is logged at once");
        failure.set(new IllegalStateException("boom"));
        h.accept(CAPTURE);
        h.accept(CAPTURE);
        assertEquals(4, h.warnings());
        assertEquals(14, h.refused());
        assertEquals(0, h.decided());
    }

    @Test
    void aFrameTheCoreFindsNoFaceInIsRefusedWithoutAWarning() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>(
                GatehouseException.invalid("no-face", "no face found"));
        DecideHandler h = new DecideHandler("gate-cam-1", answering(failure, new java.util.ArrayList<>()));
        h.accept(CAPTURE);
        assertEquals(1, h.refused());
        assertEquals(0, h.warnings());
    }
}
