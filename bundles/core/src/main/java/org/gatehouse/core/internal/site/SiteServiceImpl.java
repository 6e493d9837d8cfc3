package org.gatehouse.core.internal.site;

import org.osgi.annotation.bundle.Capability;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.audit.AuditTrail;
import org.gatehouse.core.internal.store.Db;
import org.gatehouse.core.internal.store.JsonMap;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.service.SiteService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sites, zones and devices in Derby, with the device table cached in memory for the ingest path. */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.service.SiteService")
public final class SiteServiceImpl implements SiteService {
    private static final Logger LOG = LoggerFactory.getLogger(SiteServiceImpl.class);

    private final Db db;
    private final AuditTrail audit;
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private volatile Runnable deviceChanged = () -> { };

    public SiteServiceImpl(Db db, AuditTrail audit) {
        this.db = db;
        this.audit = audit;
        db.tx(c -> {
            for (Device d : Db.list(c, "SELECT * FROM DEVICES", SiteServiceImpl::mapDevice)) {
                devices.put(d.id(), d);
            }
            return null;
        });
    }

    @Override
    public List<Site> sites() {
        return db.tx(c -> Db.list(c, "SELECT * FROM SITES ORDER BY ID", SiteServiceImpl::mapSite));
    }

    @Override
    public Optional<Site> site(String id) {
        return db.tx(c -> Db.one(c, "SELECT * FROM SITES WHERE ID = ?", SiteServiceImpl::mapSite, id));
    }

    @Override
    public Site saveSite(Site site, String actor) {
        Limits.body(site, "a site");
        Limits.id("id", site.id());
        Limits.text("name", site.name(), 200, true);
        String tz = site.timezone() == null || site.timezone().isBlank() ? "Asia/Shanghai" : site.timezone();
        try {
            ZoneId.of(tz);
        } catch (RuntimeException e) {
            throw GatehouseException.invalid("bad-timezone", "unknown time zone '" + tz + "'");
        }
        Limits.text("address", site.address(), 500, false);
        Site s = new Site(site.id(), site.name(), tz, site.address());
        return db.tx(c -> {
            boolean exists = Db.count(c, "SELECT COUNT(*) FROM SITES WHERE ID = ?", s.id()) > 0;
            if (exists) {
                Db.update(c, "UPDATE SITES SET NAME = ?, TIMEZONE = ?, ADDRESS = ? WHERE ID = ?", s.name(),
                        s.timezone(), s.address(), s.id());
            } else {
                Db.update(c, "INSERT INTO SITES (ID, NAME, TIMEZONE, ADDRESS) VALUES (?,?,?,?)", s.id(), s.name(),
                        s.timezone(), s.address());
            }
            audit.record(c, actor, exists ? "site-update" : "site-add", "site", s.id(), s.name());
            return s;
        });
    }

    @Override
    public void deleteSite(String id, String actor) {
        db.tx(c -> {
            // a missing site has no zones or devices: the delete reports it
            if (Db.count(c, "SELECT COUNT(*) FROM ZONES WHERE SITE_ID = ?", id) > 0
                    || Db.count(c, "SELECT COUNT(*) FROM DEVICES WHERE SITE_ID = ?", id) > 0) {
                throw GatehouseException.conflict("site-not-empty",
                        "site '" + id + "' still has zones or devices; remove them first");
            }
            Db.deleteOne(c, "DELETE FROM SITES WHERE ID = ?", id, "unknown-site", "site");
            audit.removed(c, actor, "site", id);
            return null;
        });
    }

    @Override
    public List<Zone> zones(String siteId) {
        Db.Where w = new Db.Where().and("SITE_ID = ?", siteId);
        return db.tx(c -> Db.list(c, "SELECT * FROM ZONES" + w.sql() + " ORDER BY ID", SiteServiceImpl::mapZone,
                w.params()));
    }

