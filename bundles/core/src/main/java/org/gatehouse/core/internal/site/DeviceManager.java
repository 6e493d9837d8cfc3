package org.gatehouse.core.internal.site;

import org.gatehouse.core.internal.Limits;
import org.osgi.annotation.bundle.Capability;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.core.internal.audit.AuditTrail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.DeviceInfo;
import org.gatehouse.api.device.DeviceSink;
import org.gatehouse.api.device.IngestResult;
import org.gatehouse.api.device.MappingResult;
import org.gatehouse.api.device.MappingStats;
import org.gatehouse.api.device.PayloadMapper;
import org.gatehouse.api.service.DeviceControl;
import org.gatehouse.api.service.HealthService.PluginInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attaches every device driver service to a sink of its own. A driver whose device is not registered yet is registered
 * with the site given by its service property {@code gatehouse.site.id}, or the only site when there is one.
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.service.DeviceControl")
public final class DeviceManager implements DeviceControl {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceManager.class);
    /** Optional driver service property naming the site to register an unknown device at. */
    public static final String SITE_ID = "gatehouse.site.id";

    private record Attached(String deviceId, String bundle, DeviceInfo info) {
    }

    private final SiteService sites;
    private final EventService events;
    private final AuditTrail audit;
    private final Map<DeviceDriver, Attached> attached = new ConcurrentHashMap<>();
    /** The {@link PayloadMapper} services by the device id of their service property. */
    private final Map<PayloadMapper, String> mappers = new ConcurrentHashMap<>();

    public DeviceManager(SiteService sites, EventService events, AuditTrail audit) {
        this.sites = sites;
        this.events = events;
        this.audit = audit;
    }

    @Override
    public CompletionStage<CommandResult> execute(String deviceId, DeviceCommand command, String actor) {
        if (command == null || command.name() == null || command.name().isBlank()) {
            throw GatehouseException.invalid("missing-name", "a command needs a name (open, arm, trigger, ...)");
        }
        if (sites.device(deviceId).isEmpty()) {
            throw GatehouseException.notFound("unknown-device", "device '" + deviceId + "' is not registered");
        }
        DeviceDriver driver = attached.entrySet().stream().filter(e -> e.getValue().deviceId().equals(deviceId))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> GatehouseException.unavailable("no-driver",
                        "no driver is attached to device '" + deviceId + "'", null));
        String who = actor == null || actor.isBlank() ? "system" : actor;
        CompletionStage<CommandResult> result;
        try {
            result = driver.execute(command);
        } catch (RuntimeException e) {
            result = CompletableFuture.completedFuture(CommandResult.failed("driver error: " + e));
        }
        return result.whenComplete((r, e) -> {
            String outcome = e != null ? "failed: " + e : (r.ok() ? "ok" : "failed: " + r.message());
            try {
                audit.record(who, "device-command", "device", deviceId, command.name() + " " + outcome);
            } catch (RuntimeException ex) {
                LOG.warn("Could not audit command {} on {}: {}", command.name(), deviceId, ex.getMessage());
            }
            LOG.info("Command {} on device {} by {}: {}", command.name(), deviceId, who, outcome);
        });
    }

    @Override
    public MappingResult testPayload(String deviceId, String payload) {
        PayloadMapper mapper = mapper(deviceId);
        if (payload == null || payload.isEmpty()) {
            throw GatehouseException.invalid("missing-payload", "give a sample payload to map");
        }
        try {
            return mapper.test(payload);
        } catch (RuntimeException e) {
            LOG.warn("Mapper of device {} failed on a sample payload: {}", deviceId, e.toString());
            return MappingResult.unmatched("the driver failed to map it: " + e);
        }
    }

    @Override
    public MappingStats mappingStats(String deviceId) {
        return mapper(deviceId).stats();
    }

    private PayloadMapper mapper(String deviceId) {
        if (deviceId == null || sites.device(deviceId).isEmpty()) {
            throw GatehouseException.notFound("unknown-device", "device '" + deviceId + "' is not registered");
        }
        for (Map.Entry<PayloadMapper, String> m : mappers.entrySet()) {
            if (m.getValue().equals(deviceId)) {
                return m.getKey();
            }
        }
        if (attached.values().stream().noneMatch(a -> a.deviceId().equals(deviceId))) {
            throw GatehouseException.unavailable("no-driver", "no driver is attached to device '" + deviceId + "'",
                    null);
        }
        throw GatehouseException.invalid("no-mapping", "the driver of device '" + deviceId
                + "' does not map messages");
    }

    /** A {@link PayloadMapper} service appeared, with its {@link DeviceDriver#DEVICE_ID} property. */
    public void addMapper(PayloadMapper mapper, Object deviceId) {
        if (deviceId == null) {
            LOG.warn("A payload mapper names no {}; ignored", DeviceDriver.DEVICE_ID);
            return;
        }
        mappers.put(mapper, deviceId.toString());
    }

    /** A {@link PayloadMapper} service went away. */
    public void removeMapper(PayloadMapper mapper) {
        mappers.remove(mapper);
    }

    /** A driver service appeared. */
    public void add(DeviceDriver driver, Map<String, Object> props, String bundle) {
        DeviceInfo info;
        try {
            info = driver.info();
        } catch (RuntimeException e) {
            LOG.warn("Driver from {} failed to describe its device: {}", bundle, e.toString());
            return;
        }
        String id = info.deviceId() != null ? info.deviceId() : (String) props.get(DeviceDriver.DEVICE_ID);
        if (id == null) {
            LOG.warn("Driver from {} names no device id; ignored", bundle);
            return;
        }
        if (sites.device(id).isEmpty() && !register(id, info, props)) {
            return;
        }
        attached.put(driver, new Attached(id, bundle, info));
        try {
            driver.attach(new Sink(id));
            LOG.info("Driver {} ({}) attached to device {}", info.vendor(), bundle, id);
        } catch (RuntimeException e) {
            attached.remove(driver);
            LOG.warn("Driver {} failed to attach to device {}: {}", info.vendor(), id, e.toString());
        }
    }

    private boolean register(String id, DeviceInfo info, Map<String, Object> props) {
        Object site = props.get(SITE_ID);
        String siteId = site != null ? site.toString() : null;
        if (siteId == null) {
            var all = sites.sites();
            if (all.size() == 1) {
                siteId = all.get(0).id();
            }
        }
        if (siteId == null) {
            LOG.warn("Device {} has a {} driver but is not registered and no site is given ({}): add it with"
                    + " gatehouse:device-add", id, info.vendor(), SITE_ID);
            return false;
        }
        try {
            sites.saveDevice(new Device(id, siteId, null, info.type(), info.vendor(), info.model(), DeviceStatus.UNKNOWN,
                    Map.of()), "system");
            LOG.info("Device {} registered at site {} from its {} driver", id, siteId, info.vendor());
            return true;
        } catch (GatehouseException e) {
            LOG.warn("Device {} could not be registered from its driver: {}", id, e.getMessage());
            return false;
        }
    }

    /** A driver service went away. */
    public void remove(DeviceDriver driver) {
        Attached a = attached.remove(driver);
        if (a == null) {
            return;
        }
        try {
            driver.detach();
        } catch (RuntimeException e) {
            LOG.warn("Driver of device {} failed to detach: {}", a.deviceId(), e.toString());
        }
        sites.updateDeviceStatus(a.deviceId(), DeviceStatus.OFFLINE, "driver removed");
        LOG.info("Driver of device {} removed", a.deviceId());
    }

    public void removeAll() {
        for (DeviceDriver d : new ArrayList<>(attached.keySet())) {
            remove(d);
        }
    }

    /** @return the commands the driver attached to a device accepts, empty when no driver is attached */
    public java.util.Set<String> capabilities(String deviceId) {
        for (Attached a : attached.values()) {
            if (a.deviceId().equals(deviceId)) {
                return a.info().capabilities();
            }
        }
        return java.util.Set.of();
    }

    public List<PluginInfo> plugins() {
        List<PluginInfo> out = new ArrayList<>();
        for (Attached a : attached.values()) {
            String status = sites.device(a.deviceId()).map(d -> d.status().name()).orElse("UNKNOWN");
            out.add(new PluginInfo("driver", a.deviceId(), a.info().type() + "/" + a.info().vendor(), a.bundle(), status));
        }
        return out;
    }

    /** The sink handed to one driver. */
    private final class Sink implements DeviceSink {
        private final String deviceId;

        Sink(String deviceId) {
            this.deviceId = deviceId;
        }

        @Override
        public void status(DeviceStatus status, String reason) {
            sites.updateDeviceStatus(deviceId, status == null ? DeviceStatus.UNKNOWN : status, reason);
        }

        @Override
        public IngestResult event(SecurityEvent e) {
            return event(e, null);
        }

        @Override
        public IngestResult event(SecurityEvent e, String forDevice) {
            Limits.body(e, "an event");
            String device = forDevice == null ? deviceId : forDevice;
            SecurityEvent forced = new SecurityEvent(e.id(), e.time(), e.siteId(), device, e.zoneId(), e.type(),
                    e.severity(), e.attributes(), e.snapshotRef(), e.personId());
            return events.ingest(forced);
        }
    }
}
