package org.gatehouse.core.internal.access;

import static org.gatehouse.core.internal.access.GateFixture.MONDAY;
import static org.gatehouse.core.internal.access.GateFixture.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;

import javax.imageio.ImageIO;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.access.GateDecision;
import org.gatehouse.api.access.TerminalEvent;
import org.gatehouse.core.internal.store.Db;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Passages a face terminal decided by itself, recorded through {@code record} on a real store. */
class TerminalEventTest {
    private final GateFixture f = new GateFixture();
    private final byte[] jpeg = jpeg();

    @AfterEach
    void stop() {
        f.p.stop();
    }

    private static byte[] jpeg() {
        try {
            BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "jpg", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private long passages() {
        return f.p.db.tx(c -> Db.count(c, "SELECT COUNT(*) FROM PASSAGES"));
    }

    private SecurityEvent event(GateDecision d) {
        return f.p.events.get(d.passage().eventId()).orElseThrow();
    }

    private GateDecision record(String key, String person, boolean matched, Float temp, byte[] picture,
                                Instant time) {
        return f.p.passages.record(new TerminalEvent("gate-in", key, person, matched, temp, null, picture, "jpg",
                time));
    }

    @Test
    void aMatchedFaceIsRecordedWithItsPictureOnceByItsKey() throws Exception {
        Instant t = at(MONDAY, 7, 45);
        GateDecision d = record("ev-1", "stu1", true, 36.6f, jpeg, t);
        assertTrue(d.open());
        assertEquals(GateDecision.REASON_ALLOWED, d.reason());
        assertEquals("stu1", d.personId());
        assertEquals(t, d.passage().time());
        assertEquals(36.6f, d.passage().temperature());
        assertTrue(d.passage().snapshot().endsWith(d.passage().id() + ".jpg"), d.passage().snapshot());
        assertArrayEquals(jpeg, Files.readAllBytes(f.dir.resolve(d.passage().snapshot())));
        assertEquals("gate.passage", event(d).type());
        assertEquals("true", event(d).attributes().get("open"));

        long n = passages();
        GateDecision again = record("ev-1", "stu1", true, 36.6f, jpeg, t);
        assertEquals(d.passage().id(), again.passage().id(), "the same key is the same passage");
        assertEquals(d, again);
        assertEquals(n, passages());
        GateDecision repeat = record("ev-2", "stu1", true, null, jpeg, t.plusSeconds(20));
        assertEquals(GateDecision.REASON_REPEAT, repeat.reason());
        assertEquals(d.passage().id(), repeat.passage().id());
        assertEquals(n, passages());
        f.gate("gate-in-2", Map.of("direction", "in"));
        GateDecision otherTerminal = f.p.passages.record(new TerminalEvent("gate-in-2", "ev-1", "stu2", true, null,
                null, null, null, t));
        assertEquals("stu2", otherTerminal.personId(), "keys are per terminal");
        assertNull(otherTerminal.passage().snapshot());
    }

    @Test
    void aPictureThatIsNoImageIsDroppedAndThePassageKept() {
        GateDecision d = record("ev-3", "stu2", true, null, "<html>oops</html>".getBytes(StandardCharsets.UTF_8),
                at(MONDAY, 7, 50));
        assertEquals("stu2", d.personId());
        assertNull(d.passage().snapshot());
        SecurityEvent e = event(d);
        assertNull(e.snapshotRef());
        byte[] png = GateFixture.face(1, 1).data();
        GateDecision p = record("ev-3b", "staff1", true, null, png, at(MONDAY, 7, 50));
        assertTrue(p.passage().snapshot().endsWith(".png"), "PNG by its magic bytes");
    }

    @Test
    void unknownPersonsAndRefusalsBecomeStrangersAndDenials() {
        GateDecision unknown = record("ev-4", "E-000123", true, null, jpeg, at(MONDAY, 8, 0));
        assertNull(unknown.personId());
        assertEquals(GateDecision.REASON_STRANGER, unknown.reason());
        assertTrue(unknown.open(), "the terminal let the face through");
        SecurityEvent e = event(unknown);
        assertEquals("gate.stranger", e.type());
        assertEquals("E-000123", e.attributes().get("terminalPerson"));

        GateDecision refused = record("ev-5", "stu1", false, null, jpeg, at(MONDAY, 8, 1));
        assertFalse(refused.open());
        assertEquals(GateDecision.REASON_TERMINAL_DENIED, refused.reason());
        assertEquals("stu1", refused.personId());
        assertEquals("gate.denied", event(refused).type());
        assertEquals("terminal-denied", event(refused).attributes().get("reason"));

        GateDecision failedMatch = record("ev-6", null, false, null, null, at(MONDAY, 8, 2));
        assertEquals(GateDecision.REASON_STRANGER, failedMatch.reason());
        assertFalse(failedMatch.open());
    }

    @Test
    void aTemperatureOutOfRangeIsDroppedAndFlaggedAndAFeverFlagged() {
        GateDecision d = record("ev-7", "stu1", true, 90f, null, at(MONDAY, 8, 0));
        assertNull(d.passage().temperature());
        assertTrue(d.flags().contains("temperature-invalid"));
        SecurityEvent e = event(d);
        assertEquals("true", e.attributes().get("temperature-invalid"));
        assertEquals(Severity.WARNING, e.severity());

        GateDecision fever = record("ev-8", "stu2", true, 38.1f, null, at(MONDAY, 8, 0));
        assertTrue(fever.open(), "the terminal's verdict stands");
        assertTrue(fever.flags().contains("fever"));
        assertEquals("true", event(fever).attributes().get("fever"));
        GateDecision byTerminal = f.p.passages.record(new TerminalEvent("gate-in", "ev-9", "staff1", true, null,
                true, null, null, at(MONDAY, 8, 0)));
        assertTrue(byTerminal.flags().contains("fever"), "the terminal's own abnormal-temperature flag");
    }

    @Test
    void rulesThatWouldDenyAreFlaggedOnATerminalsPassage() {
        f.p.passages.attendance(f.calendar);
        f.p.passages.leavePasses(f.passes);
        GateDecision d = f.p.passages.record(new TerminalEvent("gate-out", "z-1", "stu1", true, null, null, null,
                null, at(MONDAY, 10, 0)));
        assertTrue(d.open());
        assertEquals(GateDecision.REASON_ALLOWED, d.reason());
        assertTrue(d.flags().contains("no-leave-pass"), d.flags().toString());
        GateDecision visitor = f.p.passages.record(new TerminalEvent("gate-in", "z-2", "v1", true, null, null, null,
                null, at(MONDAY, 10, 0)));
        assertTrue(visitor.flags().contains("not-allowed"), visitor.flags().toString());
    }

    @Test
    void badEventsAreRefusedAndRecordNothing() {
        long before = passages();
        assertEquals("missing-event-key", assertThrows(GatehouseException.class,
                () -> record(" ", "stu1", true, null, null, null)).code());
        assertEquals("bad-event-key", assertThrows(GatehouseException.class,
                () -> record("k".repeat(201), "stu1", true, null, null, null)).code());
        assertEquals("unknown-device", assertThrows(GatehouseException.class, () -> f.p.passages.record(
                new TerminalEvent("gate-9", "k", "stu1", true, null, null, null, null, null))).code());
        assertEquals("missing-event", assertThrows(GatehouseException.class,
                () -> f.p.passages.record(null)).code());
        assertEquals(before, passages());
    }
}
