package org.gatehouse.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.junit.jupiter.api.Test;

class FormatsTest {

    private static final Instant T = Instant.parse("2025-03-01T08:30:00.123Z");

    @Test
    void eventOnOneLine() {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("state", "restore");
        attrs.put("note", "two words");
        SecurityEvent e = new SecurityEvent("e1", T, "north", "fence-1", null, "fence.intrusion", Severity.MAJOR,
                attrs, null, "p-7");
        assertEquals("2025-03-01T08:30:00Z MAJOR    fence.intrusion device=fence-1 site=north zone=- person=p-7 "
                + "note=\"two words\" state=restore id=e1", Formats.event(e));
    }

    @Test
    void eventWithNullsDoesNotFail() {
        SecurityEvent e = new SecurityEvent(null, null, null, "d", null, "x", null, null, null, null);
        assertEquals("- -        x device=d site=- zone=- id=-", Formats.event(e));
    }

    @Test
    void alarmOnOneLine() {
        Alarm a = new Alarm(42, "fence-1/fence.intrusion", "fence.intrusion", Severity.CRITICAL, "north", "z1",
                "fence-1", "Fence cut", AlarmState.ACKNOWLEDGED, 3, T, T.plusSeconds(60), "e3", 1, "bob",
                T.plusSeconds(90), null, null, "on my \"way\"\nnow");
        assertEquals("#42 ACKNOWLEDGED CRITICAL fence.intrusion device=fence-1 site=north zone=z1 count=3 level=1 "
                + "first=2025-03-01T08:30:00Z last=2025-03-01T08:31:00Z ack=bob@2025-03-01T08:31:30Z "
                + "\"Fence cut\" note=\"on my \\\"way\\\"\\nnow\"", Formats.alarm(a));
    }

    @Test
    void errorLine() {
        assertEquals("Error: unknown-device: device 'x' is not registered",
                Formats.error(GatehouseException.notFound("unknown-device", "device 'x' is not registered")));
    }
}
