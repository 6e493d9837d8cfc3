package org.gatehouse.opcua.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The settings: defaults, the names derived from the bind address, and bad values refused with the key named. */
class OpcUaSettingsTest {
    private static OpcUaSettings settings(int port, String bind, String hostname, Duration resync) {
        return new OpcUaSettings(port, bind, hostname, true, true, "karaf", Path.of("etc/opcua"), resync);
    }

    @Test
    void loopbackByDefaultAndNamesFromTheHostname() {
        OpcUaSettings s = settings(4840, "127.0.0.1", null, Duration.ofSeconds(5));
        assertEquals("127.0.0.1", s.hostname());
        assertEquals("opc.tcp://127.0.0.1:4840/gatehouse", s.endpointUrl());
        assertEquals("urn:gatehouse:127.0.0.1:opcua", s.applicationUri());
        OpcUaSettings named = settings(4841, "0.0.0.0", "gate.school.example", Duration.ofSeconds(5));
        assertEquals("urn:gatehouse:gate.school.example:opcua", named.applicationUri());
        assertTrue(settings(4840, "0.0.0.0", " ", Duration.ofSeconds(1)).hostname().length() > 0);
    }

    @Test
    void badValuesNameTheirKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(0, "127.0.0.1", null,
                Duration.ofSeconds(5))).getMessage().startsWith("port "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(4840, " ", null,
                Duration.ofSeconds(5))).getMessage().startsWith("bind.address "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(4840, "no-such-host.invalid", null,
                Duration.ofSeconds(5))).getMessage().startsWith("bind.address "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(4840, "127.0.0.1", null,
                Duration.ZERO)).getMessage().startsWith("resync.seconds "));
    }
}