    @Override
    public Optional<Zone> zone(String id) {
        return db.tx(c -> Db.one(c, "SELECT * FROM ZONES WHERE ID = ?", SiteServiceImpl::mapZone, id));
    }

    @Override
    public Zone saveZone(Zone zone, String actor) {
        Limits.body(zone, "a zone");
        Limits.id("id", zone.id());
        Limits.id("siteId", zone.siteId());
        Limits.text("name", zone.name(), 200, true);
        if (zone.kind() == null) {
            throw GatehouseException.invalid("missing-kind", "kind is required: one of "
                    + Arrays.toString(ZoneKind.values()));
        }
        for (String p : zone.responsibleStaff()) {
            Limits.id("responsibleStaff", p);
        }
        return db.tx(c -> {
            requireSite(c, zone.siteId());
            boolean exists = Db.count(c, "SELECT COUNT(*) FROM ZONES WHERE ID = ?", zone.id()) > 0;
            String staff = String.join(",", zone.responsibleStaff());
            if (exists) {
                Db.update(c, "UPDATE ZONES SET SITE_ID = ?, NAME = ?, KIND = ?, ARMED = ?, RESPONSIBLE = ? WHERE ID = ?",
                        zone.siteId(), zone.name(), zone.kind().name(), zone.armed(), staff, zone.id());
            } else {
                Db.update(c, "INSERT INTO ZONES (ID, SITE_ID, NAME, KIND, ARMED, RESPONSIBLE) VALUES (?,?,?,?,?,?)",
                        zone.id(), zone.siteId(), zone.name(), zone.kind().name(), zone.armed(), staff);
            }
            audit.record(c, actor, exists ? "zone-update" : "zone-add", "zone", zone.id(),
                    zone.name() + " (" + zone.kind() + (zone.armed() ? ", armed" : "") + ")");
            return zone;
        });
    }

    @Override
    public void deleteZone(String id, String actor) {
        db.tx(c -> {
            // a missing zone has no devices: the delete reports it
            if (Db.count(c, "SELECT COUNT(*) FROM DEVICES WHERE ZONE_ID = ?", id) > 0) {
                throw GatehouseException.conflict("zone-not-empty",
                        "zone '" + id + "' still has devices; move or remove them first");
            }
            Db.deleteOne(c, "DELETE FROM ZONES WHERE ID = ?", id, "unknown-zone", "zone");
            audit.removed(c, actor, "zone", id);
            return null;
        });
    }

    @Override
    public List<Device> devices(String siteId) {
        List<Device> out = new ArrayList<>();
        for (Device d : devices.values()) {
            if (siteId == null || siteId.equals(d.siteId())) {
                out.add(d);
            }
        }
        out.sort(Comparator.comparing(Device::id));
        return out;
    }

    @Override
    public Optional<Device> device(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(devices.get(id));
    }

