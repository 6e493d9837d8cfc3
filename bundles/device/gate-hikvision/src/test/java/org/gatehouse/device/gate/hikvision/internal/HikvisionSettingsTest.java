package org.gatehouse.device.gate.hikvision.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HikvisionSettingsTest {
    private static final Map<String, Object> GOOD = Map.of("device.id", "main-gate-in", "url", "http://192.168.1.64/",
            "password", "pw");

    @Test
    void readsAGoodConfigurationWithItsDefaults() {
        HikvisionSettings s = HikvisionSettings.from(config(GOOD), k -> null);
        assertEquals("http://192.168.1.64", s.url().toString());
        assertEquals("admin", s.username());
        assertEquals(1, s.door());
        assertNull(s.listenUrl());
        assertEquals(Duration.ofSeconds(120), s.heartbeatTimeout());
        assertEquals(Duration.ofSeconds(60), s.syncInterval());
        assertEquals(5, s.syncPerSecond());
        assertEquals("/gatehouse/api/devices/main-gate-in/isapi/events", s.eventPath());
        assertFalse(s.toString().contains("pw"));
    }

    @Test
    void secretsLeftEmptyComeFromTheEnvironment() {
        Map<String, Object> values = new HashMap<>(GOOD);
        values.put("password", "");
        Map<String, String> env = Map.of("ORG_GATEHOUSE_DEVICE_GATE_HIKVISION_PASSWORD", "from-env",
                "ORG_GATEHOUSE_DEVICE_GATE_HIKVISION_TOKEN", "tok");
        HikvisionSettings s = HikvisionSettings.from(config(values), env::get);
        assertEquals("from-env", s.password());
        assertEquals("tok", s.token());
        assertTrue(s.toString().contains("token=set"));
        assertFalse(s.toString().contains("tok,"));
    }

    @Test
    void eachBadKeyIsNamed() {
        assertRefused("device.id is required", Map.of("device.id", " "));
        assertRefused("device.id 'gate 1/x'", Map.of("device.id", "gate 1/x"));
        assertRefused("url is required", Map.of("url", ""));
        assertRefused("url 'ftp://x' must start with http:// or https://", Map.of("url", "ftp://x"));
        assertRefused("listen.url 'nowhere' must start", Map.of("listen.url", "nowhere"));
        assertRefused("direction 'up' must be in or out", Map.of("direction", "up"));
        assertRefused("door 0 must be >= 1", Map.of("door", 0));
        assertRefused("sync.max.per.second 0 must be >= 1", Map.of("sync.max.per.second", 0));
        assertRefused("heartbeat.timeout.seconds, sync.interval.seconds and timeout.ms must be > 0",
                Map.of("timeout.ms", 0L));
        assertRefused("username must not be empty", Map.of("username", ""));
    }

    private static void assertRefused(String start, Map<String, Object> override) {
        Map<String, Object> values = new HashMap<>(GOOD);
        values.putAll(override);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HikvisionSettings.from(config(values), k -> null));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    static HikvisionConfig config(Map<String, Object> values) {
        return (HikvisionConfig) Proxy.newProxyInstance(HikvisionConfig.class.getClassLoader(),
                new Class<?>[] {HikvisionConfig.class}, (proxy, method, args) -> {
                    String key = method.getName().replace('_', '.');
                    return values.containsKey(key) ? values.get(key) : method.getDefaultValue();
                });
    }
}
