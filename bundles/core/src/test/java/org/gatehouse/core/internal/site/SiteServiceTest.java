package org.gatehouse.core.internal.site;

import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.DeviceInfo;
import org.gatehouse.api.device.DeviceSink;
import org.gatehouse.api.device.MappingResult;
import org.gatehouse.api.device.MappingStats;
import org.gatehouse.api.device.PayloadMapper;
import org.junit.jupiter.api.Test;

class SiteServiceTest {
    private final Platform p = TestDb.platform(TestDb.newDataSource(), new TestDb.Channels());

    @Test
    void crudWithValidationAndAudit() {
        p.sites.saveSite(new Site("s1", "School", null, null), "admin");
        assertEquals("Asia/Shanghai", p.sites.site("s1").orElseThrow().timezone());
        p.sites.saveZone(new Zone("z1", "s1", "Fence", ZoneKind.PERIMETER, true, List.of("staff-1")), "admin");
        p.sites.saveDevice(new Device("d1", "s1", "z1", "fence", "http", "F", null, Map.of("ip", "10.0.0.9")), "admin");
        assertEquals(Map.of("ip", "10.0.0.9"), p.sites.device("d1").orElseThrow().properties());
        assertEquals(List.of("staff-1"), p.sites.zone("z1").orElseThrow().responsibleStaff());

        assertEquals("unknown-site", code(() -> p.sites.saveZone(new Zone("z2", "nope", "x", ZoneKind.GATE, false,
                null), "admin")));
        assertEquals("unknown-zone", code(() -> p.sites.saveDevice(new Device("d2", "s1", "nope", "fence", "http",
                null, null, null), "admin")));
        assertEquals("bad-id", code(() -> p.sites.saveSite(new Site("bad id", "x", null, null), "admin")));
        assertEquals("bad-timezone", code(() -> p.sites.saveSite(new Site("s2", "x", "Mars/Base", null), "admin")));
        assertEquals("missing-kind", code(() -> p.sites.saveZone(new Zone("z3", "s1", "x", null, false, null), "a")));
        assertEquals("site-not-empty", code(() -> p.sites.deleteSite("s1", "admin")));
        assertEquals("zone-not-empty", code(() -> p.sites.deleteZone("z1", "admin")));

        p.sites.deleteDevice("d1", "admin");
        p.sites.deleteZone("z1", "admin");
        p.sites.deleteSite("s1", "admin");
        assertTrue(p.sites.sites().isEmpty());
        assertEquals("unknown-device", code(() -> p.sites.deleteDevice("d1", "admin")));
        var actions = p.audit.query(null, null, null, 0, 100).items().stream().map(e -> e.action()).toList();
        assertEquals(List.of("site-remove", "zone-remove", "device-remove", "device-add", "zone-add", "site-add"),
                actions);
    }

    private static String code(Runnable r) {
        return assertThrows(GatehouseException.class, r::run).code();
    }

    /** A driver as a plugin would write it, recording what the core does with it. */
    static final class TestDriver implements DeviceDriver {
        DeviceSink sink;
        boolean detached;

        @Override
        public DeviceInfo info() {
            return new DeviceInfo("sim-1", "fence", "test", "T1", "1.0", Set.of("arm"));
        }

        @Override
        public void attach(DeviceSink s) {
            sink = s;
            s.status(DeviceStatus.ONLINE, "connected");
        }

        @Override
        public void detach() {
            detached = true;
        }

        @Override
        public CompletionStage<CommandResult> execute(DeviceCommand command) {
            return CompletableFuture.completedFuture(CommandResult.success());
        }
    }

