package org.gatehouse.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonMapTest {
    @Test
    void roundTripsAwkwardStrings() {
        Map<String, String> m = Map.of("a", "x\"y\\z", "中文", "围栏\n告警", "ctl", "\u0001\t");
        assertEquals(m, JsonMap.decode(JsonMap.encode(m)));
    }

    @Test
    void emptyIsNull() {
        assertNull(JsonMap.encode(Map.of()));
        assertEquals(Map.of(), JsonMap.decode(null));
        assertEquals(Map.of(), JsonMap.decode("{}"));
    }
}
