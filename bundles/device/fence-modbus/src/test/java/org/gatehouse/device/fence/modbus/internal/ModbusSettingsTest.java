package org.gatehouse.device.fence.modbus.internal;

import static org.gatehouse.device.fence.modbus.internal.TestConfigs.props;
import static org.gatehouse.device.fence.modbus.internal.TestConfigs.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.gatehouse.api.Severity;
import org.junit.jupiter.api.Test;

/** The point map syntax and the checks of a configuration: each refusal names the key to fix. */
class ModbusSettingsTest {

    private static Map<String, String> base() {
        return props("device.id", "fence-m1", "host", "127.0.0.1", "point.fence.intrusion", "di:0");
    }

    @Test
    void readsDefaultsAndEveryPointForm() {
        Map<String, String> p = base();
        p.put("point.fence.intrusion.z2", "DI:7");
        p.put("zone.fence.intrusion.z2", "north-2");
        p.put("point.fence.tension.low", "hr:10:<300");
        p.put("point.fence.fault", "hr:11:3");
        p.put("point.fence.tamper", "di:1:=0");
        p.put("severity.fence.tamper", "critical");
        p.put("point.armed", "coil:10");
        p.put("command.arm", "coil:10:1");
        p.put("command.disarm", "hr:20:0");
        p.put("relay.1", "coil:20");
        ModbusSettings s = settings(p);
        assertEquals(502, s.port());
        assertEquals(1, s.unitId());
        assertEquals(500, s.pollMillis());
        assertEquals(6, s.points().size());
        Point z2 = s.points().stream().filter(x -> x.name().equals("fence.intrusion.z2")).findFirst().orElseThrow();
        assertEquals("fence.intrusion", z2.type());
        assertEquals("z2", z2.label());
        assertEquals("north-2", z2.zoneId());
        assertEquals(Table.DI, z2.table());
        assertEquals(7, z2.address());
        Point low = s.points().stream().filter(x -> x.name().equals("fence.tension.low")).findFirst().orElseThrow();
        assertEquals(Table.HR, low.table());
        assertTrue(low.active(299));
        assertFalse(low.active(300));
        assertNull(low.zoneId());
        assertEquals(Severity.MAJOR, low.severity());
        Point fault = s.points().stream().filter(x -> x.name().equals("fence.fault")).findFirst().orElseThrow();
        assertTrue(fault.active(0b1000));
        assertFalse(fault.active(0b0111));
        assertEquals(Severity.WARNING, fault.severity());
        Point tamper = s.points().stream().filter(x -> x.name().equals("fence.tamper")).findFirst().orElseThrow();
        assertTrue(tamper.active(0)); // active low
        assertFalse(tamper.active(1));
        assertEquals(Severity.CRITICAL, tamper.severity());
        assertEquals(new Write(Table.COIL, 10, 1, "coil:10:1"), s.arm());
        assertEquals(new Write(Table.HR, 20, 0, "hr:20:0"), s.disarm());
        assertEquals(List.of("arm", "disarm", "relay", "relay.1"), s.capabilities());
    }

    @Test
    void badInputIsRefusedNamingTheKey() {
        assertRefused("point.fence.bogus", "point.fence.bogus: 'fence.bogus' is not one of", "point.fence.bogus", "di:0");
        assertRefused("point.fence.intrusion", "'xx' is not di, coil, hr or ir", "point.fence.intrusion", "xx:0");
        assertRefused("point.fence.intrusion", "must be <di|coil|hr|ir>:<address>", "point.fence.intrusion", "di");
        assertRefused("point.fence.intrusion", "the address '70000' must be 0 to 65535",
                "point.fence.intrusion", "di:70000");
        assertRefused("point.fence.intrusion", "a bit number is for registers", "point.fence.intrusion", "di:0:3");
        assertRefused("point.fence.fault", "bit 16 is not 0 to 15", "point.fence.fault", "hr:1:16");
        assertRefused("point.fence.fault", "'~5' is not a comparison", "point.fence.fault", "hr:1:~5");
        assertRefused("point.fence.intrusion.Z2", "the label 'Z2'", "point.fence.intrusion.Z2", "di:3");
        assertRefused("zone.fence.cut", "zone.fence.cut names no point", "zone.fence.cut", "north");
        assertRefused("severity.fence.intrusion", "severity.fence.intrusion 'loud' is not INFO, WARNING",
                "severity.fence.intrusion", "loud");
        assertRefused("command.arm", "command.arm 'di:3:1': di is read only", "command.arm", "di:3:1");
        assertRefused("command.arm", "command.arm 'coil:3' must be <coil|hr>:<address>:<value>", "command.arm",
                "coil:3");
        assertRefused("command.disarm", "the value must be 0 or 1", "command.disarm", "coil:3:2");
        assertRefused("relay.1", "relay.1 'ir:3': ir is read only", "relay.1", "ir:3");
        assertRefused("unit.id", "unit.id must be 0 to 255, not 300", "unit.id", "300");
        assertRefused("port", "port 0 is out of range", "port", "0");
        assertRefused("poll.ms", "poll.ms must be at least 10", "poll.ms", "1");
        Map<String, String> none = props("device.id", "fence-m1", "host", "127.0.0.1");
        assertEquals("point.<name> is required: at least one point (point.fence.intrusion = di:0)",
                assertThrows(IllegalArgumentException.class, () -> settings(none)).getMessage());
        Map<String, String> noHost = props("device.id", "fence-m1", "point.fence.intrusion", "di:0");
        assertEquals("host is required",
                assertThrows(IllegalArgumentException.class, () -> settings(noHost)).getMessage());
    }

    private static void assertRefused(String what, String message, String key, String value) {
        Map<String, String> p = base();
        p.put(key, value);
        String m = assertThrows(IllegalArgumentException.class, () -> settings(p), what).getMessage();
        assertTrue(m.contains(message), what + ": " + m);
    }
}
