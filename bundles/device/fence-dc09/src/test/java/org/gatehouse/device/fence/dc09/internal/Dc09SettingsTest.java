package org.gatehouse.device.fence.dc09.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The configuration: accounts, keys from the environment, zones, codes, and a clear message for each mistake. */
class Dc09SettingsTest {

    private static Dc09Settings settings(Map<String, String> env, String... keyValues) {
        Map<String, Object> props = new HashMap<>();
        props.put("device.id", "dc09-1");
        props.put("port", "7010");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return Dc09Settings.from(Fixture.config(props), props, env::get);
    }

    private static String error(String... keyValues) {
        return assertThrows(IllegalArgumentException.class, () -> settings(Map.of(), keyValues)).getMessage();
    }

    @Test
    void accountsZonesAndDevices() {
        Dc09Settings s = settings(Map.of(), "zone.1234.001", "fence-n1", "zone.1234.2", "fence-n2",
                "account.1234.device", "panel-1", "zone.abcd.*", "fence-e1", "account.5678.supervision.seconds", "90");
        Dc09Settings.Account a = s.accounts().get("1234");
        assertNull(a.key());
        assertEquals("fence-n1", a.deviceOf("1"));
        assertEquals("fence-n2", a.deviceOf("002"));
        assertNull(a.deviceOf("003"), "unmapped zone");
        assertEquals("panel-1", a.deviceOf("000"), "zone 0: the account's device");
        assertEquals("fence-e1", s.accounts().get("ABCD").deviceOf("017"));
        assertEquals("fence-e1", s.accounts().get("ABCD").device());
        assertEquals("dc09-1", s.accounts().get("5678").device(), "no zones: the receiver");
        assertEquals(90, s.accounts().get("5678").supervision().toSeconds());
        assertEquals("127.0.0.1", s.host());
        assertEquals(64, s.maxConnections());
    }

    @Test
    void keysFromTheConfigurationOrTheEnvironment() {
        byte[] demo = Panel.DEMO_KEY;
        assertArrayEquals(demo, settings(Map.of(), "account.5678.key", "000102030405060708090a0b0c0d0e0f")
                .accounts().get("5678").key());
        assertArrayEquals(demo, settings(Map.of("ORG_GATEHOUSE_DEVICE_FENCE_DC09_ACCOUNT_5678_KEY",
                "000102030405060708090A0B0C0D0E0F"), "account.5678.key", "").accounts().get("5678").key());
        assertArrayEquals(demo, settings(Map.of("SITE_KEY", "000102030405060708090A0B0C0D0E0F"),
                "account.5678.key", "${env:SITE_KEY}").accounts().get("5678").key());
        assertEquals(32, settings(Map.of(), "account.5678.key", "00".repeat(32)).accounts().get("5678").key().length);
    }

    @Test
    void mistakesNameTheKey() {
        assertTrue(error("account.5678.key", "").contains("ORG_GATEHOUSE_DEVICE_FENCE_DC09_ACCOUNT_5678_KEY"));
        assertTrue(error("account.5678.key", "${env:NOPE}").contains("NOPE is not set"));
        String shortKey = error("account.5678.key", "0011");
        assertTrue(shortKey.startsWith("account.5678.key must be 32, 48 or 64 hex digits"), shortKey);
        assertTrue(!shortKey.contains("0011"), "the key is not echoed");
        assertTrue(error("account.12.key", "00").startsWith("account.12.key:"));
        assertTrue(error("zone.1234.north", "fence-n1").startsWith("zone.1234.north:"));
        assertTrue(error("zone.1234.001", " ").startsWith("zone.1234.001 is required"));
        assertTrue(error("code.X130", "fence.intrusion").startsWith("code.X130:"));
        assertTrue(error("code.E130", "fence.intrusion:LOUD").startsWith("code.E130"));
        assertTrue(error("max.connections", "0").startsWith("max.connections"));
        assertTrue(error("account.1234.supervision.seconds", "soon").startsWith("account.1234.supervision.seconds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> {
            Map<String, Object> props = new HashMap<>(Map.of("port", "7010"));
            Dc09Settings.from(Fixture.config(props), props, n -> null);
        }).getMessage().startsWith("device.id is required"));
    }
}