    @Override
    public Device saveDevice(Device device, String actor) {
        Limits.body(device, "a device");
        Limits.id("id", device.id());
        Limits.id("siteId", device.siteId());
        if (device.zoneId() != null) {
            Limits.id("zoneId", device.zoneId());
        }
        Limits.id("type", device.type());
        Limits.id("vendor", device.vendor());
        Limits.text("name", device.name(), 200, false);
        String props = JsonMap.encode(device.properties());
        if (props != null && props.length() > 8000) {
            throw GatehouseException.invalid("bad-properties", "device properties are larger than 8000 characters");
        }
        synchronized (devices) {
            Device existing = devices.get(device.id());
            Device d = device.withStatus(existing == null ? DeviceStatus.UNKNOWN : existing.status());
            db.tx(c -> {
                requireSite(c, d.siteId());
                if (d.zoneId() != null) {
                    Optional<String> zoneSite = Db.one(c, "SELECT SITE_ID FROM ZONES WHERE ID = ?",
                            rs -> rs.getString(1), d.zoneId());
                    if (zoneSite.isEmpty()) {
                        throw GatehouseException.notFound("unknown-zone", "zone '" + d.zoneId() + "' does not exist");
                    }
                    if (!zoneSite.get().equals(d.siteId())) {
                        throw GatehouseException.invalid("zone-site-mismatch",
                                "zone '" + d.zoneId() + "' belongs to site '" + zoneSite.get() + "'");
                    }
                }
                if (existing != null) {
                    Db.update(c, "UPDATE DEVICES SET SITE_ID = ?, ZONE_ID = ?, TYPE = ?, VENDOR = ?, NAME = ?,"
                            + " PROPS = ? WHERE ID = ?", d.siteId(), d.zoneId(), d.type(), d.vendor(), d.name(), props,
                            d.id());
                } else {
                    Db.update(c, "INSERT INTO DEVICES (ID, SITE_ID, ZONE_ID, TYPE, VENDOR, NAME, STATUS, PROPS)"
                            + " VALUES (?,?,?,?,?,?,?,?)", d.id(), d.siteId(), d.zoneId(), d.type(), d.vendor(),
                            d.name(), d.status().name(), props);
                }
                audit.record(c, actor, existing != null ? "device-update" : "device-add", "device", d.id(),
                        d.type() + "/" + d.vendor() + " at " + d.siteId() + (d.zoneId() == null ? "" : "/" + d.zoneId()));
                return null;
            });
            devices.put(d.id(), d);
            deviceChanged.run();
            return d;
        }
    }

    /** Called after every committed change of a device's registration (added, updated, deleted). */
    public void onDeviceChange(Runnable listener) {
        this.deviceChanged = listener;
    }

    @Override
    public void deleteDevice(String id, String actor) {
        synchronized (devices) {
            if (!devices.containsKey(id)) {
                throw GatehouseException.notFound("unknown-device", "device '" + id + "' is not registered");
            }
            db.tx(c -> {
                Db.update(c, "DELETE FROM DEVICES WHERE ID = ?", id);
                audit.removed(c, actor, "device", id);
                return null;
            });
            devices.remove(id);
        }
        deviceChanged.run();
    }

    @Override
    public void updateDeviceStatus(String id, DeviceStatus status, String reason) {
        synchronized (devices) {
            Device d = devices.get(id);
            if (d == null || d.status() == status) {
                return;
            }
            db.tx(c -> {
                Db.update(c, "UPDATE DEVICES SET STATUS = ? WHERE ID = ?", status.name(), id);
                audit.record(c, "system", "device-status", "device", id, status + (reason == null ? "" : ": " + reason));
                return null;
            });
            devices.put(id, d.withStatus(status));
        }
        LOG.info("Device {} is {}{}", id, status, reason == null ? "" : ": " + reason);
    }

    private static void requireSite(Connection c, String siteId) throws SQLException {
        if (Db.count(c, "SELECT COUNT(*) FROM SITES WHERE ID = ?", siteId) == 0) {
            throw GatehouseException.notFound("unknown-site", "site '" + siteId + "' does not exist");
        }
    }

    static Site mapSite(ResultSet rs) throws SQLException {
        return new Site(rs.getString("ID"), rs.getString("NAME"), rs.getString("TIMEZONE"), rs.getString("ADDRESS"));
    }

    static Zone mapZone(ResultSet rs) throws SQLException {
        String staff = rs.getString("RESPONSIBLE");
        return new Zone(rs.getString("ID"), rs.getString("SITE_ID"), rs.getString("NAME"),
                ZoneKind.valueOf(rs.getString("KIND")), rs.getShort("ARMED") != 0,
                staff == null || staff.isBlank() ? List.of() : List.of(staff.split(",")));
    }

    static Device mapDevice(ResultSet rs) throws SQLException {
        return new Device(rs.getString("ID"), rs.getString("SITE_ID"), rs.getString("ZONE_ID"), rs.getString("TYPE"),
                rs.getString("VENDOR"), rs.getString("NAME"), DeviceStatus.valueOf(rs.getString("STATUS")),
                JsonMap.decode(rs.getString("PROPS")));
    }
}
