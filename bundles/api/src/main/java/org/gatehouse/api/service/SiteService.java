package org.gatehouse.api.service;

import java.util.List;
import java.util.Optional;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The site registry: sites, zones and devices. Every change is written to the audit trail with its actor.
 * Invalid input throws {@link org.gatehouse.api.GatehouseException}: INVALID for bad fields, NOT_FOUND for a
 * missing parent, CONFLICT for a duplicate id or a delete that would orphan children.
 */
@ProviderType
public interface SiteService {
    List<Site> sites();

    Optional<Site> site(String id);

    /** Creates or replaces a site. */
    Site saveSite(Site site, String actor);

    /** Deletes a site with no zones and no devices. */
    void deleteSite(String id, String actor);

    /** @param siteId null for all sites */
    List<Zone> zones(String siteId);

    Optional<Zone> zone(String id);

    /** Creates or replaces a zone; its site must exist. */
    Zone saveZone(Zone zone, String actor);

    /** Deletes a zone no device is in. */
    void deleteZone(String id, String actor);

    /** @param siteId null for all sites */
    List<Device> devices(String siteId);

    Optional<Device> device(String id);

    /** Creates or replaces a device; its site (and zone, if given) must exist. The status is kept on replace. */
    Device saveDevice(Device device, String actor);

    /** Removes a device; its stored events stay. */
    void deleteDevice(String id, String actor);

    /** Records a status reported by a driver (audited only when it changes). */
    void updateDeviceStatus(String id, DeviceStatus status, String reason);
}
