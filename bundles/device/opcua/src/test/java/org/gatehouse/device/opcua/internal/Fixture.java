package org.gatehouse.device.opcua.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.EventQuery;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.DeviceInfo;
import org.gatehouse.api.device.DeviceSink;
import org.gatehouse.api.device.IngestResult;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;

/**
 * Drivers attached to the core's real sink: the Platform on an embedded Derby, a site with the zone {@code north},
 * the connection device {@code plc-1} and the tank {@code tank-1}. The statuses the core is told, with their reasons,
 * are recorded on the way.
 */
final class Fixture implements AutoCloseable {
    final Platform platform;
    final List<String> statuses = new CopyOnWriteArrayList<>(); // "ONLINE: reason"
    final List<IngestResult> ingested = new CopyOnWriteArrayList<>();
    private final List<OpcUaDriver> drivers = new CopyOnWriteArrayList<>();

    Fixture() {
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        platform = TestDb.platform();
        platform.start();
        platform.sites.saveSite(new Site("s1", "School 1", "Asia/Shanghai", null), "test");
        platform.sites.saveZone(new Zone("north", "s1", "North fence", ZoneKind.PERIMETER, true, List.of()), "test");
        platform.sites.saveDevice(new Device("plc-1", "s1", null, OpcUaDriver.TYPE, OpcUaDriver.VENDOR, "Fence PLC",
                DeviceStatus.UNKNOWN, Map.of()), "test");
        platform.sites.saveDevice(new Device("tank-1", "s1", null, "sensor", "any", "Water tank",
                DeviceStatus.UNKNOWN, Map.of()), "test");
    }

    /** @return a driver of the properties, attached to the core through a recording sink */
    OpcUaDriver attach(Map<String, String> properties, Path etc) {
        OpcUaSettings settings = OpcUaSettings.from(TestConfigs.config(properties), properties, etc, n -> null);
        OpcUaDriver driver = new OpcUaDriver(settings, Clock.systemUTC());
        drivers.add(driver);
        platform.devices.add(new Tapped(driver), Map.of(DeviceDriver.DEVICE_ID, settings.deviceId()), "test");
        return driver;
    }

    /** Detaches every driver from the core. */
    void detachAll() {
        platform.devices.removeAll();
        drivers.clear();
    }

    /** @return the stored events of a device, newest first */
    List<SecurityEvent> events(String device) {
        return platform.events.query(new EventQuery(null, null, null, null, null, device, 0, 100)).items();
    }

    /** @return the stored events of a device and type, newest first */
    List<SecurityEvent> events(String device, String type) {
        return events(device).stream().filter(e -> e.type().equals(type)).toList();
    }

    /** @return the last status the core was told ("ONLINE: reason"), or "" */
    String status() {
        return statuses.isEmpty() ? "" : statuses.get(statuses.size() - 1);
    }

    @Override
    public void close() {
        detachAll();
        platform.stop();
    }

    /** The driver, with the sink it gets wrapped to record what passes. */
    private final class Tapped implements DeviceDriver {
        private final OpcUaDriver driver;

        Tapped(OpcUaDriver driver) {
            this.driver = driver;
        }

        @Override
        public DeviceInfo info() {
            return driver.info();
        }

        @Override
        public void attach(DeviceSink sink) {
            driver.attach(new DeviceSink() {
                @Override
                public void status(DeviceStatus status, String reason) {
                    statuses.add(status + ": " + reason);
                    sink.status(status, reason);
                }

                @Override
                public IngestResult event(SecurityEvent event) {
                    IngestResult r = sink.event(event);
                    ingested.add(r);
                    return r;
                }

                @Override
                public IngestResult event(SecurityEvent event, String forDevice) {
                    IngestResult r = sink.event(event, forDevice);
                    ingested.add(r);
                    return r;
                }
            });
        }

        @Override
        public void detach() {
            driver.detach();
        }

        @Override
        public CompletionStage<CommandResult> execute(DeviceCommand command) {
            return driver.execute(command);
        }
    }
}
