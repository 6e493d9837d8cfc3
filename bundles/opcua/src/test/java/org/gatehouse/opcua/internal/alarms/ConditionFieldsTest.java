package org.gatehouse.opcua.internal.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.Severity;
import org.gatehouse.api.service.AlarmService.Transition;
import org.junit.jupiter.api.Test;

/** The documented mapping of a Gatehouse alarm onto condition fields. */
class ConditionFieldsTest {
    static final UShort NS = UShort.valueOf(2);
    static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    static Alarm alarm(AlarmState state, String device, String zone, int count, String ackBy, String closedBy) {
        return new Alarm(7, "k", "fence.intrusion", Severity.MAJOR, "s1", zone, device, "m", state, count, T0,
                T0.plusSeconds(10), "e", 0, ackBy, ackBy == null ? null : T0.plusSeconds(20), closedBy,
                closedBy == null ? null : T0.plusSeconds(30), null);
    }

    @Test
    void severitiesSpreadOverTheOpcUaScale() {
        assertEquals(UShort.valueOf(100), ConditionFields.severity(Severity.INFO));
        assertEquals(UShort.valueOf(300), ConditionFields.severity(Severity.WARNING));
        assertEquals(UShort.valueOf(600), ConditionFields.severity(Severity.MAJOR));
        assertEquals(UShort.valueOf(900), ConditionFields.severity(Severity.CRITICAL));
        assertEquals(UShort.valueOf(300), ConditionFields.severity(null));
    }

    @Test
    void theMessageLocaleFollowsItsScript() {
        assertEquals(new LocalizedText("zh-CN", "北门围栏入侵"), ConditionFields.message("北门围栏入侵"));
        assertEquals(new LocalizedText("en", "Fence cut"), ConditionFields.message("Fence cut"));
        assertEquals(new LocalizedText("en", ""), ConditionFields.message(null));
        assertEquals(LocalizedText.NULL_VALUE, ConditionFields.comment(null));
    }

    @Test
    void theSourceIsTheDeviceElseTheZone() {
        assertEquals(new NodeId(NS, "Devices/fence-1"), ConditionFields.sourceNode(NS, alarm(AlarmState.RAISED,
                "fence-1", "north", 1, null, null)));
        assertEquals(new NodeId(NS, "Zones/north"), ConditionFields.sourceNode(NS, alarm(AlarmState.RAISED, null,
                "north", 1, null, null)));
        assertNull(ConditionFields.sourceNode(NS, alarm(AlarmState.RAISED, null, null, 1, null, null)));
        assertEquals("north", ConditionFields.sourceName(alarm(AlarmState.RAISED, null, "north", 1, null, null)));
        assertEquals("k", ConditionFields.sourceName(alarm(AlarmState.RAISED, null, null, 1, null, null)));
        assertEquals(new NodeId(NS, "Alarms/7"), ConditionFields.conditionId(NS, 7));
    }

    @Test
    void theEventTimeIsWhenTheChangeHappened() {
        Alarm closed = alarm(AlarmState.RESOLVED, "f", null, 2, "g", "h");
        assertEquals(new DateTime(T0), ConditionFields.changedAt(Transition.RAISED, closed));
        assertEquals(new DateTime(T0.plusSeconds(10)), ConditionFields.changedAt(Transition.REPEATED, closed));
        assertEquals(new DateTime(T0.plusSeconds(20)), ConditionFields.changedAt(Transition.ACKNOWLEDGED, closed));
        assertEquals(new DateTime(T0.plusSeconds(30)), ConditionFields.changedAt(Transition.RESOLVED, closed));
        assertEquals("h", ConditionFields.clientUserId(closed));
        assertEquals("g", ConditionFields.clientUserId(alarm(AlarmState.ACKNOWLEDGED, "f", null, 1, "g", null)));
    }

    @Test
    void anOlderViewOfTheAlarmIsRecognised() {
        Alarm raised = alarm(AlarmState.RAISED, "f", null, 1, null, null);
        Alarm repeated = alarm(AlarmState.RAISED, "f", null, 2, null, null);
        Alarm acked = alarm(AlarmState.ACKNOWLEDGED, "f", null, 2, "g", null);
        Alarm cleared = alarm(AlarmState.CLEARED, "f", null, 2, null, "system");
        assertTrue(ConditionFields.older(raised, repeated));
        assertTrue(ConditionFields.older(repeated, acked));
        assertTrue(ConditionFields.older(acked, cleared));
        assertFalse(ConditionFields.older(acked, repeated));
        assertFalse(ConditionFields.older(repeated, repeated));
        assertTrue(ConditionFields.acked(acked));
        assertFalse(ConditionFields.acked(cleared));
    }
}
