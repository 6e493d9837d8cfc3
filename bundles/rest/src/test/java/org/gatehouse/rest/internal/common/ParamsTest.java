package org.gatehouse.rest.internal.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gatehouse.api.AlarmState;
import org.junit.jupiter.api.Test;

class ParamsTest {

    @Test
    void constantIsReadInAnyCaseAndAbsentIsNull() {
        assertEquals(AlarmState.RAISED, Params.constant("state", " raised ", AlarmState.class));
        assertNull(Params.constant("state", null, AlarmState.class));
        assertNull(Params.constant("state", "  ", AlarmState.class));
    }

    @Test
    void unknownConstantIs400NamingTheValueAsGivenAndTheConstants() {
        ApiException e = assertThrows(ApiException.class, () -> Params.constant("status", " lost", AlarmState.class));
        assertEquals(400, e.status());
        assertEquals("invalid-parameter", e.code());
        assertEquals("status ' lost' is not one of [RAISED, ACKNOWLEDGED, RESOLVED, CLEARED]", e.getMessage());
    }
}
