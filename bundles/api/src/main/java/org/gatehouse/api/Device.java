package org.gatehouse.api;

import java.util.Map;

/**
 * A physical device known to the site registry.
 *
 * @param id         stable identifier, unique across sites (for example {@code gate-1})
 * @param siteId     the site it is installed at
 * @param zoneId     the zone it watches, may be null
 * @param type       device type: {@code facegate}, {@code camera}, {@code fence}, {@code thermo}, {@code pir}, ...
 * @param vendor     driver vendor key, matching {@code gatehouse.device.vendor} of its driver ({@code http} for
 *                   devices that push events to the REST ingress)
 * @param name       display name
 * @param status     last reported connection state
 * @param properties free-form settings (address, model, firmware)
 */
public record Device(String id, String siteId, String zoneId, String type, String vendor, String name,
                     DeviceStatus status, Map<String, String> properties) {
    public Device {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        status = status == null ? DeviceStatus.UNKNOWN : status;
    }

    /** @return a copy with another status */
    public Device withStatus(DeviceStatus newStatus) {
        return new Device(id, siteId, zoneId, type, vendor, name, newStatus, properties);
    }
}
