package org.gatehouse.device.camel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.support.gate.LogCapture;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class MappingTest {

    static Map<String, Object> props(String... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Mapping json(String... kv) {
        return Mapping.parse("fence-1", "json", props(kv));
    }

    private static SecurityEvent only(Mapping.Outcome o) {
        assertEquals(Mapping.Kind.MAPPED, o.kind(), String.valueOf(o.reason()));
        assertEquals(1, o.events().size());
        return o.events().get(0).event();
    }

    @Test
    void jsonRulesGiveTypeZoneSeverityAttributesIdAndTime() {
        Mapping m = json("map.1.when", "$.state == 'alarm' && $.level >= 2",
                "map.1.restore", "$.state == 'normal'",
                "map.1.type", "fence.intrusion",
                "map.1.zone", "%{jsonpath:$.zone}",
                "map.1.severity", "%{jsonpath:$.sev}",
                "map.1.id", "%{jsonpath:$.seq}",
                "map.1.time", "%{jsonpath:$.at}",
                "map.1.attr.section", "S-%{jsonpath:$.section}",
                "map.1.attr.missing", "%{jsonpath:$.nope}",
                "map.2.when", "$.kind =~ '^tamper'",
                "map.2.type", "fence.tamper");
        Mapping.Outcome o = m.map("{\"state\":\"alarm\",\"level\":3,\"zone\":\"north\",\"sev\":\"critical\","
                + "\"seq\":42,\"at\":\"2026-01-02T03:04:05Z\",\"section\":7.0}", Map.of());
        SecurityEvent e = only(o);
        assertEquals("map.1: $.state == 'alarm' && $.level >= 2", o.rule());
        assertEquals("fence.intrusion", e.type());
        assertEquals("north", e.zoneId());
        assertEquals("fence-1", e.deviceId());
        assertEquals(Severity.CRITICAL, e.severity());
        assertEquals("camel:fence-1:42", e.id(), "the payload's id, made unique per device");
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), e.time());
        assertEquals(Map.of("section", "S-7"), e.attributes(), "a missing value leaves its attribute out");
        assertNull(o.events().get(0).forDevice());

        SecurityEvent restore = only(m.map("{\"state\":\"normal\",\"seq\":43,\"sev\":\"info\"}", Map.of()));
        assertTrue(restore.isRestore());
        assertNull(restore.zoneId(), "no zone: the device's");
        assertEquals("fence.tamper", only(m.map("{\"kind\":\"tamper-box\"}", Map.of())).type());
        assertEquals(Mapping.Kind.UNMATCHED, m.map("{\"state\":\"alarm\",\"level\":1}", Map.of()).kind(),
                "both comparisons must hold");
        assertEquals(Mapping.Kind.UNMATCHED, m.map("{\"state\":\"alarm\",\"level\":\"high\"}", Map.of()).kind(),
                "a text is not a number");
    }

    @Test
    void literalsArraysAndBareOperands() {
        Mapping m = json("map.1.when", "$.active == true && $.count != 0 && $.tag", "map.1.type", "a.b",
                "map.2.when", "$.items[*].state == 'alarm'", "map.2.type", "c.d",
                "map.3.when", "$.gone == null && $.n < 1.5", "map.3.type", "e.f");
        assertEquals("a.b", only(m.map("{\"active\":true,\"count\":2,\"tag\":\"x\"}", Map.of())).type());
        assertEquals(Mapping.Kind.UNMATCHED, m.map("{\"active\":true,\"count\":2,\"tag\":\"\"}", Map.of()).kind());
        assertEquals("c.d", only(m.map("{\"items\":[{\"state\":\"ok\"},{\"state\":\"alarm\"}]}", Map.of())).type());
        assertEquals("e.f", only(m.map("{\"n\":1}", Map.of())).type());
        assertEquals("e.f", only(m.map("{\"n\":\"1.2\"}", Map.of())).type(), "a numeric text compares as number");
    }

    @Test
    void textRulesUseRegexGroups() {
        Mapping m = Mapping.parse("gw", "text", props(
                "map.1.when", "^ALARM (?<zone>\\w+) (\\d+)$",
                "map.1.restore", "^CLEAR (?<zone>\\w+) (\\d+)$",
                "map.1.type", "fence.intrusion",
                "map.1.zone", "%{zone}",
                "map.1.device", "fence-%{2}",
                "map.1.attr.line", "%{body}"));
        Mapping.Outcome o = m.map("ALARM north 7", Map.of());
        SecurityEvent e = only(o);
        assertEquals("north", e.zoneId());
        assertEquals("fence-7", e.deviceId());
        assertEquals("fence-7", o.events().get(0).forDevice(), "an event for another device");
        assertEquals("ALARM north 7", e.attributes().get("line"));
        Mapping.Outcome r = m.map("CLEAR north 7", Map.of());
        assertTrue(only(r).isRestore());
        assertEquals("map.1.restore: ^CLEAR (?<zone>\\w+) (\\d+)$", r.rule());
        Mapping.Outcome own = Mapping.parse("gw", "text", props("map.1.when", "x", "map.1.type", "a",
                "map.1.device", "gw")).map("x", Map.of());
        assertNull(own.events().get(0).forDevice(), "its own id is no other device");
        assertEquals(Mapping.Kind.UNMATCHED, m.map("HELLO", Map.of()).kind());
    }

    @Test
    void headersAndTopicSegments() {
        Mapping m = json("map.1.when", "topic.2 == 'state' && $.v == 1", "map.1.type", "fence.intrusion",
                "map.1.device", "%{topic.1}", "map.1.attr.topic", "%{header.CamelMqttTopic}");
        Mapping.Outcome o = m.map("{\"v\":1}", Map.of("CamelMqttTopic", "fence/f-9/state"));
        assertEquals("f-9", only(o).deviceId());
        assertEquals("fence/f-9/state", only(o).attributes().get("topic"));
        assertEquals(Mapping.Kind.UNMATCHED, m.map("{\"v\":1}", Map.of("CamelMqttTopic", "fence/f-9/other")).kind());
        assertEquals(Mapping.Kind.UNMATCHED, m.map("{\"v\":1}", Map.of()).kind(), "no topic, no match");
    }

    @Test
    void badMessagesGiveAReasonAndNoEvent() {
        Mapping m = json("map.1.when", "$.state == 'alarm'", "map.1.type", "%{jsonpath:$.type}",
                "map.1.severity", "%{jsonpath:$.sev}", "map.1.time", "%{jsonpath:$.at}");
        assertFailed(m.map("not json", Map.of()), "not JSON");
        assertFailed(m.map("{\"state\":", Map.of()), "not JSON");
        assertFailed(m.map("", Map.of()), "empty message");
        assertFailed(m.map("null", Map.of()), "not JSON");
        assertFailed(m.map("{\"state\":\"alarm\"} trailing", Map.of()), "not JSON");
        assertFailed(m.map("{\"state\":\"alarm\",\"type\":\"Bad Type\"}", Map.of()), "is not an event type");
        assertFailed(m.map("{\"state\":\"alarm\"}", Map.of()), "type 'null'");
        assertFailed(m.map("{\"state\":\"alarm\",\"type\":\"a.b\",\"sev\":\"huge\"}", Map.of()),
                "is not INFO, WARNING, MAJOR or CRITICAL");
        assertFailed(m.map("{\"state\":\"alarm\",\"type\":\"a.b\",\"at\":\"yesterday\"}", Map.of()),
                "is not an ISO-8601 instant");
        Mapping.Outcome none = m.map("[1,2,3]", Map.of());
        assertEquals(Mapping.Kind.UNMATCHED, none.kind());
        assertEquals("no rule matched (1 rules)", none.reason());
        assertEquals(Instant.ofEpochMilli(1_700_000_000_123L), only(m.map("{\"state\":\"alarm\",\"type\":\"a.b\","
                + "\"at\":1700000000123}", Map.of())).time());
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), only(m.map("{\"state\":\"alarm\",\"type\":\"a.b\","
                + "\"at\":1700000000}", Map.of())).time());
    }

    private static void assertFailed(Mapping.Outcome o, String reason) {
        assertEquals(Mapping.Kind.FAILED, o.kind());
        assertTrue(o.events().isEmpty());
        assertTrue(o.reason().contains(reason), o.reason());
    }

    @Test
    void badConfigurationsNameTheKey() {
        assertConfig("format 'xml'", () -> Mapping.parse("d", "xml", props("map.1.type", "a")));
        assertConfig("map.1.type is required", () -> json("other", "x"));
        assertConfig("map.1.type is required", () -> json("map.1.when", "$.a"));
        assertConfig("map.1.type 'Bad'", () -> json("map.1.type", "Bad"));
        assertConfig("map.x.type is not a mapping key", () -> json("map.x.type", "a"));
        assertConfig("map.1.colour is not a mapping key", () -> json("map.1.type", "a", "map.1.colour", "red"));
        assertConfig("map.1.severity 'loud'", () -> json("map.1.type", "a", "map.1.severity", "loud"));
        assertConfig("map.1.when: JSONPath '$[' is malformed", () -> json("map.1.type", "a", "map.1.when", "$["));
        assertConfig("map.1.when: 'state' is not a JSONPath", () -> json("map.1.type", "a", "map.1.when",
                "state == 'x'"));
        assertConfig("map.1.when: 'alarm' is not a literal", () -> json("map.1.type", "a", "map.1.when",
                "$.state == alarm"));
        assertConfig("map.1.when: > needs a number", () -> json("map.1.type", "a", "map.1.when", "$.n > 'x'"));
        assertConfig("map.1.when: regex '(' is malformed", () -> json("map.1.type", "a", "map.1.when",
                "$.n =~ '('"));
        assertConfig("map.1.zone: unknown placeholder %{nope:x}", () -> json("map.1.type", "a", "map.1.zone",
                "%{nope:x}"));
        assertConfig("map.1.zone: %{1} is a regex group", () -> json("map.1.type", "a", "map.1.zone", "%{1}"));
        assertConfig("map.1.zone 'z%{1': '%{' without '}'", () -> json("map.1.type", "a", "map.1.zone", "z%{1"));
        assertConfig("map.1.zone: %{jsonpath:$.z} needs format=json", () -> Mapping.parse("d", "text",
                props("map.1.type", "a", "map.1.zone", "%{jsonpath:$.z}")));
        assertConfig("map.1.when: regex '[' is malformed", () -> Mapping.parse("d", "text",
                props("map.1.type", "a", "map.1.when", "[")));
        assertConfig("map.1.zone '${jsonpath:$.z}': write placeholders as %{...}", () -> json("map.1.type", "a",
                "map.1.zone", "${jsonpath:$.z}"));
        assertConfig("map.1.device: %{topic.x} needs a segment number", () -> json("map.1.type", "a",
                "map.1.device", "%{topic.x}"));
    }

    private static void assertConfig(String message, Runnable r) {
        String got = assertThrows(IllegalArgumentException.class, r::run).getMessage();
        assertTrue(got.startsWith(message), got);
    }

    @Test
    void idsAreDeterministicAndValid() {
        assertEquals("camel:d:a_b", Mapping.id("d", "a b"));
        String longId = Mapping.id("d", "x".repeat(300));
        assertEquals(128, longId.length());
        assertEquals(longId, Mapping.id("d", "x".repeat(300)));
        assertFalse(longId.equals(Mapping.id("d", "x".repeat(301))));
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void badMessagesAreCountedAndLoggedOncePerPeriod() {
        MovingClock clock = new MovingClock();
        MappingCounter c = new MappingCounter("dev-log", LoggerFactory.getLogger(MappingTest.class), clock, 60_000);
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 100; i++) {
                c.received();
                c.bad("payload " + i, "no rule matched", i % 2 == 0);
            }
            assertEquals(1, log.lines("Device dev-log: 1 message(s) gave no event"), "the first at once");
            clock.now = clock.now.plusSeconds(30);
            c.flush();
            assertEquals(1, log.lines("Device dev-log:"), "not again within the period");
            clock.now = clock.now.plusSeconds(31);
            c.flush();
            assertEquals(1, log.lines("Device dev-log: 99 message(s) gave no event since the last report,"
                    + " e.g. 'payload 1': no rule matched"), "the rest with a count and one example");
            c.flush();
            assertEquals(2, log.lines("Device dev-log:"), "nothing pending, nothing logged");
            assertEquals(0, log.lines("Exception"), "no stack trace");
        }
        var stats = c.stats();
        assertEquals(100, stats.received());
        assertEquals(50, stats.unmatched());
        assertEquals(50, stats.failed());
        assertEquals(0, stats.mapped());
        assertEquals("'payload 99': no rule matched", stats.lastUnmatched());
        assertEquals(clock.now.minusSeconds(61), stats.lastReceived());
        assertEquals(MappingCounter.EXAMPLE_CHARS + 3, MappingCounter.cut("y".repeat(500)).length());
    }
}
