package org.gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gatehouse.api.recognition.Embedding;
import org.junit.jupiter.api.Test;

class ApiTypesTest {
    @Test
    void severitiesAreOrdered() {
        assertTrue(Severity.CRITICAL.atLeast(Severity.MAJOR));
        assertTrue(Severity.WARNING.atLeast(Severity.WARNING));
        assertFalse(Severity.INFO.atLeast(Severity.WARNING));
    }

    @Test
    void restoreEventsAreRecognisedAndAttributesAreCopied() {
        Map<String, String> attrs = new HashMap<>(Map.of(SecurityEvent.ATTR_STATE, SecurityEvent.STATE_RESTORE));
        SecurityEvent e = new SecurityEvent(null, null, null, "d", null, "fence.intrusion", null, attrs, null, null);
        attrs.clear();
        assertTrue(e.isRestore(), "the record keeps its own copy");
        assertFalse(new SecurityEvent(null, null, null, "d", null, "t", null, null, null, null).isRestore());
        assertEquals(Map.of(), new SecurityEvent(null, null, null, "d", null, "t", null, null, null, null).attributes());
    }

    @Test
    void recordsDefaultTheirCollections() {
        assertEquals(List.of(), new Zone("z", "s", "Z", ZoneKind.DANGER, false, null).responsibleStaff());
        assertEquals(DeviceStatus.UNKNOWN, new Device("d", "s", null, "fence", "http", null, null, null).status());
        assertTrue(AlarmState.ACKNOWLEDGED.active());
        assertFalse(AlarmState.CLEARED.active());
    }

    @Test
    void embeddingsOfDifferentModelsAreNeverCompared() {
        Embedding a = new Embedding("m1", new float[] {1, 0});
        assertEquals(1f, a.cosine(new Embedding("m1", new float[] {2, 0})), 1e-6);
        assertEquals(0f, a.cosine(new Embedding("m1", new float[] {0, 3})), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> a.cosine(new Embedding("m2", new float[] {1, 0})));
    }

    @Test
    void exceptionsCarryKindAndCode() {
        GatehouseException e = GatehouseException.notFound("unknown-device", "device 'x' is not registered");
        assertEquals(GatehouseException.Kind.NOT_FOUND, e.kind());
        assertEquals("unknown-device", e.code());
    }
}
