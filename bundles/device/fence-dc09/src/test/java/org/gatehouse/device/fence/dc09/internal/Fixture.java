package org.gatehouse.device.fence.dc09.internal;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.EventQuery;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.support.gate.Eventually;

/**
 * A receiver attached to the core's real sink: the Platform on an embedded Derby, a site with the north fence
 * {@code fence-n1} and the receiver {@code dc09-1}; accounts 1234 (plain) and 5678 (demo key), zone 001 -> fence-n1.
 */
public final class Fixture implements AutoCloseable {
    public final Platform platform;
    final Dc09Driver driver;
    public final int port;

    /** @param extra configuration keys on top of the demo's (e.g. max.connections) */
    public Fixture(Map<String, Object> extra) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        platform = TestDb.platform();
        platform.start();
        platform.sites.saveSite(new Site("s1", "School 1", "Asia/Shanghai", null), "test");
        platform.sites.saveZone(new Zone("north", "s1", "North fence", ZoneKind.PERIMETER, true, List.of()), "test");
        platform.sites.saveDevice(new Device("fence-n1", "s1", "north", "fence", "any", "North fence",
                DeviceStatus.UNKNOWN, Map.of()), "test");
        platform.sites.saveDevice(new Device("dc09-1", "s1", null, "fence", Dc09Driver.VENDOR, "Receiver",
                DeviceStatus.UNKNOWN, Map.of()), "test");
        Map<String, Object> props = new HashMap<>();
        props.put("device.id", "dc09-1");
        props.put("port", 0);
        props.put("zone.1234.001", "fence-n1");
        props.put("zone.5678.001", "fence-n1");
        props.put("account.5678.key", "000102030405060708090A0B0C0D0E0F");
        props.putAll(extra);
        driver = new Dc09Driver(Dc09Settings.from(config(props), props, n -> null), Clock.systemUTC());
        platform.devices.add(driver, Map.of(DeviceDriver.DEVICE_ID, "dc09-1"), "test");
        Eventually.await("the receiver listening", () -> driver.port() > 0);
        port = driver.port();
    }

    /** @return a configuration annotation answering from the map, else the attribute's default */
    public static Dc09Config config(Map<String, Object> props) {
        return (Dc09Config) Proxy.newProxyInstance(Dc09Config.class.getClassLoader(), new Class<?>[] {Dc09Config.class},
                (proxy, method, args) -> {
                    String key = method.getName().replace('_', '.');
                    Object v = props.get(key);
                    if (v == null) {
                        Object d = method.getDefaultValue();
                        if (d == null && method.getReturnType() == int.class) {
                            return 0;
                        }
                        return d;
                    }
                    if (method.getReturnType() == int.class) {
                        return Integer.parseInt(v.toString());
                    }
                    return v.toString();
                });
    }

    /** @return the events stored for a device, newest first */
    public List<SecurityEvent> events(String device) {
        return platform.events.query(new EventQuery(null, null, null, null, null, device, 0, 100)).items();
    }

    @Override
    public void close() {
        platform.stop();
    }
}
