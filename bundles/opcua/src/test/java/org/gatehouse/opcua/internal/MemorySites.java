package org.gatehouse.opcua.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gatehouse.api.AuditEntry;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.perimeter.ArmingSchedule;
import org.gatehouse.api.perimeter.ArmingService;
import org.gatehouse.api.perimeter.ZoneArming;
import org.gatehouse.api.service.AuditService;
import org.gatehouse.api.service.SiteService;

/**
 * In-memory sites, arming and audit for the unit tests and OpcUaBench (the Pax Exam test OpcUaIT runs the same paths
 * against the real core with Derby).
 */
public final class MemorySites implements SiteService {
    final Map<String, Site> sites = new ConcurrentHashMap<>();
    final Map<String, Zone> zones = new ConcurrentHashMap<>();
    final Map<String, Device> devices = new ConcurrentHashMap<>();
    final Arming arming = new Arming();
    final Audit audit = new Audit();

    @Override
    public List<Site> sites() {
        return List.copyOf(sites.values());
    }

    @Override
    public Optional<Site> site(String id) {
        return Optional.ofNullable(sites.get(id));
    }

    @Override
    public Site saveSite(Site site, String actor) {
        sites.put(site.id(), site);
        return site;
    }

    @Override
    public void deleteSite(String id, String actor) {
        sites.remove(id);
    }

    @Override
    public List<Zone> zones(String siteId) {
        return zones.values().stream().filter(z -> z.siteId().equals(siteId)).toList();
    }

    @Override
    public Optional<Zone> zone(String id) {
        return Optional.ofNullable(zones.get(id));
    }

    @Override
    public Zone saveZone(Zone zone, String actor) {
        zones.put(zone.id(), zone);
        return zone;
    }

    @Override
    public void deleteZone(String id, String actor) {
        zones.remove(id);
    }

    @Override
    public List<Device> devices(String siteId) {
        return devices.values().stream().filter(d -> d.siteId().equals(siteId)).toList();
    }

    @Override
    public Optional<Device> device(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    @Override
    public Device saveDevice(Device device, String actor) {
        devices.put(device.id(), device);
        return device;
    }

    @Override
    public void deleteDevice(String id, String actor) {
        devices.remove(id);
    }

    @Override
    public void updateDeviceStatus(String id, DeviceStatus status, String reason) {
        devices.computeIfPresent(id, (k, d) -> d.withStatus(status));
    }

    /** Arming by hand of the perimeter zones, as the core checks it (reason required to disarm). */
    final class Arming implements ArmingService {
        final Map<String, Boolean> armed = new ConcurrentHashMap<>();
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public List<ZoneArming> zones() {
            return zones.values().stream().filter(z -> z.kind() == ZoneKind.PERIMETER).map(z -> zone(z.id()))
                    .toList();
        }

        @Override
        public ZoneArming zone(String zoneId) {
            Zone z = zones.get(zoneId);
            if (z == null) {
                throw GatehouseException.notFound("unknown-zone", zoneId);
            }
            if (z.kind() != ZoneKind.PERIMETER) {
                throw GatehouseException.invalid("not-perimeter", zoneId);
            }
            return new ZoneArming(zoneId, z.name(), armed.getOrDefault(zoneId, z.armed()), "manual", null, null,
                    null, null, new ArmingSchedule(List.of()), null);
        }

        @Override
        public ZoneArming arm(String zoneId, boolean on, java.time.Instant until, String reason, String actor) {
            zone(zoneId);
            if (!on && (reason == null || reason.isBlank())) {
                throw GatehouseException.invalid("reason-required", "a reason is required to disarm");
            }
            armed.put(zoneId, on);
            calls.add((on ? "arm " : "disarm ") + zoneId + " by " + actor + (reason == null ? "" : ": " + reason));
            audit.record(actor, on ? "zone-arm" : "zone-disarm", "zone", zoneId, reason);
            return zone(zoneId);
        }

        @Override
        public ZoneArming bypass(String zoneId, String reason, java.time.Instant until, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ZoneArming endBypass(String zoneId, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ZoneArming schedule(String zoneId, ArmingSchedule schedule, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean alarms(SecurityEvent event) {
            return true;
        }
    }

    /** The audit entries written. */
    static final class Audit implements AuditService {
        final List<AuditEntry> entries = new CopyOnWriteArrayList<>();

        @Override
        public AuditEntry record(String actor, String action, String subjectType, String subjectId, String detail) {
            AuditEntry e = new AuditEntry(entries.size() + 1, java.time.Instant.now(), actor, action, subjectType,
                    subjectId, detail);
            entries.add(e);
            return e;
        }

        @Override
        public Page<AuditEntry> query(String subjectType, String subjectId, java.time.Instant from, int offset,
                                      int limit) {
            return new Page<>(entries, entries.size(), 0, entries.size());
        }
    }
}
