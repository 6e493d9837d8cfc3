package org.gatehouse.support.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gatehouse.api.notify.Notification;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void mapsInTheirOrderWithNullsNestedMapsAndNumbers() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", "last key first");
        m.put("a", null);
        m.put("n", 42);
        m.put("b", true);
        m.put("c", Map.of());
        m.put("l", List.of("x"));
        assertEquals("{\"z\":\"last key first\",\"a\":null,\"n\":42,\"b\":true,\"c\":{},\"l\":[\"x\"]}", Json.write(m));
    }

    @Test
    void escapes() {
        assertEquals("\"q\\\"b\\\\s/n\"", Json.write("q\"b\\s/n"));
        assertEquals("\"\\n\\r\\t\\b\\f\"", Json.write("\n\r\t\b\f"));
        // other control characters in lower-case hex, and the JavaScript line separators
        assertEquals("\"\\u0001\\u001f\u007f\"", Json.write("\u0001\u001f\u007f"));
        assertEquals("\"a\\u2028b\\u2029c\"", Json.write("a\u2028b\u2029c"));
        // other characters as they are, in keys too
        assertEquals("{\"告\\u000b\":\"警 \uD83D\uDEA8\"}", Json.write(Map.of("告\u000b", "警 \uD83D\uDEA8")));
    }

    @Test
    void quoteIsTheInsideOfAString() {
        assertEquals("\\u0001\\\"\\\\", Json.quote("\u0001\"\\"));
        assertEquals("告警 \\\"north\\\"\\nline 2", Json.quote("告警 \"north\"\nline 2"));
        assertEquals("", Json.quote(""));
    }

    @Test
    void checkAcceptsOneValue() {
        for (String ok : new String[] {"{}", " {\"a\":[1,-2.5e3,true,null,\"\\u00e9\"]} \n", "\"s\"", "0", "[]"}) {
            Json.check(ok);
        }
    }

    @Test
    void checkRefusesWhatIsNotOneValueAndSaysWhere() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("{\"to\":R}", "Unrecognized token 'R'");
        bad.put("{\"to\":+86}", "plus signs at offset");
        bad.put("{\"a\":1} x", "at offset 8");
        bad.put("{\"a\":1,}", "at offset 7");
        bad.put("{\"a\":\"x\ny\"}", "at offset");
        bad.put("{\"a\":\"\\x\"}", "at offset");
        bad.put("{\"a\":01}", "at offset");
        bad.put("{\"a\":", "at offset");
        bad.put("[1 2]", "at offset");
        bad.put("", "no JSON value");
        bad.put("  ", "no JSON value");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> Json.check(e.getKey()),
                    e.getKey());
            assertTrue(x.getMessage().contains(e.getValue()), e.getKey() + " -> " + x.getMessage());
            assertEquals(1, x.getMessage().lines().count(), x.getMessage());
            assertFalse(x.getMessage().contains("enable"), x.getMessage());
        }
    }

    @Test
    void notificationDocument() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("zone", "north \"fence\"");
        data.put("alarmId", "42");
        Notification n = new Notification("msg-1", "alarm.raised", null, "en", "Intrusion", "Fence cut at\nnorth gate",
                data, Instant.parse("2025-03-01T08:29:59Z"));
        assertEquals("{\"id\":\"msg-1\",\"kind\":\"alarm.raised\",\"recipient\":null,\"language\":\"en\","
                + "\"subject\":\"Intrusion\",\"text\":\"Fence cut at\\nnorth gate\","
                + "\"created\":\"2025-03-01T08:29:59Z\","
                + "\"data\":{\"alarmId\":\"42\",\"zone\":\"north \\\"fence\\\"\"}}", NotificationJson.write(n));
        assertEquals("{\"id\":null,\"kind\":null,\"recipient\":null,\"language\":null,\"subject\":null,\"text\":null,"
                + "\"created\":null,\"data\":{}}", NotificationJson.write(new Notification(null, null, null, null,
                null, null, null, null)));
    }
}