    @Test
    void driversAreAttachedRegisteredAndDetached() {
        p.sites.saveSite(new Site("s1", "School", null, null), "admin");
        TestDriver d = new TestDriver();
        p.devices.add(d, Map.of(), "test.bundle");
        assertEquals(DeviceStatus.ONLINE, p.sites.device("sim-1").orElseThrow().status(),
                "an unknown device is registered at the only site");
        List<String> seen = new CopyOnWriteArrayList<>();
        var r = d.sink.event(new SecurityEvent("x1", null, null, "someone-else", null, "fence.intrusion", null, null,
                null, null));
        assertEquals("sim-1", r.event().deviceId(), "the sink forces its own device id");
        assertEquals(1, p.devices.plugins().size());
        assertTrue(p.devices.execute("sim-1", new DeviceCommand("arm", Map.of()), "guard1").toCompletableFuture()
                .join().ok());
        assertEquals("device-command", p.audit.query("device", "sim-1", null, 0, 1).items().get(0).action());
        assertEquals("guard1", p.audit.query("device", "sim-1", null, 0, 1).items().get(0).actor());
        assertEquals("unknown-device", code(() -> p.devices.execute("nope", new DeviceCommand("arm", null), "g")));
        assertEquals("missing-name", code(() -> p.devices.execute("sim-1", new DeviceCommand(" ", null), "g")));
        p.sites.saveDevice(new Device("no-driver", "s1", null, "fence", "http", null, null, null), "admin");
        assertEquals("no-driver", code(() -> p.devices.execute("no-driver", new DeviceCommand("arm", null), "g")));
        p.devices.remove(d);
        assertTrue(d.detached);
        assertEquals(DeviceStatus.OFFLINE, p.sites.device("sim-1").orElseThrow().status());
        assertTrue(seen.isEmpty());
    }

    /** A mapping driver: the same object is the driver and its {@link PayloadMapper}. */
    static final class MappingDriver implements PayloadMapper {
        int tested;

        @Override
        public MappingResult test(String payload) {
            tested++;
            if (payload.startsWith("boom")) {
                throw new IllegalStateException("boom");
            }
            return payload.equals("alarm") ? new MappingResult(true, "map.1", List.of(new SecurityEvent(null, null,
                    null, "sim-1", null, "fence.intrusion", null, null, null, null)), null)
                    : MappingResult.unmatched("no rule matched");
        }

        @Override
        public MappingStats stats() {
            return new MappingStats(3, 2, 1, 0, null, "x: no rule matched");
        }
    }

    @Test
    void sampleMessagesAreMappedThroughTheDevicesMapper() {
        p.sites.saveSite(new Site("s1", "School", null, null), "admin");
        TestDriver d = new TestDriver();
        p.devices.add(d, Map.of(), "test.bundle");
        p.sites.saveDevice(new Device("no-driver", "s1", null, "fence", "http", null, null, null), "admin");
        assertEquals("unknown-device", code(() -> p.devices.testPayload("nope", "alarm")));
        assertEquals("no-driver", code(() -> p.devices.testPayload("no-driver", "alarm")));
        assertEquals("no-mapping", code(() -> p.devices.testPayload("sim-1", "alarm")));
        assertEquals("no-mapping", code(() -> p.devices.mappingStats("sim-1")));

        MappingDriver m = new MappingDriver();
        p.devices.addMapper(m, "sim-1");
        MappingResult r = p.devices.testPayload("sim-1", "alarm");
        assertTrue(r.matched());
        assertEquals("fence.intrusion", r.events().get(0).type());
        assertEquals("no rule matched", p.devices.testPayload("sim-1", "quiet").error());
        assertEquals("missing-payload", code(() -> p.devices.testPayload("sim-1", "")));
        assertEquals("missing-payload", code(() -> p.devices.testPayload("sim-1", null)));
        MappingResult failed = p.devices.testPayload("sim-1", "boom");
        assertTrue(!failed.matched() && failed.error().contains("boom"), "a failing mapper gives a reason");
        assertEquals(2, p.devices.mappingStats("sim-1").mapped());
        assertEquals(3, m.tested);
        assertTrue(p.events.query(new org.gatehouse.api.EventQuery(null, null, null, null, null, null, 0, 10))
                .items().isEmpty(), "a sample message stores nothing");

        p.devices.removeMapper(m);
        assertEquals("no-mapping", code(() -> p.devices.testPayload("sim-1", "alarm")));
        p.devices.addMapper(m, null);
        assertEquals("no-mapping", code(() -> p.devices.mappingStats("sim-1")));
    }
}
