package org.gatehouse.notify.sms.smpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SmppSettingsTest {

    /** A config with the annotation's defaults, overridden by {@code values} (keys are method names). */
    static SmppConfig config(Map<String, Object> values) {
        return (SmppConfig) Proxy.newProxyInstance(SmppConfig.class.getClassLoader(), new Class<?>[] {SmppConfig.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                        : method.getDefaultValue());
    }

    static Map<String, Object> valid() {
        Map<String, Object> m = new HashMap<>();
        m.put("host", "smsc.example.cn");
        m.put("system_id", "school");
        m.put("source_address", "GATEHOUSE");
        return m;
    }

    private static String error(Map<String, Object> values) {
        return assertThrows(IllegalArgumentException.class,
                () -> SmppSettings.from(config(values), k -> null)).getMessage();
    }

    @Test
    void defaults() {
        SmppSettings s = SmppSettings.from(config(valid()), k -> null);
        assertEquals(2775, s.port());
        assertEquals("", s.password());
        assertEquals(5, s.sourceTon());
        assertEquals(0, s.sourceNpi());
        assertEquals(1, s.destTon());
        assertEquals(1, s.destNpi());
        assertEquals(10, s.maxPerSecond());
        assertEquals(5000, s.submitTimeout().toMillis());
        assertEquals("sms-smpp", s.provider());
        assertTrue(s.registeredDelivery());
        assertTrue(!s.toString().contains("password"));
    }

    @Test
    void sourceTonAndNpiFollowTheAddress() {
        Map<String, Object> m = valid();
        m.put("source_address", "+8610690000");
        SmppSettings intl = SmppSettings.from(config(m), k -> null);
        assertEquals("8610690000", intl.sourceAddress());
        assertEquals(1, intl.sourceTon());
        assertEquals(1, intl.sourceNpi());
        m.put("source_address", "106900001234");
        SmppSettings plain = SmppSettings.from(config(m), k -> null);
        assertEquals(0, plain.sourceTon());
        assertEquals(0, plain.sourceNpi());
        m.put("source_ton", 3);
        m.put("source_npi", 1);
        SmppSettings explicit = SmppSettings.from(config(m), k -> null);
        assertEquals(3, explicit.sourceTon());
        assertEquals(1, explicit.sourceNpi());
    }

    @Test
    void passwordFromEnvironmentOnlyWhenEmpty() {
        Map<String, String> env = Map.of(SmppSettings.PASSWORD_ENV, "fromenv");
        assertEquals("fromenv", SmppSettings.from(config(valid()), env::get).password());
        Map<String, Object> m = valid();
        m.put("password", "cfg");
        assertEquals("cfg", SmppSettings.from(config(m), env::get).password());
    }

    @Test
    void badConfigurationsHaveClearMessages() {
        Map<String, Object> m = valid();
        m.remove("host");
        assertEquals("host is required", error(m));
        m = valid();
        m.put("system_id", " ");
        assertEquals("system.id is required", error(m));
        m = valid();
        m.remove("source_address");
        assertEquals("source.address is required", error(m));
        m = valid();
        m.put("port", 0);
        assertEquals("port 0 is out of range 1-65535", error(m));
        m = valid();
        m.put("source_address", "GATEHOUSE-SCHOOL");
        assertTrue(error(m).contains("longer than 11"));
        m = valid();
        m.put("dest_npi", 2);
        assertTrue(error(m).startsWith("dest.npi 2 is not an SMPP numbering plan"));
        m = valid();
        m.put("max_per_second", 0);
        assertEquals("max.per.second must be >= 1", error(m));
        m = valid();
        m.put("submit_timeout_ms", 0L);
        assertEquals("bind.timeout.ms and submit.timeout.ms must be > 0", error(m));
        m = valid();
        m.put("password", "123456789");
        assertTrue(error(m).startsWith("password is longer than 8"));
    }
}
