package org.gatehouse.device.camel.internal;

import static org.gatehouse.device.camel.internal.MappingTest.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CamelDeviceSettingsTest {

    static CamelDeviceConfig config(String deviceId, String uri, String format) {
        return new CamelDeviceConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CamelDeviceConfig.class;
            }

            @Override
            public String device_id() {
                return deviceId;
            }

            @Override
            public String uri() {
                return uri;
            }

            @Override
            public String format() {
                return format;
            }

            @Override
            public String device_type() {
                return "fence";
            }

            @Override
            public int status_check_seconds() {
                return 5;
            }

            @Override
            public int unmatched_log_seconds() {
                return 60;
            }
        };
    }

    @Test
    void aConfigurationAsConfigAdminGivesIt() {
        Map<String, Object> props = props("device.id", " gw-1 ", "uri", "paho:a/b?brokerUrl=tcp://h:1883&password=s3cret",
                "map.1.when", "$.a == 1", "map.1.type", "fence.intrusion", "service.pid", "x",
                "component.name", "org.gatehouse.device.camel");
        CamelDeviceSettings s = CamelDeviceSettings.from(config(" gw-1 ", "paho:a/b?brokerUrl=tcp://h:1883&password=s3cret",
                null), props);
        assertEquals("gw-1", s.deviceId());
        assertEquals("paho", s.scheme());
        assertEquals("paho:a/b?brokerUrl=tcp://h:1883&password=***", s.shownUri());
        assertEquals(5000, s.checkMillis());
        assertEquals(1, s.mapping().rules().size());
        CamelDevice d = new CamelDevice(s, () -> {
            throw new IllegalStateException("not started");
        }, java.time.Clock.systemUTC());
        assertEquals("camel", d.info().vendor());
        assertEquals("fence", d.info().type());
        assertTrue(d.test("{\"a\":1}").matched(), "a sample maps without a running route");
        assertEquals(0, d.stats().received());
        assertTrue(!d.execute(new org.gatehouse.api.device.DeviceCommand("open", null)).toCompletableFuture().join()
                .ok());
    }

    @Test
    void badConfigurationsNameTheKey() {
        Map<String, Object> rules = props("map.1.type", "a");
        assertBad("device.id is required", config(" ", "file:/x", "json"), rules);
        assertBad("device.id 'a b'", config("a b", "file:/x", "json"), rules);
        assertBad("uri is required", config("d", null, "json"), rules);
        assertBad("uri 'nothing' is not a Camel URI", config("d", "nothing", "json"), rules);
        assertBad("uri 'paho:' is not a Camel URI", config("d", "paho:", "json"), rules);
        assertBad("uri 'Bad Scheme:x?password=***'", config("d", "Bad Scheme:x?password=p", "json"), rules);
        assertBad("format 'yaml'", config("d", "file:/x", "yaml"), rules);
        assertBad("map.1.type is required", config("d", "file:/x", "json"), props());
    }

    private static void assertBad(String message, CamelDeviceConfig c, Map<String, Object> props) {
        String got = assertThrows(IllegalArgumentException.class, () -> CamelDeviceSettings.from(c, props))
                .getMessage();
        assertTrue(got.startsWith(message), got);
    }

    @Test
    void theReferenceConfigurationAsKarafReadsIt() throws Exception {
        org.apache.felix.utils.properties.TypedProperties cfg = new org.apache.felix.utils.properties.TypedProperties();
        try (var in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(
                "src/main/cfg/org.gatehouse.device.camel.cfg"))) {
            cfg.load(in);
        }
        Map<String, Object> props = new java.util.LinkedHashMap<>();
        cfg.keySet().forEach(k -> props.put(k, cfg.get(k)));
        CamelDeviceSettings s = CamelDeviceSettings.from(config((String) props.get("device.id"),
                (String) props.get("uri"), "json"), props);
        assertEquals(2, s.mapping().rules().size());
        Mapping.Outcome o = s.mapping().map("{\"state\":\"alarm\",\"zone\":\"north\",\"seq\":118}",
                Map.of("CamelMqttTopic", "fence/fence-3/state"));
        assertEquals(Mapping.Kind.MAPPED, o.kind(), o.reason());
        var e = o.events().get(0).event();
        assertEquals("fence-3", e.deviceId());
        assertEquals("north", e.zoneId());
        assertEquals("camel:fence-3:118", e.id());
        assertEquals("fence/fence-3/state", e.attributes().get("topic"));
        assertEquals(org.gatehouse.api.Severity.MAJOR, e.severity());
        assertTrue(s.mapping().map("{\"state\":\"normal\"}", Map.of()).events().get(0).event().isRestore());

        // the commented TCP example, uncommented: its doubled backslashes reach the regex as one
        String text = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/cfg/org.gatehouse.device.camel.cfg"))
                .replaceAll("(?m)^map\\..*$", "").replaceAll("(?m)^#(map\\.1\\.)", "$1");
        org.apache.felix.utils.properties.TypedProperties tcp = new org.apache.felix.utils.properties.TypedProperties();
        tcp.load(new java.io.StringReader(text));
        Map<String, Object> tprops = new java.util.LinkedHashMap<>();
        tcp.keySet().forEach(k -> tprops.put(k, tcp.get(k)));
        assertEquals("^ALARM (\\S+) (\\S+)$", tprops.get("map.1.when"));
        Mapping m = Mapping.parse("gw", "text", tprops);
        Mapping.Outcome t = m.map("ALARM fence-3 north", Map.of());
        assertEquals("fence-3", t.events().get(0).event().deviceId());
        assertEquals("north", t.events().get(0).event().zoneId());
    }
}
